import { describe, expect, it } from 'vitest';
import { behaviourSuite } from './map-behaviour';
import { MaxKeyBytes } from './shared-codec';
import { SharedMap } from './shared-map';

// The behavioural suite shared with Map (Go's sync.Map contract, from Go's src/sync/map_test.go).
behaviourSuite('SharedMap', () => new SharedMap());

describe('SharedMap keys', () => {
  it('compares number keys like Map: NaN equals NaN, -0 equals 0, floats and big integers are exact', () => {
    const m = new SharedMap();
    m.store(Number.NaN, 'nan');
    m.store(-0, 'zero');
    m.store(0.1, 'tenth');
    m.store(2 ** 53, 'big');
    m.store(-(2 ** 31), 'min int32');
    m.store(Number.POSITIVE_INFINITY, 'inf');
    expect(m.get(Number.NaN)).toBe('nan');
    expect(m.get(0)).toBe('zero');
    expect(m.get(0.1)).toBe('tenth');
    expect(m.get(0.1 + 2 ** -56)).toBeUndefined();
    expect(m.get(2 ** 53)).toBe('big');
    expect(m.get(2 ** 53 + 2)).toBeUndefined();
    expect(m.get(-(2 ** 31))).toBe('min int32');
    expect(m.get(Number.POSITIVE_INFINITY)).toBe('inf');
    const keys: unknown[] = [];
    m.range((k) => {
      keys.push(k);
    });
    expect(keys.filter((k) => Object.is(k, -0))).toEqual([]);
    expect(keys.some((k) => Number.isNaN(k))).toBe(true);
    expect(m.size).toBe(6);
  });

  it('stores UTF-8 string keys of any length up to MaxKeyBytes', () => {
    const m = new SharedMap<string, number>();
    const keys = ['', 'a', 'héllo', '日本語', '🙂 emoji', 'x'.repeat(1000), 'é'.repeat(MaxKeyBytes / 2)];
    keys.forEach((k, i) => {
      m.store(k, i);
    });
    keys.forEach((k, i) => {
      expect(m.get(k)).toBe(i);
    });
    expect(m.get('hello')).toBeUndefined();
    const seen = new Set<string>();
    m.range((k) => {
      seen.add(k);
    });
    expect(seen).toEqual(new Set(keys));
    expect(() => m.store('x'.repeat(MaxKeyBytes + 1), 1)).toThrow(RangeError);
    expect(() => m.store('é'.repeat(MaxKeyBytes / 2 + 1), 1)).toThrow(RangeError);
  });

  it('rejects other keys and ill-formed strings with a TypeError', () => {
    const m = new SharedMap();
    for (const k of [true, null, undefined, 1n, {}, [], Symbol('s')]) {
      expect(() => m.store(k as never, 1)).toThrow(TypeError);
      expect(() => m.load(k as never)).toThrow(TypeError);
    }
    expect(() => m.store('\uD800', 1)).toThrow(/lone surrogate/);
    expect(m.size).toBe(0);
  });
});

describe('SharedMap values', () => {
  it('stores numbers, bigints, booleans, null, undefined, strings and Uint8Arrays by value', () => {
    const m = new SharedMap();
    const values = [
      0,
      -0,
      1.5,
      -(2 ** 31),
      2 ** 31,
      Number.NaN,
      -12345678901234567890123n,
      0n,
      true,
      false,
      null,
    ];
    values.forEach((v, i) => {
      m.store(i, v);
    });
    values.forEach((v, i) => {
      expect(Object.is(m.get(i), v)).toBe(true);
    });
    m.store('s', 'naïve ☕');
    expect(m.get('s')).toBe('naïve ☕');
    const bytes = new Uint8Array([1, 2, 3, 255]);
    m.store('b', bytes);
    bytes[0] = 9; // stored by value
    const got = m.get('b') as Uint8Array;
    expect(got).toBeInstanceOf(Uint8Array);
    expect([...got]).toEqual([1, 2, 3, 255]);
    expect(m.compareAndSwap('b', new Uint8Array([1, 2, 3, 255]), new Uint8Array(0))).toBe(true);
    expect(m.compareAndSwap('b', new Uint8Array([1]), new Uint8Array(0))).toBe(false);
    expect([...(m.get('b') as Uint8Array)]).toEqual([]);
  });

  it('rejects other values with a TypeError, and stores nothing', () => {
    const m = new SharedMap();
    for (const v of [{}, [], new Date(0), () => 1, Symbol('s'), new Uint16Array(2), '\uDC00']) {
      expect(() => m.store('k', v as never)).toThrow(TypeError);
      expect(() => m.loadOrStore('k', v as never)).toThrow(TypeError);
      expect(() => m.swap('k', v as never)).toThrow(TypeError);
    }
    expect(m.has('k')).toBe(false);
    expect(m.size).toBe(0);
  });

  it('stores other values through a codec, and compares them by their encoding', () => {
    const codec = {
      encode: (v: unknown) => new TextEncoder().encode(JSON.stringify(v)),
      decode: (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as unknown,
    };
    const m = new SharedMap<string, unknown>({ codec });
    m.store('obj', { a: 1, b: [2, 3] });
    expect(m.get('obj')).toEqual({ a: 1, b: [2, 3] });
    expect(m.compareAndSwap('obj', { a: 1, b: [2, 3] }, { a: 2 })).toBe(true);
    expect(m.compareAndSwap('obj', { a: 1 }, { a: 3 })).toBe(false);
    m.store('n', 5); // native values stay native
    expect(m.get('n')).toBe(5);
    // Another thread must attach with the codec to read codec values.
    expect(SharedMap.from(m.handle, { codec }).get('obj')).toEqual({ a: 2 });
    expect(() => SharedMap.from(m.handle).get('obj')).toThrow(/codec/);
  });
});

describe('SharedMap memory', () => {
  it('attaches only to a SharedMap handle', () => {
    expect(() => SharedMap.from({} as never)).toThrow(TypeError);
    expect(() => SharedMap.from({ buffer: new SharedArrayBuffer(4096) })).toThrow(
      /does not hold a SharedMap/,
    );
    expect(() => new SharedMap({ maxByteLength: 100 })).toThrow(RangeError);
  });

  it('grows its buffer in place and reports out of memory at maxByteLength with a RangeError', () => {
    const m = new SharedMap<number, string>({ byteLength: 4096, maxByteLength: 1 << 20 });
    const buf = m.handle.buffer;
    let n = 0;
    expect(() => {
      for (; n < 1e6; n++) m.store(n, `value number ${n}`);
    }).toThrow(/out of memory/);
    expect(buf.byteLength).toBe(1 << 20);
    expect(m.handle.buffer).toBe(buf);
    // Everything stored before the error is intact, and deleting makes room again.
    for (let k = 0; k < n; k += 97) expect(m.get(k)).toBe(`value number ${k}`);
    for (let k = 0; k < n; k++) m.delete(k);
    expect(m.size).toBe(0);
    m.store(-1, 'fits again');
    expect(m.get(-1)).toBe('fits again');
  });

  it('reuses deleted space: storing and deleting new keys forever stays within bounded memory', () => {
    const m = new SharedMap();
    for (let i = 0; i < 20_000; i++) {
      m.store(`k${i}`, i);
      m.delete(`k${i}`);
    }
    const after = m.byteLength;
    for (let i = 20_000; i < 200_000; i++) {
      m.store(`k${i}`, i);
      m.delete(`k${i}`);
    }
    expect(m.byteLength).toBeLessThanOrEqual(after + 16 * 1024);
  });
});
