// Where a thread may not block (a browser's main thread, where Atomics.wait throws), the blocking forms
// throw a clear error and the async forms still work. Node lets every thread block, so this test makes
// Atomics.wait throw as a browser's main thread does, in a fresh copy of the modules.
import { afterEach, describe, expect, it, vi } from 'vitest';

const wait = Atomics.wait;

afterEach(() => {
  Atomics.wait = wait;
  vi.resetModules();
});

describe('a thread that may not block', () => {
  it('gets a clear error from every blocking form, and the async forms still work', async () => {
    Atomics.wait = () => {
      throw new TypeError('Atomics.wait cannot be called in this context');
    };
    vi.resetModules();
    const { Mutex, RWMutex, WaitGroup } = await import('./index');
    const mu = new Mutex();
    expect(() => mu.lockSync()).toThrow(
      "sync: Mutex.lockSync cannot block this thread (Atomics.wait is not allowed here, as on a browser's main thread); use the async form",
    );
    expect(mu.tryLock()).toBe(true); // and it was left unlocked
    const p = mu.lock();
    mu.unlock();
    await p;
    mu.unlock();
    const rw = new RWMutex();
    expect(() => rw.rLockSync()).toThrow(/sync: RWMutex.rLockSync cannot block this thread/);
    expect(() => rw.lockSync()).toThrow(/sync: RWMutex.lockSync cannot block this thread/);
    expect(rw.tryLock()).toBe(true); // nothing was left half-done
    rw.unlock();
    await rw.rLock();
    rw.rUnlock();
    const wg = new WaitGroup();
    wg.add(1);
    expect(() => wg.waitSync()).toThrow(/sync: WaitGroup.waitSync cannot block this thread/);
    wg.done();
    await wg.wait();
  });
});
