// Mutex in one thread: Go's src/sync/mutex_test.go (TestMutex, TestMutexMisuse, TestMutexFairness) as
// scenarios of async tasks, plus this port's additions: abort signals, timeouts, argument checks.
import { describe, expect, it } from 'vitest';
import { Mutex, RWMutex } from './index';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('Mutex (src/sync/mutex_test.go)', () => {
  it('TestMutex: tryLock fails while locked and succeeds once unlocked', () => {
    const m = new Mutex();
    m.lockSync();
    expect(m.tryLock()).toBe(false);
    m.unlock();
    expect(m.tryLock()).toBe(true);
    m.unlock();
  });

  // HammerMutex: 10 tasks x 1000 loops; every third loop is a tryLock. Each critical section checks that it
  // is alone and sometimes awaits inside, so that the tasks really interleave.
  it('TestMutex: 10 tasks hammer one mutex (lock, tryLock, unlock), never two inside at once', async () => {
    const m = new Mutex();
    let inside = 0;
    let maxInside = 0;
    let entered = 0;
    async function hammer(id: number) {
      for (let i = 0; i < 1000; i++) {
        if (i % 3 === 0) {
          if (m.tryLock()) m.unlock();
          continue;
        }
        await m.lock();
        inside++;
        entered++;
        maxInside = Math.max(maxInside, inside);
        if ((i + id) % 7 === 0) await null;
        if ((i + id) % 97 === 0) await tick();
        inside--;
        m.unlock();
      }
    }
    await Promise.all(Array.from({ length: 10 }, (_, id) => hammer(id)));
    expect(maxInside).toBe(1);
    expect(entered).toBe(10 * 666);
    expect(String(m)).toMatch(/^Mutex\(unlocked, [01] sleeping\)$/);
  });

  // misuseTests of mutex_test.go: each must fail with Go's message about an unlocked lock.
  const misuse: [string, () => void, string][] = [
    ['Mutex.Unlock', () => new Mutex().unlock(), 'sync: unlock of unlocked mutex'],
    [
      'Mutex.Unlock2',
      () => {
        const mu = new Mutex();
        mu.lockSync();
        mu.unlock();
        mu.unlock();
      },
      'sync: unlock of unlocked mutex',
    ],
    ['RWMutex.Unlock', () => new RWMutex().unlock(), 'sync: Unlock of unlocked RWMutex'],
    [
      'RWMutex.Unlock2',
      () => {
        const mu = new RWMutex();
        mu.rLockSync();
        mu.unlock();
      },
      'sync: Unlock of unlocked RWMutex',
    ],
    [
      'RWMutex.Unlock3',
      () => {
        const mu = new RWMutex();
        mu.lockSync();
        mu.unlock();
        mu.unlock();
      },
      'sync: Unlock of unlocked RWMutex',
    ],
    ['RWMutex.RUnlock', () => new RWMutex().rUnlock(), 'sync: RUnlock of unlocked RWMutex'],
    [
      'RWMutex.RUnlock2',
      () => {
        const mu = new RWMutex();
        mu.lockSync();
        mu.rUnlock();
      },
      'sync: RUnlock of unlocked RWMutex',
    ],
    [
      'RWMutex.RUnlock3',
      () => {
        const mu = new RWMutex();
        mu.rLockSync();
        mu.rUnlock();
        mu.rUnlock();
      },
      'sync: RUnlock of unlocked RWMutex',
    ],
  ];
  it.each(misuse)("TestMutexMisuse %s throws Go's fatal error", (_, f, msg) => {
    expect(f).toThrow(new Error(msg));
  });

  it('TestMutexFairness: a task that locks 10 times gets in while another holds the mutex in a loop', async () => {
    const mu = new Mutex();
    let stop = false;
    const hog = (async () => {
      while (!stop) {
        await mu.lock();
        await new Promise((r) => setTimeout(r, 0.1));
        mu.unlock();
      }
    })();
    const t = performance.now();
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 0.1));
      await mu.lock();
      mu.unlock();
    }
    stop = true;
    await hog;
    expect(performance.now() - t).toBeLessThan(10_000);
  });

  it('serves the lock() calls of one thread in order', async () => {
    const mu = new Mutex();
    await mu.lock();
    const order: number[] = [];
    const all = Array.from({ length: 5 }, (_, i) =>
      mu.lock().then(() => {
        order.push(i);
        mu.unlock();
      }),
    );
    mu.unlock();
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('an aborted lock() rejects with the reason, does not hold the mutex, and the next caller gets it', async () => {
    const mu = new Mutex();
    await mu.lock();
    const ac = new AbortController();
    const first = mu.lock({ signal: ac.signal });
    let secondIn = false;
    const second = mu.lock().then(() => {
      secondIn = true;
    });
    ac.abort(new Error('gave up'));
    await expect(first).rejects.toThrow('gave up');
    mu.unlock();
    await second;
    expect(secondIn).toBe(true);
    expect(mu.tryLock()).toBe(false);
    mu.unlock();
    expect(mu.tryLock()).toBe(true);
    mu.unlock();
  });

  it('an already aborted signal rejects at once, even when the mutex is free', async () => {
    const mu = new Mutex();
    await expect(mu.lock({ signal: AbortSignal.abort('no') })).rejects.toBe('no');
    expect(mu.tryLock()).toBe(true);
  });

  it('an abort after the lock was handed over changes nothing', async () => {
    const mu = new Mutex();
    await mu.lock();
    const ac = new AbortController();
    const p = mu.lock({ signal: ac.signal });
    mu.unlock(); // handed to p
    ac.abort();
    await p;
    expect(mu.tryLock()).toBe(false);
    mu.unlock();
  });

  it('lockSync with a timeout throws a TimeoutError and leaves no waiter behind', () => {
    const mu = new Mutex();
    mu.lockSync();
    const t = performance.now();
    let err: unknown;
    try {
      mu.lockSync({ timeout: 10 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('TimeoutError');
    expect(performance.now() - t).toBeGreaterThanOrEqual(9);
    expect(String(mu)).toBe('Mutex(locked, starving, 0 sleeping)');
    mu.unlock();
    expect(String(mu)).toBe('Mutex(unlocked, 0 sleeping)');
  });

  it('lockSync refuses to block while lock() calls of the same Mutex object wait', async () => {
    const mu = new Mutex();
    await mu.lock();
    const waiting = mu.lock();
    expect(() => mu.lockSync()).toThrow(/would deadlock/);
    mu.unlock();
    await waiting;
    mu.unlock();
  });

  it('any task may unlock a mutex another task locked (Go allows it)', async () => {
    const mu = new Mutex();
    await mu.lock();
    const other = Mutex.from(mu.handle);
    const p = other.lock();
    await Promise.resolve().then(() => mu.unlock());
    await p;
    other.unlock();
    expect(mu.tryLock()).toBe(true);
  });

  it('checks its arguments', async () => {
    const mu = new Mutex();
    await expect(mu.lock('x' as never)).rejects.toThrow(TypeError);
    await expect(mu.lock({ signal: {} } as never)).rejects.toThrow(
      'sync: Mutex.lock signal must be an AbortSignal',
    );
    expect(() => mu.lockSync({ timeout: -1 })).toThrow(TypeError);
    expect(() => mu.lockSync({ timeout: 'soon' } as never)).toThrow(TypeError);
    expect(() => mu.lockSync(null as never)).toThrow(TypeError);
    expect(() => Mutex.from({} as never)).toThrow(
      'sync: Mutex.from needs a sync.Mutex handle, not an object',
    );
    expect(() => Mutex.from(new RWMutex().handle as never)).toThrow(TypeError);
    expect(() => Mutex.from({ type: 'sync.Mutex', buffer: new SharedArrayBuffer(4) })).toThrow(TypeError);
    expect(mu.tryLock()).toBe(true);
  });

  it('a handle survives structured cloning and attaches to the same mutex', () => {
    const mu = new Mutex();
    const there = Mutex.from(structuredClone(mu.handle));
    there.lockSync();
    expect(mu.tryLock()).toBe(false);
    mu.unlock();
    expect(there.tryLock()).toBe(true);
  });
});
