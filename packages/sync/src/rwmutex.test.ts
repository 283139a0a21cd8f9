// RWMutex in one thread: Go's src/sync/rwmutex_test.go (TestParallelReaders, TestRWMutex with
// HammerRWMutex, TestRLocker) as scenarios of async tasks, plus writer preference and argument checks.
import { describe, expect, it } from 'vitest';
import { Mutex, RWMutex } from './index';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('RWMutex (src/sync/rwmutex_test.go)', () => {
  it.each([1, 3, 4])('TestParallelReaders: %i readers hold the read lock at once', async (n) => {
    const m = new RWMutex();
    let locked = 0;
    let release: () => void = () => {};
    const unlock = new Promise<void>((r) => {
      release = r;
    });
    const readers = Array.from({ length: n }, async () => {
      await m.rLock();
      locked++;
      await unlock;
      m.rUnlock();
    });
    while (locked < n) await tick();
    release();
    await Promise.all(readers);
    expect(m.tryLock()).toBe(true);
  });

  it('TestRWMutex: tryLock and tryRLock', () => {
    const m = new RWMutex();
    m.lockSync();
    expect(m.tryLock()).toBe(false);
    expect(m.tryRLock()).toBe(false);
    m.unlock();
    expect(m.tryLock()).toBe(true);
    m.unlock();
    expect(m.tryRLock()).toBe(true);
    expect(m.tryRLock()).toBe(true);
    expect(m.tryLock()).toBe(false);
    m.rUnlock();
    m.rUnlock();
  });

  // HammerRWMutex: 2 writers and numReaders readers; activity counts readers + 10000 per writer, and must
  // never show a writer with anyone else. The tasks await inside their critical sections to interleave.
  it.each([1, 3, 10, 5])('TestRWMutex: HammerRWMutex with %i readers', async (numReaders) => {
    const rw = new RWMutex();
    let activity = 0;
    const bad: number[] = [];
    const iterations = 200;
    async function reader(id: number) {
      for (let i = 0; i < iterations; i++) {
        await rw.rLock();
        const n = ++activity;
        if (n < 1 || n >= 10000) bad.push(n);
        if ((i + id) % 5 === 0) await null;
        activity--;
        rw.rUnlock();
      }
    }
    async function writer() {
      for (let i = 0; i < iterations; i++) {
        await rw.lock();
        activity += 10000;
        if (activity !== 10000) bad.push(activity);
        if (i % 3 === 0) await null;
        activity -= 10000;
        rw.unlock();
      }
    }
    const tasks = [writer()];
    let i = 0;
    for (; i < numReaders / 2; i++) tasks.push(reader(i));
    tasks.push(writer());
    for (; i < numReaders; i++) tasks.push(reader(i));
    await Promise.all(tasks);
    expect(bad).toEqual([]);
    expect(activity).toBe(0);
  });

  it('TestRLocker: the rLocker read-locks, so a writer waits for both of its locks', async () => {
    const wl = new RWMutex();
    const rl = wl.rLocker();
    for (let i = 0; i < 10; i++) {
      await rl.lock();
      await rl.lock();
      let wlocked = false;
      const w = wl.lock().then(() => {
        wlocked = true;
      });
      rl.unlock();
      await tick();
      expect(wlocked).toBe(false);
      rl.unlock();
      await w;
      expect(wlocked).toBe(true);
      // A pending writer keeps new readers out until it is done.
      expect(wl.tryRLock()).toBe(false);
      wl.unlock();
    }
  });

  it('a waiting writer keeps new readers out (writer preference), then lets them in', async () => {
    const rw = new RWMutex();
    await rw.rLock();
    const events: string[] = [];
    const w = rw.lock().then(() => {
      events.push('writer');
      rw.unlock();
    });
    const r = rw.rLock().then(() => {
      events.push('late reader');
      rw.rUnlock();
    });
    await tick();
    expect(events).toEqual([]);
    rw.rUnlock();
    await Promise.all([w, r]);
    expect(events).toEqual(['writer', 'late reader']);
  });

  it('checks its handle', () => {
    expect(() => RWMutex.from(new Mutex().handle as never)).toThrow(
      'sync: RWMutex.from needs a sync.RWMutex handle, not an object',
    );
    const rw = new RWMutex();
    const there = RWMutex.from(structuredClone(rw.handle));
    there.lockSync();
    expect(rw.tryRLock()).toBe(false);
    rw.unlock();
    expect(rw.tryRLock()).toBe(true);
  });
});
