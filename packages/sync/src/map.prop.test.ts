// Model-based property tests of Map, after Go's src/sync/map_test.go (Go 1.23): TestMapMatchesRWMutex and
// TestMapMatchesDeepCopy compare random call sequences with reference maps; here the calls also run inside
// range callbacks (nested ranges, clear during range, as in TestMapRangeNestedCall), and every range is
// checked against the guarantees documented on SyncMap.range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyncMap } from './map';

const objA = { name: 'a' };
const objB = { name: 'b' };
const keyArb = fc.constantFrom<unknown>(
  'a',
  'b',
  'c',
  0,
  1,
  2,
  Number.NaN,
  -0,
  true,
  null,
  undefined,
  objA,
  objB,
);
const valueArb = fc.constantFrom<unknown>(0, 1, 'x', undefined, null, Number.NaN, -0, 1n, objA, objB);

type Op =
  | { op: 'load' | 'get' | 'has' | 'loadAndDelete' | 'delete'; k: unknown }
  | { op: 'store' | 'loadOrStore' | 'swap'; k: unknown; v: unknown }
  | { op: 'compareAndSwap'; k: unknown; old: unknown; v: unknown }
  | { op: 'compareAndDelete'; k: unknown; old: unknown }
  | { op: 'clear' | 'size' }
  | { op: 'range' | 'iterate'; stopAfter: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constantFrom('load', 'get', 'has', 'loadAndDelete', 'delete'), k: keyArb }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constantFrom('store', 'loadOrStore', 'swap'), k: keyArb, v: valueArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('compareAndSwap'), k: keyArb, old: valueArb, v: valueArb }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('compareAndDelete'), k: keyArb, old: valueArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('clear', 'size') }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constantFrom('range', 'iterate'),
      stopAfter: fc.integer({ min: 0, max: 15 }),
    }),
  },
);

/** What one range in progress has seen, to check its guarantees when it ends. */
interface Visit {
  start: Set<unknown>;
  disturbed: Set<unknown>; // keys deleted (or cleared) at some point during the range
  visited: Set<unknown>;
  cleared: boolean;
}

/** Runs ops on a SyncMap and a reference Map; ops inside a range callback come from the same stream. */
class Harness {
  readonly m = new SyncMap<unknown, unknown>();
  readonly ref = new Map<unknown, unknown>();
  private readonly active: Visit[] = [];
  private i = 0;
  ranges = 0;

  constructor(private readonly ops: readonly Op[]) {}

  run(): void {
    while (this.i < this.ops.length) this.step(0);
    expect([...this.m.entries()]).toEqual([...this.ref.entries()]);
  }

  private removed(k: unknown): void {
    for (const v of this.active) v.disturbed.add(k);
  }

  private step(depth: number): void {
    const o = this.ops[this.i++];
    if (o === undefined) return;
    const { m, ref } = this;
    const label = (): string => `op ${this.i - 1} ${o.op}`;
    switch (o.op) {
      case 'load':
        expect(m.load(o.k), label()).toEqual(ref.has(o.k) ? [ref.get(o.k), true] : [undefined, false]);
        break;
      case 'get':
        expect(m.get(o.k), label()).toBe(ref.get(o.k));
        break;
      case 'has':
        expect(m.has(o.k), label()).toBe(ref.has(o.k));
        break;
      case 'loadAndDelete': {
        const want = ref.has(o.k) ? [ref.get(o.k), true] : [undefined, false];
        ref.delete(o.k);
        this.removed(o.k);
        expect(m.loadAndDelete(o.k), label()).toEqual(want);
        break;
      }
      case 'delete':
        ref.delete(o.k);
        this.removed(o.k);
        m.delete(o.k);
        break;
      case 'store':
        ref.set(o.k, o.v);
        m.store(o.k, o.v);
        break;
      case 'loadOrStore': {
        const want = ref.has(o.k) ? [ref.get(o.k), true] : [o.v, false];
        if (!ref.has(o.k)) ref.set(o.k, o.v);
        expect(m.loadOrStore(o.k, o.v), label()).toEqual(want);
        break;
      }
      case 'swap': {
        const want = ref.has(o.k) ? [ref.get(o.k), true] : [undefined, false];
        ref.set(o.k, o.v);
        expect(m.swap(o.k, o.v), label()).toEqual(want);
        break;
      }
      case 'compareAndSwap': {
        const want = ref.has(o.k) && ref.get(o.k) === o.old;
        if (want) ref.set(o.k, o.v);
        expect(m.compareAndSwap(o.k, o.old, o.v), label()).toBe(want);
        break;
      }
      case 'compareAndDelete': {
        const want = ref.has(o.k) && ref.get(o.k) === o.old;
        if (want) {
          ref.delete(o.k);
          this.removed(o.k);
        }
        expect(m.compareAndDelete(o.k, o.old), label()).toBe(want);
        break;
      }
      case 'clear':
        for (const k of ref.keys()) this.removed(k);
        for (const v of this.active) v.cleared = true;
        ref.clear();
        m.clear();
        break;
      case 'size':
        expect(m.size, label()).toBe(ref.size);
        break;
      case 'range':
      case 'iterate':
        this.range(o.op, o.stopAfter, depth);
        break;
    }
  }

