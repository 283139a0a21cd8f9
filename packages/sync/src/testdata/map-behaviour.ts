// The behaviour of Go's sync.Map as a vitest suite, shared by every map in this package that claims Go's
// semantics (the in-process Map and SharedMap). It uses only string and number keys and primitive values, so a
// map that stores its data outside the JS heap can run it too.
//
// The ideas come from Go's src/sync/map_test.go (Go 1.23: TestMapMatchesRWMutex, TestMapMatchesDeepCopy,
// TestConcurrentRange, TestMapRangeNestedCall, TestCompareAndSwap_NonExistingKey, TestMapDelete,
// TestMapClear, TestConcurrentClear) and from the documented contract of sync.Map in src/sync/map.go.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * MapLike is the surface of Go's sync.Map shared by the maps of this package: Go's methods with their first
 * letter lowered and multiple results as tuples, plus the non-allocating extras get, has and size.
 */
export interface MapLike<K, V> {
  load(key: K): [value: V | undefined, ok: boolean];
  store(key: K, value: V): void;
  loadOrStore(key: K, value: V): [actual: V, loaded: boolean];
  loadAndDelete(key: K): [value: V | undefined, loaded: boolean];
  delete(key: K): void;
  swap(key: K, value: V): [previous: V | undefined, loaded: boolean];
  compareAndSwap(key: K, old: V, value: V): boolean;
  compareAndDelete(key: K, old: V): boolean;
  // biome-ignore lint/suspicious/noConfusingVoidType: f may be a function that returns nothing
  range(f: (key: K, value: V) => boolean | void): void;
  clear(): void;
  get(key: K): V | undefined;
  has(key: K): boolean;
  readonly size: number;
}

type Key = string | number;
type M = MapLike<Key, unknown>;

/** Collects the entries of m through range, in visiting order. */
function rangeEntries(m: M): [Key, unknown][] {
  const out: [Key, unknown][] = [];
  m.range((k, v) => {
    out.push([k, v]);
    return true;
  });
  return out;
}

function sortedKeys(keys: Iterable<Key>): string[] {
  return [...keys].map((k) => `${typeof k}:${String(k)}`).sort();
}

/** One operation of the model-based test, as in Go's mapOp (map_test.go). */
type Op =
  | { op: 'load'; k: Key }
  | { op: 'store'; k: Key; v: unknown }
  | { op: 'loadOrStore'; k: Key; v: unknown }
  | { op: 'loadAndDelete'; k: Key }
  | { op: 'delete'; k: Key }
  | { op: 'swap'; k: Key; v: unknown }
  | { op: 'compareAndSwap'; k: Key; old: unknown; v: unknown }
  | { op: 'compareAndDelete'; k: Key; old: unknown }
  | { op: 'clear' }
  | { op: 'get'; k: Key }
  | { op: 'has'; k: Key }
  | { op: 'size' }
  | { op: 'range'; stopAfter: number };

// A small key and value space makes hits, misses and CAS matches all likely.
const keyArb: fc.Arbitrary<Key> = fc.oneof(
  fc.constantFrom<Key>('a', 'b', 'c', '', '0'),
  fc.integer({ min: -2, max: 5 }),
);
const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.constantFrom<unknown>('x', 'y', true, false, null, undefined, 1n, 2n, Number.NaN, 0.5),
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('load' as const), k: keyArb }),
  fc.record({ op: fc.constant('store' as const), k: keyArb, v: valueArb }),
  fc.record({ op: fc.constant('loadOrStore' as const), k: keyArb, v: valueArb }),
  fc.record({ op: fc.constant('loadAndDelete' as const), k: keyArb }),
  fc.record({ op: fc.constant('delete' as const), k: keyArb }),
  fc.record({ op: fc.constant('swap' as const), k: keyArb, v: valueArb }),
  fc.record({ op: fc.constant('compareAndSwap' as const), k: keyArb, old: valueArb, v: valueArb }),
  fc.record({ op: fc.constant('compareAndDelete' as const), k: keyArb, old: valueArb }),
  fc.record({ op: fc.constant('clear' as const) }),
  fc.record({ op: fc.constant('get' as const), k: keyArb }),
  fc.record({ op: fc.constant('has' as const), k: keyArb }),
  fc.record({ op: fc.constant('size' as const) }),
  fc.record({ op: fc.constant('range' as const), stopAfter: fc.integer({ min: 0, max: 20 }) }),
);

