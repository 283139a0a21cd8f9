// Differential test against real Go: random operation sequences run on Go's sync.Map (src/testdata/mapops.go)
// and on this Map must give the same results, line for line, every method included: Swap, CompareAndSwap and
// CompareAndDelete (Go 1.20) and Clear (Go 1.23) against the Go >= 1.23 that requireGo finds.
import { fileURLToPath } from 'node:url';
import { goRun, goVersion, requireGo } from '@gostd/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyncMap } from './map';

const program = fileURLToPath(new URL('./testdata/mapops.go', import.meta.url));

type Value = number | undefined;

/** Applies one line of the mapops protocol to m and returns the line Go prints for it. */
function apply(m: SyncMap<string, Value>, line: string): string {
  const [op = '', k = '', a, b] = line.split(' ');
  const val = (s: string | undefined): Value => (s === 'nil' || s === undefined ? undefined : Number(s));
  const show = (v: Value): string => (v === undefined ? 'nil' : String(v));
  switch (op) {
    case 'load': {
      const [v, ok] = m.load(k);
      return `${show(v)} ${ok}`;
    }
    case 'store':
      m.store(k, val(a));
      return '-';
    case 'loadOrStore': {
      const [v, ok] = m.loadOrStore(k, val(a));
      return `${show(v)} ${ok}`;
    }
    case 'loadAndDelete': {
      const [v, ok] = m.loadAndDelete(k);
      return `${show(v)} ${ok}`;
    }
    case 'delete':
      m.delete(k);
      return '-';
    case 'swap': {
      const [v, ok] = m.swap(k, val(a));
      return `${show(v)} ${ok}`;
    }
    case 'compareAndSwap':
      return String(m.compareAndSwap(k, val(a), val(b)));
    case 'compareAndDelete':
      return String(m.compareAndDelete(k, val(a)));
    case 'clear':
      m.clear();
      return '-';
    case 'range': {
      const kv: string[] = [];
      m.range((key, v) => {
        kv.push(`${key}=${show(v)}`);
        return true;
      });
      return `range ${kv.sort().join(',')}`.trimEnd();
    }
    default:
      throw new Error(`unknown op ${op}`);
  }
}

describe.skipIf(!requireGo('sync.Map differential test'))('Map against Go sync.Map', () => {
  it('gives Go’s results on random operation sequences', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const value = fc.oneof(fc.constant('nil'), fc.integer({ min: 0, max: 3 }).map(String));
    const ops: fc.Arbitrary<string>[] = [
      key.map((k) => `load ${k}`),
      fc.tuple(key, value).map(([k, v]) => `store ${k} ${v}`),
      fc.tuple(key, value).map(([k, v]) => `loadOrStore ${k} ${v}`),
      key.map((k) => `loadAndDelete ${k}`),
      key.map((k) => `delete ${k}`),
      fc.constant('range'),
      fc.tuple(key, value).map(([k, v]) => `swap ${k} ${v}`),
      fc.tuple(key, value, value).map(([k, o, v]) => `compareAndSwap ${k} ${o} ${v}`),
      fc.tuple(key, value).map(([k, o]) => `compareAndDelete ${k} ${o}`),
      fc.constant('clear'),
    ];
    const sequences = fc.sample(fc.array(fc.oneof(...ops), { minLength: 1, maxLength: 80, size: 'max' }), {
      numRuns: 300,
      seed: 20170824,
    });
    const lines = sequences.flatMap((s) => ['reset', ...s, 'range']);
    const want = goRun(program, [], `${lines.join('\n')}\n`)
      .trimEnd()
      .split('\n');
    let m = new SyncMap<string, Value>();
    const got = lines.map((line) => {
      if (line === 'reset') {
        m = new SyncMap();
        return '-';
      }
      return apply(m, line);
    });
    expect(got.length).toBe(want.length);
    for (let i = 0; i < lines.length; i++) {
      if (got[i] !== want[i]?.trimEnd()) expect(`${lines[i]} -> ${got[i]}`).toBe(`${lines[i]} -> ${want[i]}`);
    }
    const compared = lines.length - sequences.length;
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l.split(' ')[0]!, (counts.get(l.split(' ')[0]!) ?? 0) + 1);
    for (const op of ['swap', 'compareAndSwap', 'compareAndDelete', 'clear'])
      expect(counts.get(op)).toBeGreaterThan(50);
    console.log(
      `sync.Map differential: compared ${compared} operations in ${sequences.length} sequences with ${goVersion()}` +
        ` (swap ${counts.get('swap')}, compareAndSwap ${counts.get('compareAndSwap')},` +
        ` compareAndDelete ${counts.get('compareAndDelete')}, clear ${counts.get('clear')})`,
    );
  });
});