  private range(how: 'range' | 'iterate', stopAfter: number, depth: number): void {
    this.ranges++;
    const visit: Visit = {
      start: new Set(this.ref.keys()),
      disturbed: new Set(),
      visited: new Set(),
      cleared: false,
    };
    this.active.push(visit);
    let stopped = false;
    const f = (k: unknown, v: unknown): boolean => {
      // Each key at most once; only keys present at the start; the value current at the key's turn.
      expect(visit.visited.has(k), 'visited twice').toBe(false);
      expect(visit.start.has(k), 'not present at the start').toBe(true);
      expect(visit.cleared, 'visited after clear').toBe(false);
      expect(this.ref.has(k), 'deleted key visited').toBe(true);
      expect(Object.is(this.ref.get(k), v), 'stale value').toBe(true);
      visit.visited.add(k);
      // Run the next operation of the stream inside f (a nested range only two levels deep).
      if (depth < 2 || this.ops[this.i]?.op !== 'range') this.step(depth + 1);
      else this.i++;
      if (visit.visited.size > stopAfter) {
        stopped = true;
        return false;
      }
      return true;
    };
    if (how === 'range') {
      this.m.range(f);
    } else {
      for (const [k, v] of this.m) if (!f(k, v)) break;
    }
    this.active.pop();
    if (!stopped && !visit.cleared) {
      // Every key present for the whole call was visited.
      for (const k of visit.start)
        if (!visit.disturbed.has(k)) expect(visit.visited.has(k), 'key missed').toBe(true);
    }
  }
}

describe('Map model', () => {
  it('matches a reference map, with operations and nested ranges inside range callbacks', () => {
    let ranges = 0;
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200, size: 'max' }), (ops) => {
        const h = new Harness(ops);
        h.run();
        ranges += h.ranges;
      }),
      { numRuns: 500 },
    );
    expect(ranges).toBeGreaterThan(1000);
  });

  it('keeps the guarantees through compaction of a large, churning map', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 7 }), (n, stride) => {
        const m = new SyncMap<number, number>();
        const ref = new Map<number, number>();
        for (let i = 0; i < n; i++) {
          m.store(i, i);
          ref.set(i, i);
        }
        const visited = new Set<number>();
        let step = 0;
        m.range((k, v) => {
          expect(visited.has(k)).toBe(false);
          expect(ref.get(k)).toBe(v);
          visited.add(k);
          // Delete many keys (forcing compaction while the range holds the log) and re-add some.
          for (let j = 0; j < stride; j++) {
            const d = (k * 31 + step++) % (n + 1);
            m.delete(d);
            ref.delete(d);
          }
          m.store(k, v + 1);
          ref.set(k, v + 1);
          return true;
        });
        expect([...m]).toEqual([...ref]);
        expect(m.size).toBe(ref.size);
      }),
      { numRuns: 200 },
    );
  });
});