/**
 * applyReference applies op to the reference model, a plain JS Map, with Go's sync.Map contract written out
 * directly (like Go's RWMutexMap and DeepCopyMap in map_reference_test.go), and returns the op's results.
 */
function applyReference(ref: Map<Key, unknown>, o: Op): unknown {
  switch (o.op) {
    case 'load':
      return ref.has(o.k) ? [ref.get(o.k), true] : [undefined, false];
    case 'store':
      ref.set(o.k, o.v);
      return undefined;
    case 'loadOrStore':
      if (ref.has(o.k)) return [ref.get(o.k), true];
      ref.set(o.k, o.v);
      return [o.v, false];
    case 'loadAndDelete': {
      if (!ref.has(o.k)) return [undefined, false];
      const v = ref.get(o.k);
      ref.delete(o.k);
      return [v, true];
    }
    case 'delete':
      ref.delete(o.k);
      return undefined;
    case 'swap': {
      const had = ref.has(o.k);
      const prev = ref.get(o.k);
      ref.set(o.k, o.v);
      return had ? [prev, true] : [undefined, false];
    }
    case 'compareAndSwap':
      if (ref.has(o.k) && ref.get(o.k) === o.old) {
        ref.set(o.k, o.v);
        return true;
      }
      return false;
    case 'compareAndDelete':
      if (ref.has(o.k) && ref.get(o.k) === o.old) {
        ref.delete(o.k);
        return true;
      }
      return false;
    case 'clear':
      ref.clear();
      return undefined;
    case 'get':
      return ref.get(o.k);
    case 'has':
      return ref.has(o.k);
    case 'size':
      return ref.size;
    case 'range': {
      // Without mutation, range visits every key once; the visiting order is not specified, so the model
      // returns the number of calls and checks the visited set separately.
      return Math.min(ref.size, o.stopAfter + 1);
    }
  }
}

function applyMap(m: M, o: Op): unknown {
  switch (o.op) {
    case 'load':
      return m.load(o.k);
    case 'store':
      m.store(o.k, o.v);
      return undefined;
    case 'loadOrStore':
      return m.loadOrStore(o.k, o.v);
    case 'loadAndDelete':
      return m.loadAndDelete(o.k);
    case 'delete':
      m.delete(o.k);
      return undefined;
    case 'swap':
      return m.swap(o.k, o.v);
    case 'compareAndSwap':
      return m.compareAndSwap(o.k, o.old, o.v);
    case 'compareAndDelete':
      return m.compareAndDelete(o.k, o.old);
    case 'clear':
      m.clear();
      return undefined;
    case 'get':
      return m.get(o.k);
    case 'has':
      return m.has(o.k);
    case 'size':
      return m.size;
    case 'range': {
      let calls = 0;
      m.range(() => {
        calls++;
        return calls <= o.stopAfter;
      });
      return calls;
    }
  }
}

/** Object.is-based deep equality for result tuples, so NaN results compare equal to NaN. */
function sameResult(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  }
  return Object.is(a, b);
}

/**
 * behaviourSuite declares vitest tests of Go's sync.Map semantics for the map that make returns (a fresh,
 * empty map on every call).
 */
