// onceFunc, onceValue, onceValues: Go's src/sync/oncefunc_test.go, as data where it is data.
import { describe, expect, it } from 'vitest';
import { onceFunc, onceValue, onceValues } from './index';

describe('onceFunc, onceValue, onceValues (src/sync/oncefunc_test.go)', () => {
  it('TestOnceFunc: f runs once', () => {
    let calls = 0;
    const f = onceFunc(() => {
      calls++;
    });
    for (let i = 0; i < 10; i++) f();
    expect(calls).toBe(1);
  });

  it('TestOnceValue: the first value, every time', () => {
    let calls = 0;
    const f = onceValue(() => ++calls);
    for (let i = 0; i < 10; i++) expect(f()).toBe(1);
    expect(calls).toBe(1);
  });

  it("TestOnceValues: the first pair, every time, in Go's order", () => {
    let calls = 0;
    const f = onceValues((): [number, number] => {
      calls++;
      return [calls, calls + 1];
    });
    for (let i = 0; i < 10; i++) expect(f()).toEqual([1, 2]);
    expect(calls).toBe(1);
  });

  // testOncePanicX: each call throws the same value, f is called once. Go's panic(nil) case
  // (TestOnceFuncPanicNil) becomes a thrown undefined, which must be replayed too.
  const thrown: [string, unknown][] = [
    ['a string, as Go\'s panic("x")', 'x'],
    ['an Error', new Error('x')],
    ['undefined, as panic(nil)', undefined],
    ['null', null],
  ];
  const makers: [string, (f: () => never) => () => unknown][] = [
    ['onceFunc', (f) => onceFunc(f)],
    ['onceValue', (f) => onceValue(f)],
    ['onceValues', (f) => onceValues(f)],
  ];
  for (const [name, make] of makers) {
    it.each(thrown)(`TestOnce*Panic: ${name} whose f throws %s throws it on every call`, (_, value) => {
      let calls = 0;
      const f = make(() => {
        calls++;
        throw value;
      });
      for (const label of ['first time', 'second time']) {
        let caught: unknown = Symbol('none');
        try {
          f();
        } catch (e) {
          caught = e;
        }
        expect(caught, label).toBe(value);
      }
      expect(calls).toBe(1);
    });
  }

  it("TestOnceFuncPanicTraceback: the first call's exception comes from f, with its stack", () => {
    function onceFuncPanic(): never {
      throw new Error('x');
    }
    const f = onceFunc(onceFuncPanic);
    try {
      f();
    } catch (e) {
      expect((e as Error).stack).toContain('onceFuncPanic');
    }
  });

  it('TestOnceXGC: f is not kept alive once it has run', async () => {
    if (typeof globalThis.gc !== 'function') {
      const { setFlagsFromString } = await import('node:v8');
      const { runInNewContext } = await import('node:vm');
      setFlagsFromString('--expose-gc');
      (globalThis as { gc?: () => void }).gc = runInNewContext('gc') as () => void;
    }
    const kinds: [string, (f: () => void) => () => unknown][] = [
      ['onceFunc', (f) => onceFunc(f)],
      ['onceValue', (f) => onceValue(f)],
      [
        'onceValues',
        (f) =>
          onceValues((): [number, number] => {
            f();
            return [1, 2];
          }),
      ],
    ];
    for (const [name, make] of kinds) {
      let collected = false;
      const registry = new FinalizationRegistry(() => {
        collected = true;
      });
      const g = ((): (() => unknown) => {
        const buf = new Uint8Array(1024);
        const f = () => {
          buf[0] = 1;
        };
        registry.register(buf, name);
        return make(f);
      })();
      g();
      for (let i = 0; i < 20 && !collected; i++) {
        (globalThis as unknown as { gc: () => void }).gc();
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(collected, name).toBe(true);
      g(); // still callable
    }
  });

  it('a call from inside f throws instead of deadlocking', () => {
    const f: () => void = onceFunc(() => f());
    expect(f).toThrow('sync: the function of onceFunc called itself');
  });

  it('checks its arguments', () => {
    expect(() => onceFunc(1 as never)).toThrow('sync: onceFunc needs a function, not number 1');
    expect(() => onceValue(null as never)).toThrow(TypeError);
    expect(() => onceValues('f' as never)).toThrow(TypeError);
    expect(onceValues((() => 1) as never)).toThrow('must return a [T1, T2] tuple');
  });
});
