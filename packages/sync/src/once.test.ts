// Once in one thread: Go's src/sync/once_test.go (TestOnce, TestOncePanic), plus recursion and arguments.
// Once across 8 workers is in sync.worker.test.ts.
import { describe, expect, it } from 'vitest';
import { Once } from './index';

describe('Once (src/sync/once_test.go)', () => {
  it('TestOnce: 10 callers, f runs once and has run when each do returns', async () => {
    const once = new Once();
    let o = 0;
    const run = async () => {
      await null;
      once.do(() => {
        o++;
      });
      expect(o).toBe(1);
    };
    await Promise.all(Array.from({ length: 10 }, run));
    expect(o).toBe(1);
  });

  it('TestOncePanic: an f that throws counts as done', () => {
    const once = new Once();
    expect(() =>
      once.do(() => {
        throw new Error('failed');
      }),
    ).toThrow('failed');
    once.do(() => {
      throw new Error('Once.Do called twice');
    });
  });

  it('a do from inside f throws instead of deadlocking, and f still counts as done', () => {
    const once = new Once();
    let inner: unknown;
    once.do(() => {
      try {
        once.do(() => {});
      } catch (e) {
        inner = e;
      }
    });
    expect(String(inner)).toContain('sync: Once.do called from inside its own f');
    let again = false;
    once.do(() => {
      again = true;
    });
    expect(again).toBe(false);
  });

  it('is shared through its handle', () => {
    const once = new Once();
    const there = Once.from(structuredClone(once.handle));
    let n = 0;
    there.do(() => n++);
    once.do(() => n++);
    expect(n).toBe(1);
  });

  it('checks its arguments', () => {
    expect(() => new Once().do(undefined as never)).toThrow('sync: Once.do needs a function, not undefined');
    expect(() => Once.from({ type: 'sync.Once' } as never)).toThrow(TypeError);
  });
});
