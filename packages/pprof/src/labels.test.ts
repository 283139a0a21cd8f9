import { fileURLToPath } from 'node:url';
import { goRun, requireGo } from '@gostd/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as pprof from './index';
import { shared } from './shared';

const { do: doLabels, forLabels, label, labels, setGoroutineLabels, withLabels } = pprof;

function sorted(ctx?: pprof.LabelContext | null): [string, string][] {
  const ls: [string, string][] = [];
  forLabels((k, v) => {
    ls.push([k, v]);
    return true;
  }, ctx);
  return ls.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

// Go's src/runtime/pprof/label_test.go TestContextLabels, step by step as data:
// each step adds Labels(args...) to the context and checks one Label lookup and
// the sorted ForLabels listing.
const contextLabelSteps: { add: string[]; key: string; want: string; labels: [string, string][] }[] = [
  { add: ['key', 'value'], key: 'key', want: 'value', labels: [['key', 'value']] },
  {
    add: ['key2', 'value2'],
    key: 'key2',
    want: 'value2',
    labels: [
      ['key', 'value'],
      ['key2', 'value2'],
    ],
  },
  {
    add: ['key', 'value3'],
    key: 'key',
    want: 'value3',
    labels: [
      ['key', 'value3'],
      ['key2', 'value2'],
    ],
  },
  {
    add: ['key4', 'value4a', 'key4', 'value4b'],
    key: 'key4',
    want: 'value4b',
    labels: [
      ['key', 'value3'],
      ['key2', 'value2'],
      ['key4', 'value4b'],
    ],
  },
];

// Go's src/runtime/pprof/label_test.go TestLabelMapStringer.
const labelMapStringer: { m: Record<string, string>; expected: string }[] = [
  { m: {}, expected: '{}' },
  { m: { foo: 'bar' }, expected: '{"foo":"bar"}' },
  {
    m: { foo: 'bar', key1: 'value1', key2: 'value2', key3: 'value3', key4WithNewline: '\nvalue4' },
    expected:
      '{"foo":"bar", "key1":"value1", "key2":"value2", "key3":"value3", "key4WithNewline":"\\nvalue4"}',
  },
];

describe('labels (Go label_test.go)', () => {
  it('TestContextLabels with explicit contexts', () => {
    expect(sorted(undefined)).toEqual([]);
    let ctx: pprof.LabelContext | null = null; // context.Background()
    for (const step of contextLabelSteps) {
      ctx = withLabels(labels(...step.add), ctx);
      expect(label(step.key, ctx)).toEqual([step.want, true]);
      expect(sorted(ctx)).toEqual(step.labels);
    }
  });

  it('TestContextLabels through setGoroutineLabels and the current labels', async () => {
    await doLabels(labels(), async () => {
      expect(sorted()).toEqual([]);
      for (const step of contextLabelSteps) {
        setGoroutineLabels(withLabels(labels(...step.add)));
        await null;
        expect(label(step.key)).toEqual([step.want, true]);
        expect(sorted()).toEqual(step.labels);
      }
    });
    expect(label('key')).toEqual(['', false]);
  });

  it.each(labelMapStringer)('TestLabelMapStringer %j', ({ m, expected }) => {
    expect(String(withLabels(labels(...Object.entries(m).flat()), null))).toBe(expected);
  });

  it('labels panics on an odd number of arguments, with Go message', () => {
    expect(() => labels('a')).toThrow('uneven number of arguments to pprof.Labels');
    expect(() => labels('a', 'b', 'c')).toThrow('uneven number of arguments to pprof.Labels');
    expect(() => labels('a', 1 as unknown as string)).toThrow(TypeError);
  });
});

describe('do', () => {
  it('merges onto the current labels, later keys win, and restores them', () => {
    doLabels(labels('a', '1', 'b', '1'), (outer) => {
      expect(String(outer)).toBe('{"a":"1", "b":"1"}');
      doLabels(labels('b', '2', 'c', '2'), (inner) => {
        expect(String(inner)).toBe('{"a":"1", "b":"2", "c":"2"}');
        expect(label('b')).toEqual(['2', true]);
      });
      expect(label('b')).toEqual(['1', true]);
      expect(label('c')).toEqual(['', false]);
    });
    expect(label('a')).toEqual(['', false]);
  });

  it('reads explicit contexts, null being no labels, whatever the current labels', () => {
    doLabels(labels('here', 'yes'), () => {
      expect(label('here', null)).toEqual(['', false]);
      expect(String(withLabels(labels('a', 'b'), null))).toBe('{"a":"b"}');
      expect(String(withLabels(labels('a', 'b')))).toBe('{"a":"b", "here":"yes"}');
      expect(sorted(null)).toEqual([]);
    });
  });

  it('restores the labels when fn throws', () => {
    expect(() =>
      doLabels(labels('x', 'y'), () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(label('x')).toEqual(['', false]);
  });

  it('passes on what fn returns', async () => {
    expect(doLabels(labels(), () => 42)).toBe(42);
    await expect(doLabels(labels(), async () => 'v')).resolves.toBe('v');
  });

  it('is inherited by awaits, promises, timers, immediates, nextTicks and callbacks', async () => {
    const seen: string[] = [];
    const note = (where: string) => seen.push(`${where}=${label('req')[0]}`);
    const run = (id: string) =>
      doLabels(labels('req', id), async () => {
        await null;
        note(`await${id}`);
        await new Promise<void>((r) =>
          setTimeout(() => {
            note(`timer${id}`);
            r();
          }, 2),
        );
        await new Promise<void>((r) =>
          setImmediate(() => {
            note(`immediate${id}`);
            r();
          }),
        );
        await new Promise<void>((r) =>
          process.nextTick(() => {
            note(`tick${id}`);
            r();
          }),
        );
        await Promise.resolve().then(() => note(`then${id}`));
        queueMicrotask(() => note(`microtask${id}`));
        await new Promise<void>((r) => setTimeout(r, 1));
      });
    await Promise.all([run('1'), run('2'), run('3')]);
    for (const s of seen) {
      const [where, got] = s.split('=') as [string, string];
      expect(where.endsWith(got)).toBe(true);
    }
    expect(seen.length).toBe(18);
    expect(label('req')).toEqual(['', false]);
  });

  it('keeps concurrent labeled jobs apart (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string(), fc.nat(3)), { minLength: 1, maxLength: 8 }),
        async (jobs) => {
          const got = await Promise.all(
            jobs.map(([v, waits], i) =>
              doLabels(labels('job', `${i}`, 'v', v), async () => {
                for (let w = 0; w < waits; w++) await new Promise((r) => setImmediate(r));
                return [label('job')[0], label('v')[0]];
              }),
            ),
          );
          expect(got).toEqual(jobs.map(([v], i) => [`${i}`, v]));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('one label store per process', () => {
  it('is kept under a global symbol', () => {
    const g = globalThis as unknown as Record<symbol, unknown>;
    expect(g[Symbol.for('@gostd/pprof.shared.v1')]).toBe(shared);
  });

  it('is shared with the built copy of the package (dist), so labels never split', async () => {
    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const other = (await import(/* @vite-ignore */ dist)) as typeof pprof;
    expect(other.labels).not.toBe(labels);
    other.do(other.labels('from', 'dist'), () => {
      expect(label('from')).toEqual(['dist', true]);
      doLabels(labels('and', 'src'), () => {
        expect(other.label('from')).toEqual(['dist', true]);
        expect(other.label('and')).toEqual(['src', true]);
      });
    });
  });
});

describe.skipIf(!requireGo('pprof label map differential tests'))('label maps against Go', () => {
  it("formats random label maps exactly as Go's labelMap.String", () => {
    const units = ['grapheme', 'binary-ascii', 'binary'] as const;
    const cases = units
      .flatMap((unit) =>
        fc.sample(fc.array(fc.string({ unit, maxLength: 6 }), { maxLength: 10 }), { numRuns: 200, seed: 7 }),
      )
      .map((a) => (a.length % 2 === 0 ? a : a.slice(1)));
    const input = cases.map((c) => JSON.stringify(c)).join('\n');
    const out = goRun(fileURLToPath(new URL('./testdata/labelmap.go', import.meta.url)), [], `${input}\n`);
    const rows = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { s: string });
    expect(rows.length).toBe(cases.length);
    // Every case is compared: quote answers from Go's own Unicode tables (@gostd/internal), so a code point
    // a newer JavaScript engine knows and Go does not is escaped as Go escapes it.
    for (let i = 0; i < cases.length; i++) {
      expect(String(withLabels(labels(...(cases[i] as string[])), null))).toBe(rows[i]?.s);
    }
    console.log(`label maps: compared ${cases.length} random label maps with Go`);
  });
});

describe("label strings are quoted with Go's Unicode tables", () => {
  it('escapes a code point Go 1.26 (Unicode 15.0) has not assigned, as Go does', () => {
    // U+2EBF0 came in Unicode 15.1: a letter to a newer JavaScript engine, unassigned to Go.
    expect(String(withLabels(labels('k', '\u{2ebf0}'), null))).toBe('{"k":"\\U0002ebf0"}');
  });
});
