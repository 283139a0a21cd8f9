import { Map as GoMap, SyncMap } from '@gostd/sync';
import { describe, expect, it } from 'vitest';
import { behaviourSuite } from './testdata/map-behaviour';

behaviourSuite('Map', () => new SyncMap<string | number, unknown>());

describe('Map', () => {
  it('is exported as Map and SyncMap', () => {
    expect(GoMap).toBe(SyncMap);
    const m = new GoMap<string, number>();
    m.store('a', 1);
    expect(m.get('a')).toBe(1);
  });

  it('takes initial entries, the last value of a key winning', () => {
    const m = new SyncMap([
      ['a', 1],
      ['b', 2],
      ['a', 3],
    ]);
    expect([...m]).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
    expect(new SyncMap(null).size).toBe(0);
  });

  it('compares keys with SameValueZero (NaN finds NaN, -0 is 0), objects by identity', () => {
    const m = new SyncMap<unknown, string>();
    m.store(Number.NaN, 'nan');
    expect(m.load(Number.NaN)).toEqual(['nan', true]);
    m.store(-0, 'zero');
    expect(m.get(0)).toBe('zero');
    expect(Object.is([...m.keys()][1], 0)).toBe(true);
    m.range((k) => {
      if (typeof k === 'number' && k === 0) expect(Object.is(k, 0)).toBe(true);
    });
    const o = { a: 1 };
    m.store(o, 'obj');
    expect(m.get({ a: 1 })).toBeUndefined();
    expect(m.get(o)).toBe('obj');
    expect(m.compareAndDelete(o, 'obj')).toBe(true);
  });

  it('compares object values by identity in compareAndSwap', () => {
    const v = { n: 1 };
    const m = new SyncMap([['k', v]]);
    expect(m.compareAndSwap('k', { n: 1 }, { n: 2 })).toBe(false);
    expect(m.compareAndSwap('k', v, { n: 2 })).toBe(true);
    expect(m.get('k')).toEqual({ n: 2 });
  });

  it('range passes the value current at each key’s turn', () => {
    const m = new SyncMap([
      ['a', 1],
      ['b', 1],
    ]);
    const seen: number[] = [];
    m.range((k, v) => {
      seen.push(v);
      m.store(k === 'a' ? 'b' : 'a', 2);
      return true;
    });
    expect(seen).toEqual([1, 2]);
  });

  it('range does not visit keys added during the call, and stops at clear', () => {
    const m = new SyncMap<number, number>();
    for (let i = 0; i < 10; i++) m.store(i, i);
    const seen: number[] = [];
    m.range((k) => {
      seen.push(k);
      m.store(k + 100, 0);
      return true;
    });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    let calls = 0;
    m.range(() => {
      calls++;
      m.clear();
      m.store(1, 1);
      return true;
    });
    expect(calls).toBe(1);
    expect([...m]).toEqual([[1, 1]]);
  });

  it('a plain Map iterator revisits a deleted and re-added key; this Map does not', () => {
    const native = new globalThis.Map([['a', 1]]);
    let nativeVisits = 0;
    for (const [k, v] of native) {
      if (++nativeVisits > 3) break;
      native.delete(k);
      native.set(k, v);
    }
    expect(nativeVisits).toBe(4);
    const m = new SyncMap([['a', 1]]);
    let visits = 0;
    m.range((k, v) => {
      visits++;
      m.delete(k);
      m.store(k, v);
    });
    expect(visits).toBe(1);
    visits = 0;
    for (const [k, v] of m) {
      visits++;
      m.delete(k);
      m.store(k, v);
    }
    expect(visits).toBe(1);
  });

  it('iterators have the range guarantees, also with async tasks between steps', async () => {
    const m = new SyncMap<number, number>();
    const n = 200;
    for (let i = 0; i < n; i++) m.store(i, i);
    let stop = false;
    // Writers churn keys 0..99 while the loop awaits; keys 100..199 stay put.
    const writer = (async () => {
      let x = 7;
      while (!stop) {
        x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
        const k = x % 100;
        if (x & 1) m.delete(k);
        else m.store(k, k);
        if (x % 5 === 0) m.store(1000 + (x % 50), 0);
        await Promise.resolve();
      }
    })();
    for (let pass = 0; pass < 5; pass++) {
      const seen = new globalThis.Map<number, number>();
      for (const [k] of m.entries()) {
        seen.set(k, (seen.get(k) ?? 0) + 1);
        await Promise.resolve();
        await Promise.resolve();
      }
      for (const [, c] of seen) expect(c).toBe(1);
      for (let k = 100; k < n; k++) expect(seen.get(k)).toBe(1);
    }
    stop = true;
    await writer;
  });

  it('keys, values and entries agree, and an abandoned iterator does no harm', () => {
    const m = new SyncMap<string, number>();
    for (let i = 0; i < 100; i++) m.store(`k${i}`, i);
    const it1 = m.keys();
    it1.next();
    for (let i = 0; i < 100; i += 2) m.delete(`k${i}`);
    for (let i = 0; i < 100; i += 2) m.store(`k${i}`, -i);
    expect([...m.keys()]).toEqual([...m.entries()].map(([k]) => k));
    expect([...m.values()]).toEqual([...m.entries()].map(([, v]) => v));
    expect([...m.keys()].length).toBe(100);
    // The abandoned iterator still yields only keys present and none twice.
    const rest = [...it1];
    expect(new Set(rest).size).toBe(rest.length);
    expect(rest.length).toBe(99);
  });

  it('an exception from f ends range and leaves the map consistent', () => {
    const m = new SyncMap([
      ['a', 1],
      ['b', 2],
    ]);
    expect(() =>
      m.range(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    m.delete('a');
    m.store('a', 3);
    expect([...m]).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
  });

  it('keeps its key log bounded under churn', () => {
    const m = new SyncMap<number, number>();
    for (let i = 0; i < 100_000; i++) {
      m.store(i, i);
      if (i >= 10) m.delete(i - 10);
    }
    expect(m.size).toBe(10);
    // biome-ignore lint/complexity/useLiteralKeys: reads a private field to check the bound
    const log = (m as unknown as { log: unknown[] })['log'];
    expect(log.length).toBeLessThanOrEqual(2 * 10 + 64 + 1);
    expect([...m.keys()]).toEqual(Array.from({ length: 10 }, (_, i) => 99_990 + i));
  });

  it('releases its hold on the key log after ranges, nested ranges, throws and finished iterations', () => {
    const m = new SyncMap<number, number>();
    for (let i = 0; i < 10; i++) m.store(i, i);
    const internals = m as unknown as { log: unknown[]; pins: number };
    const before = internals.log;
    m.range(() => {
      m.range(() => false);
      return true;
    });
    expect(() =>
      m.range(() => {
        throw new Error('x');
      }),
    ).toThrow('x');
    expect([...m].length).toBe(10);
    for (const _ of m) break;
    expect(internals.pins).toBe(0);
    // With nothing holding it, compaction rewrites the log in place.
    m.delete(0);
    m.range(() => true);
    expect(internals.log).toBe(before);
    expect(internals.log.length).toBe(9);
  });

  it('throws a TypeError for a range callback that is not a function, even on an empty map', () => {
    const m = new SyncMap();
    expect(() => m.range(undefined as unknown as () => boolean)).toThrow(
      'sync: range callback must be a function, not undefined',
    );
  });
});