export function behaviourSuite(name: string, make: () => M): void {
  describe(`${name}: Go sync.Map behaviour`, () => {
    it('starts empty', () => {
      const m = make();
      expect(m.size).toBe(0);
      expect(m.load('a')).toEqual([undefined, false]);
      expect(m.get('a')).toBeUndefined();
      expect(m.has('a')).toBe(false);
      expect(rangeEntries(m)).toEqual([]);
    });

    it('load, store, get, has, size', () => {
      const m = make();
      m.store('a', 1);
      m.store(2, 'two');
      expect(m.load('a')).toEqual([1, true]);
      expect(m.load(2)).toEqual(['two', true]);
      expect(m.load('2')).toEqual([undefined, false]);
      expect(m.get(2)).toBe('two');
      expect(m.has('a')).toBe(true);
      expect(m.size).toBe(2);
      m.store('a', 3);
      expect(m.load('a')).toEqual([3, true]);
      expect(m.size).toBe(2);
    });

    it('keeps number and string keys apart', () => {
      const m = make();
      m.store(1, 'number');
      m.store('1', 'string');
      expect(m.get(1)).toBe('number');
      expect(m.get('1')).toBe('string');
      expect(m.size).toBe(2);
    });

    it('stores every primitive value faithfully', () => {
      const m = make();
      const values: unknown[] = [
        0,
        -1.5,
        2 ** 53,
        'text',
        '',
        true,
        false,
        null,
        undefined,
        12345678901234567890n,
      ];
      values.forEach((v, i) => {
        m.store(i, v);
      });
      values.forEach((v, i) => {
        expect(m.load(i)).toEqual([v, true]);
      });
      m.store('nan', Number.NaN);
      expect(Number.isNaN(m.get('nan'))).toBe(true);
    });

    it('treats a stored undefined as present', () => {
      const m = make();
      m.store('u', undefined);
      expect(m.load('u')).toEqual([undefined, true]);
      expect(m.has('u')).toBe(true);
      expect(m.size).toBe(1);
      expect(m.loadOrStore('u', 5)).toEqual([undefined, true]);
      expect(m.swap('u', 6)).toEqual([undefined, true]);
      m.store('u', undefined);
      expect(m.compareAndSwap('u', undefined, 7)).toBe(true);
      m.store('u', undefined);
      expect(m.compareAndDelete('u', undefined)).toBe(true);
      expect(m.has('u')).toBe(false);
      m.store('u', undefined);
      expect(m.loadAndDelete('u')).toEqual([undefined, true]);
      expect(m.loadAndDelete('u')).toEqual([undefined, false]);
      m.store('u', undefined);
      expect(rangeEntries(m)).toEqual([['u', undefined]]);
    });

    it('loadOrStore stores only when absent', () => {
      const m = make();
      expect(m.loadOrStore('k', 1)).toEqual([1, false]);
      expect(m.loadOrStore('k', 2)).toEqual([1, true]);
      expect(m.get('k')).toBe(1);
    });

    it('loadAndDelete and delete', () => {
      const m = make();
      m.store('k', 'v');
      expect(m.loadAndDelete('k')).toEqual(['v', true]);
      expect(m.loadAndDelete('k')).toEqual([undefined, false]);
      expect(m.size).toBe(0);
      m.store('k', 'v');
      m.delete('k');
      m.delete('k');
      m.delete('never');
      expect(m.has('k')).toBe(false);
      expect(m.size).toBe(0);
    });

    it('swap returns the previous value', () => {
      const m = make();
      expect(m.swap('k', 1)).toEqual([undefined, false]);
      expect(m.swap('k', 2)).toEqual([1, true]);
      expect(m.get('k')).toBe(2);
    });

    // TestCompareAndSwap_NonExistingKey (map_test.go): CAS on a missing key returns false and stores nothing.
    it('compareAndSwap and compareAndDelete on a missing key return false', () => {
      const m = make();
      expect(m.compareAndSwap('missing', undefined, 1)).toBe(false);
      expect(m.compareAndSwap('missing', 0, 1)).toBe(false);
      expect(m.compareAndDelete('missing', undefined)).toBe(false);
      expect(m.has('missing')).toBe(false);
      expect(m.size).toBe(0);
    });

    it('compareAndSwap and compareAndDelete compare with ===', () => {
      const m = make();
      m.store('k', 1);
      expect(m.compareAndSwap('k', 2, 3)).toBe(false);
      expect(m.compareAndSwap('k', '1', 3)).toBe(false);
      expect(m.compareAndSwap('k', 1, 3)).toBe(true);
      expect(m.get('k')).toBe(3);
      expect(m.compareAndDelete('k', 1)).toBe(false);
      expect(m.compareAndDelete('k', 3)).toBe(true);
      expect(m.has('k')).toBe(false);
      m.store('b', 5n);
      expect(m.compareAndSwap('b', 5n, 6n)).toBe(true);
      expect(m.compareAndSwap('b', 6, 7n)).toBe(false);
      expect(m.get('b')).toBe(6n);
      m.store('z', 0);
      expect(m.compareAndSwap('z', -0, 1)).toBe(true);
      m.store('n', null);
      expect(m.compareAndSwap('n', undefined, 1)).toBe(false);
      expect(m.compareAndDelete('n', null)).toBe(true);
    });

    it('never matches NaN in compareAndSwap and compareAndDelete (Go: NaN != NaN)', () => {
      const m = make();
      m.store('k', Number.NaN);
      expect(m.compareAndSwap('k', Number.NaN, 1)).toBe(false);
      expect(m.compareAndDelete('k', Number.NaN)).toBe(false);
      expect(m.has('k')).toBe(true);
    });

    it('range visits every entry once and stops when f returns false', () => {
      const m = make();
      for (let i = 0; i < 100; i++) m.store(i, i * 2);
      const seen = rangeEntries(m);
      expect(seen.length).toBe(100);
      expect(sortedKeys(seen.map(([k]) => k))).toEqual(sortedKeys(Array.from({ length: 100 }, (_, i) => i)));
      for (const [k, v] of seen) expect(v).toBe((k as number) * 2);
      let calls = 0;
      m.range(() => {
        calls++;
        return calls < 10;
      });
      expect(calls).toBe(10);
      // Returning nothing (undefined) keeps going; only false stops.
      calls = 0;
      m.range(() => {
        calls++;
      });
      expect(calls).toBe(100);
    });

    it('range visits no key twice when f deletes and re-adds keys', () => {
      const m = make();
      const n = 64;
      for (let i = 0; i < n; i++) m.store(i, i);
      const visits = new Map<Key, number>();
      m.range((k) => {
        visits.set(k, (visits.get(k) ?? 0) + 1);
        m.delete(k);
        m.store(k, 'again');
        // Also churn a key that has not been visited yet, and one that has.
        const other = ((k as number) + 7) % n;
        m.delete(other);
        m.store(other, 'churned');
        return true;
      });
      for (const [, c] of visits) expect(c).toBe(1);
      expect(m.size).toBe(n);
    });

    it('range visits every key present for the whole call, whatever else f does', () => {
      const m = make();
      for (let i = 0; i < 50; i++) m.store(i, i);
      const visited = new Set<Key>();
      let added = 0;
      m.range((k) => {
        visited.add(k);
        // Delete and add other keys (the even keys stay untouched, so they must all be visited).
        if (typeof k === 'number' && k % 2 === 1) m.delete((k + 2) % 50);
        m.store(`new${added++}`, added);
        return true;
      });
      for (let i = 0; i < 50; i += 2) expect(visited.has(i)).toBe(true);
      for (const k of visited) expect(typeof k === 'number' || k.startsWith('new')).toBe(true);
    });

    it('range reports, for a key stored during the call, a value it held during the call', () => {
      const m = make();
      m.store('a', 1);
      m.store('b', 1);
      const seen: unknown[] = [];
      m.range((k, v) => {
        seen.push(v);
        m.store(k === 'a' ? 'b' : 'a', 2);
        return true;
      });
      // Go: "Range may reflect any mapping for that key from any point during the Range call".
      expect(seen[0]).toBe(1);
      expect([1, 2]).toContain(seen[1]);
    });

    // TestMapRangeNestedCall (map_test.go): f may call any method of the map, including range itself.
    it('allows a nested range and every method inside f', () => {
      const m = make();
      for (let i = 0; i < 3; i++) m.store(i, `v${i}`);
      m.range((k, v) => {
        m.range((k2, v2) => {
          expect(m.load(k2)).toEqual([v2, true]);
          const newV = `${String(v2)}+`;
          m.store(k2, newV);
          expect(m.load(k2)).toEqual([newV, true]);
          expect(m.loadOrStore(k2, 'x')).toEqual([newV, true]);
          expect(m.swap(k2, v2)).toEqual([newV, true]);
          expect(m.compareAndSwap(k2, v2, v2)).toBe(true);
          return true;
        });
        // Go's test: delete the outer key and check it is gone.
        m.delete(k);
        expect(m.load(k)).toEqual([undefined, false]);
        expect(typeof v).toBe('string');
        return true;
      });
      expect(m.size).toBe(0);
    });

    // TestMapRangeNestedCall (map_test.go, Go issue 46399), step for step.
    it('passes Go’s TestMapRangeNestedCall', () => {
      const m = make();
      ['hello', 'world', 'Go'].forEach((v, i) => {
        m.store(i, v);
      });
      m.range((key) => {
        m.range((key2, value2) => {
          expect(m.load(key2)).toEqual([value2, true]);
          expect(m.loadOrStore(42, 'dummy')[1]).toBe(false);
          m.store(42, 'sync.Map');
          expect(m.loadAndDelete(42)).toEqual(['sync.Map', true]);
          return true;
        });
        m.delete(key);
        return true;
      });
      let length = 0;
      m.range(() => {
        length++;
        return true;
      });
      expect(length).toBe(0);
    });

    // TestMapDelete and TestMapClear (map_test.go).
    it('passes Go’s TestMapDelete and TestMapClear', () => {
      const m = make();
      m.store('go', 1.22);
      expect(m.load('go')).toEqual([1.22, true]);
      m.delete('go');
      expect(m.load('go')).toEqual([undefined, false]);
      m.store('go', 1.21);
      m.clear();
      expect(m.load('go')).toEqual([undefined, false]);
      m.store('go', 1.21);
      expect(m.load('go')).toEqual([1.21, true]);
    });

    // TestConcurrentClear (map_test.go), with async tasks for goroutines: 10 store, 10 load, 10 clear.
    it('passes Go’s TestConcurrentClear with async tasks', async () => {
      const m = make();
      const tick = () => new Promise<void>((r) => setTimeout(r, 0));
      const tasks: Promise<void>[] = [];
      for (let i = 0; i < 10; i++) {
        tasks.push(tick().then(() => m.store(i, i * 10)));
        tasks.push(
          tick().then(() => {
            const [v, ok] = m.load(i);
            if (ok) expect(v).toBe(i * 10);
          }),
        );
        tasks.push(tick().then(() => m.clear()));
      }
      await Promise.all(tasks);
      m.clear();
      m.range((k, v) => {
        throw new Error(`after clear, range yielded (${String(k)}, ${String(v)}); want no calls`);
      });
      expect(m.size).toBe(0);
    });

    it('range visits each key at most once when f calls clear', () => {
      const m = make();
      for (let i = 0; i < 10; i++) m.store(i, i);
      const visits = new Map<Key, number>();
      m.range((k) => {
        visits.set(k, (visits.get(k) ?? 0) + 1);
        m.clear();
        return true;
      });
      for (const [, c] of visits) expect(c).toBe(1);
      expect(m.size).toBe(0);
    });

    it('range after clear inside f visits keys stored after the clear at most once', () => {
      const m = make();
      for (let i = 0; i < 10; i++) m.store(i, i);
      const visits = new Map<Key, number>();
      m.range((k) => {
        visits.set(k, (visits.get(k) ?? 0) + 1);
        if (visits.size === 1) {
          m.clear();
          for (let i = 0; i < 10; i++) m.store(i, -i);
          m.store('fresh', 1);
        }
        return true;
      });
      for (const [, c] of visits) expect(c).toBe(1);
      expect(m.size).toBe(11);
    });

    it('clear empties the map and it stays usable', () => {
      const m = make();
      for (let i = 0; i < 20; i++) m.store(`k${i}`, i);
      m.clear();
      expect(m.size).toBe(0);
      expect(rangeEntries(m)).toEqual([]);
      expect(m.load('k1')).toEqual([undefined, false]);
      m.clear();
      m.store('k1', 'back');
      expect(rangeEntries(m)).toEqual([['k1', 'back']]);
    });

    it('grows and shrinks through many keys', () => {
      const m = make();
      const n = 5000;
      for (let i = 0; i < n; i++) m.store(i % 2 ? i : `s${i}`, i);
      expect(m.size).toBe(n);
      for (let i = 0; i < n; i += 2) m.delete(`s${i}`);
      expect(m.size).toBe(n / 2);
      for (let i = 1; i < n; i += 2) expect(m.get(i)).toBe(i);
      expect(rangeEntries(m).length).toBe(n / 2);
      for (let i = 0; i < n; i += 2) m.store(`s${i}`, -i);
      expect(m.size).toBe(n);
      expect(m.get('s10')).toBe(-10);
    });

    // TestMapMatchesRWMutex / TestMapMatchesDeepCopy (map_test.go): random operation sequences give the same
    // results as a reference map.
    it('matches a reference map on random operation sequences', () => {
      fc.assert(
        fc.property(fc.array(opArb, { maxLength: 120 }), (ops) => {
          const m = make();
          const ref = new Map<Key, unknown>();
          for (const o of ops) {
            const got = applyMap(m, o);
            const want = applyReference(ref, o);
            if (!sameResult(got, want)) {
              throw new Error(`${JSON.stringify(o, bigintJson)}: got ${show(got)}, want ${show(want)}`);
            }
          }
          const entries = rangeEntries(m);
          expect(entries.length).toBe(ref.size);
          for (const [k, v] of entries) {
            expect(ref.has(k)).toBe(true);
            expect(Object.is(ref.get(k), v)).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    });

    // TestConcurrentRange (map_test.go), single-threaded: writer tasks store k -> k*i and delete keys, both
    // between the calls of f (stepped from inside f, as a goroutine could run at that point) and as async tasks
    // between ranges. Every range visits each key at most once, sees only values stored for that key, and
    // visits every key that no writer touched.
    it('range interleaved with writer tasks visits each key at most once', async () => {
      const m = make();
      const n = 64;
      for (let i = 1; i <= 2 * n; i++) m.store(i, i);
      let x = 12345;
      const step = (round: number): void => {
        x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
        const k = (x % n) + 1; // writers touch keys 1..n only; keys n+1..2n stay fixed
        if (x % 3 === 0) m.delete(k);
        else m.store(k, k * (round + 1));
      };
      let done = false;
      const writers = [1, 2].map(async () => {
        for (let round = 0; !done && round < 5000; round++) {
          step(round);
          await Promise.resolve();
        }
      });
      for (let pass = 0; pass < 30; pass++) {
        const visits = new Map<Key, number>();
        m.range((k, v) => {
          visits.set(k, (visits.get(k) ?? 0) + 1);
          expect((v as number) % (k as number)).toBe(0);
          for (let j = 0; j < 3; j++) step(pass);
          return true;
        });
        for (const [, c] of visits) expect(c).toBe(1);
        for (let k = n + 1; k <= 2 * n; k++) expect(visits.get(k)).toBe(1);
        await new Promise((r) => setTimeout(r, 0));
      }
      done = true;
      await Promise.all(writers);
    });
  });
}

function bigintJson(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `${v}n` : v;
}

function show(x: unknown): string {
  return JSON.stringify(x, bigintJson) ?? String(x);
}
