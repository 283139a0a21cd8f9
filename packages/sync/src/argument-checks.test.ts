// Every public entry of @gostd/sync checks, at the call, what a TypeScript caller cannot pass but a JavaScript
// caller can, and throws a TypeError that says what was wrong (issue 13, item 8 for this package).
import { describe, expect, it } from 'vitest';
import { Cond, Mutex, Once, RWMutex, SharedMap, Map as SyncMap, WaitGroup } from './index';

// What a JavaScript caller might pass where a function, an object or a key is wanted.
const notFunctions: unknown[] = [undefined, null, 1, 'f', {}, [], 1n, true, Symbol('s')];
const notObjects: unknown[] = [null, 1, 'x', true, 1n, Symbol('s'), () => {}];
const notKeys: unknown[] = [undefined, null, true, 1n, {}, [], Symbol('s'), () => {}, new Date(0)];

describe('Map', () => {
  it('constructor: an iterable of entry objects, or nothing', () => {
    for (const bad of [1, true, {}, 1n, Symbol('s')]) {
      expect(() => new SyncMap(bad as never)).toThrow(/iterable of \[key, value\] entries/);
    }
    expect(() => new SyncMap('ab' as never)).toThrow(/not an entry object/);
    expect(() => new SyncMap([1, 2] as never)).toThrow(TypeError);
    expect(new SyncMap([[1]] as never).get(1)).toBeUndefined(); // as new Map([[1]])
    expect(new SyncMap(null).size).toBe(0);
  });

  it('range: a function', () => {
    const m = new SyncMap();
    for (const f of notFunctions) expect(() => m.range(f as never)).toThrow(/must be a function/);
  });
});

describe('messages', () => {
  it('name undefined once', () => {
    // Before: "not undefined undefined".
    expect(() => new WaitGroup().add(undefined as never)).toThrow(
      /^sync: WaitGroup.add needs an int delta \(a safe integer\), not undefined$/,
    );
    expect(() => new Once().do(undefined as never)).toThrow(/, not undefined$/);
  });
});

describe('SharedMap', () => {
  it('constructor: an options object with finite number sizes and a codec with encode and decode', () => {
    for (const bad of notObjects)
      expect(() => new SharedMap(bad as never)).toThrow(/options must be an object/);
    for (const v of ['65536', 1n, {}, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new SharedMap({ maxByteLength: v as never })).toThrow(
        /maxByteLength must be a finite number/,
      );
      expect(() => new SharedMap({ byteLength: v as never })).toThrow(/byteLength must be a finite number/);
    }
    for (const codec of [1, 'c', null, {}, { encode: () => new Uint8Array() }, { decode: () => 1 }]) {
      expect(() => new SharedMap({ codec: codec as never })).toThrow(/codec must have encode and decode/);
    }
    expect(() => new SharedMap({}, new SharedArrayBuffer(8) as never)).toThrow(/does not hold a SharedMap/);
    expect(() => new SharedMap({}, new ArrayBuffer(8) as never)).toThrow(TypeError);
  });

  it('from: a handle of a SharedMap, and an options object', () => {
    const m = new SharedMap();
    for (const bad of [...notObjects, undefined, {}, { buffer: new ArrayBuffer(8) }]) {
      expect(() => SharedMap.from(bad as never)).toThrow(TypeError);
    }
    for (const bad of notObjects) expect(() => SharedMap.from(m.handle, bad as never)).toThrow(TypeError);
    expect(() => SharedMap.from(m.handle, { codec: {} as never })).toThrow(TypeError);
  });

  it('every keyed method: a string or number key; every storing method: a value it can hold', () => {
    const m = new SharedMap();
    const calls: [string, (k: never) => unknown][] = [
      ['load', (k) => m.load(k)],
      ['get', (k) => m.get(k)],
      ['has', (k) => m.has(k)],
      ['store', (k) => m.store(k, 1)],
      ['loadOrStore', (k) => m.loadOrStore(k, 1)],
      ['loadAndDelete', (k) => m.loadAndDelete(k)],
      ['delete', (k) => m.delete(k)],
      ['swap', (k) => m.swap(k, 1)],
      ['compareAndSwap', (k) => m.compareAndSwap(k, 1, 2)],
      ['compareAndDelete', (k) => m.compareAndDelete(k, 1)],
    ];
    for (const [name, call] of calls) {
      for (const k of notKeys)
        expect(() => call(k as never), name).toThrow(/key must be a string or a number/);
    }
    for (const v of [{}, [], () => 1, Symbol('s'), new Date(0)]) {
      expect(() => m.store('k', v as never)).toThrow(TypeError);
      expect(() => m.loadOrStore('k', v as never)).toThrow(TypeError);
      expect(() => m.swap('k', v as never)).toThrow(TypeError);
      expect(() => m.compareAndSwap('k', 1, v as never)).toThrow(TypeError);
    }
    expect(m.size).toBe(0);
  });

  it('range: a function, checked even when the map is empty', () => {
    const m = new SharedMap();
    for (const f of notFunctions) expect(() => m.range(f as never)).toThrow(/must be a function/);
  });
});

describe('from, of the primitives', () => {
  // A handle's buffer may be larger than the primitive needs (only its first bytes are used), but a forged or
  // damaged one of any length must be turned away with the package's TypeError or attached: before the fix,
  // a buffer one byte too short for an Int32Array view (Once.from with 5 bytes, Mutex.from with 9) threw
  // V8's "byte length of Int32Array should be a multiple of 4".
  const kinds = [
    ['sync.Mutex', (h: unknown) => Mutex.from(h as never)],
    ['sync.RWMutex', (h: unknown) => RWMutex.from(h as never)],
    ['sync.WaitGroup', (h: unknown) => WaitGroup.from(h as never)],
    ['sync.Once', (h: unknown) => Once.from(h as never)],
    ['sync.Cond', (h: unknown) => Cond.from(h as never, new Mutex())],
  ] as const;
  it('turns away a buffer too short with a TypeError, and works on any longer one', async () => {
    for (const [type, from] of kinds) {
      const need = (kindsHandles()[type] as SharedArrayBuffer).byteLength;
      for (let n = 0; n <= need + 9; n++) {
        const handle = { type, buffer: new SharedArrayBuffer(n) };
        if (n < need) expect(() => from(handle), `${type} of ${n} bytes`).toThrow(TypeError);
        else expect(() => from(handle), `${type} of ${n} bytes`).not.toThrow();
      }
    }
    // A longer buffer works: a Mutex and a WaitGroup attached to 1,027 bytes.
    const mu = Mutex.from({ type: 'sync.Mutex', buffer: new SharedArrayBuffer(1027) });
    expect(mu.tryLock()).toBe(true);
    expect(Mutex.from(mu.handle).tryLock()).toBe(false);
    mu.unlock();
    const wg = WaitGroup.from({ type: 'sync.WaitGroup', buffer: new SharedArrayBuffer(1027) });
    wg.add(1);
    const waited = wg.wait();
    WaitGroup.from(wg.handle).done();
    await waited;
  });
});

/** The buffer of a new primitive of each kind, by its handle's type. */
function kindsHandles(): Record<string, SharedArrayBuffer> {
  const handles = [new Mutex(), new RWMutex(), new WaitGroup(), new Once(), new Cond(new Mutex())].map(
    (p) => p.handle,
  );
  return Object.fromEntries(handles.map((h) => [h.type, h.buffer]));
}
