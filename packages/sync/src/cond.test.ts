// Cond in one thread: Go's src/sync/cond_test.go (TestCondSignal, TestCondSignalGenerations,
// TestCondBroadcast, TestRace, TestCondSignalStealing) as scenarios of async tasks.
import { describe, expect, it } from 'vitest';
import { Cond, Mutex, newCond, RWMutex } from './index';

const tick = () => new Promise<void>((r) => setImmediate(r));
const settle = async () => {
  for (let i = 0; i < 5; i++) await tick();
};

describe('Cond (src/sync/cond_test.go)', () => {
  it('TestCondSignal: each signal wakes exactly one waiter', async () => {
    const m = new Mutex();
    const c = newCond(m);
    let n = 2;
    let running = 0;
    let awake = 0;
    const tasks = Array.from({ length: n }, async () => {
      await m.lock();
      running++;
      await c.wait();
      awake++;
      m.unlock();
    });
    while (running < n) await tick();
    while (n > 0) {
      expect(awake).toBe(0);
      await m.lock();
      c.signal();
      m.unlock();
      while (awake === 0) await tick();
      await settle();
      expect(awake).toBe(1); // not too many
      awake = 0;
      n--;
    }
    c.signal();
    await Promise.all(tasks);
  });

  it('TestCondSignalGenerations: signals wake waiters in the order they waited', async () => {
    const m = new Mutex();
    const c = newCond(m);
    const n = 100;
    const awake: number[] = [];
    const tasks: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      let running = false;
      tasks.push(
        (async () => {
          await m.lock();
          running = true;
          await c.wait();
          awake.push(i);
          m.unlock();
        })(),
      );
      if (i > 0) {
        while (awake.length < i) await tick();
        expect(awake[i - 1]).toBe(i - 1);
      }
      while (!running) await tick();
      await m.lock();
      c.signal();
      m.unlock();
    }
    await Promise.all(tasks);
  });

  it('TestCondBroadcast: broadcast wakes every waiter once, 20 rounds of 50', async () => {
    const m = new Mutex();
    const c = newCond(m);
    const n = 50;
    let exit = false;
    let running: number[] = [];
    let awake: number[] = [];
    const tasks = Array.from({ length: n }, async (_, g) => {
      await m.lock();
      while (!exit) {
        running.push(g);
        await c.wait();
        awake.push(g);
      }
      m.unlock();
    });
    const rounds = 20;
    for (let i = 0; i < rounds; i++) {
      while (running.length < n) await tick();
      running = [];
      if (i === rounds - 1) {
        await m.lock();
        exit = true;
        m.unlock();
      }
      expect(awake).toEqual([]); // not asleep
      await m.lock();
      c.broadcast();
      m.unlock();
      while (awake.length < n) await tick();
      expect(new Set(awake).size).toBe(n); // nobody woke twice
      awake = [];
    }
    await Promise.all(tasks);
    expect(running).toEqual([]);
  });

  it("TestRace: wait, signal and the locker interleave as Go's test requires", async () => {
    let x = 0 as number;
    const c = new Cond(new Mutex());
    const L = c.L as Mutex;
    const errors: string[] = [];
    await Promise.all([
      (async () => {
        await L.lock();
        x = 1;
        await c.wait();
        if (x !== 2) errors.push('want 2');
        x = 3;
        c.signal();
        L.unlock();
      })(),
      (async () => {
        await L.lock();
        for (;;) {
          if (x === 1) {
            x = 2;
            c.signal();
            break;
          }
          L.unlock();
          await tick();
          await L.lock();
        }
        L.unlock();
      })(),
      (async () => {
        await L.lock();
        for (;;) {
          if (x === 2) {
            await c.wait();
            if ((x as number) !== 3) errors.push('want 3');
            break;
          }
          if (x === 3) break;
          L.unlock();
          await tick();
          await L.lock();
        }
        L.unlock();
      })(),
    ]);
    expect(errors).toEqual([]);
  });

  it('TestCondSignalStealing: a waiter that started waiting first is always woken by a broadcast (200 rounds)', async () => {
    for (let iters = 0; iters < 200; iters++) {
      const m = new Mutex();
      const cond = newCond(m);
      let phase = 0;
      const first = (async () => {
        await m.lock();
        phase = 1;
        await cond.wait();
        m.unlock();
        phase = 2;
      })();
      while (phase < 1) await tick();
      await m.lock();
      m.unlock();
      let done = false;
      setImmediate(() => cond.broadcast());
      const second = (async () => {
        await m.lock();
        while (!done) await cond.wait();
        m.unlock();
      })();
      await first;
      expect(phase).toBe(2);
      await m.lock();
      done = true;
      m.unlock();
      cond.broadcast();
      await second;
    }
  });

  for (const start of [2 ** 31 - 3, -3]) {
    it(`serves tickets in order across the wrap of its ticket counters (from ${start})`, async () => {
      // Go's notifyList counts tickets in uint32s that wrap; here in int32s: a Cond whose counters are
      // 3 short of the sign flip (2^31) or of zero (2^32) must still wake waiters in order, one a signal.
      const buffer = new SharedArrayBuffer(8);
      new Int32Array(buffer).fill(start);
      const m = new Mutex();
      const c = Cond.from({ type: 'sync.Cond', buffer }, m);
      const awake: number[] = [];
      const tasks: Promise<void>[] = [];
      const waiting = async (i: number) => {
        await m.lock();
        await c.wait();
        awake.push(i);
        m.unlock();
      };
      for (let i = 0; i < 6; i++) {
        tasks.push(waiting(i));
        await settle();
      }
      for (let i = 0; i < 6; i++) {
        c.signal();
        await settle();
        expect(awake).toEqual([0, 1, 2, 3, 4, 5].slice(0, i + 1));
      }
      c.signal(); // nobody waits: a signal is not kept
      for (let i = 6; i < 12; i++) {
        tasks.push(waiting(i));
        await settle();
      }
      expect(awake.length).toBe(6);
      c.broadcast();
      await Promise.all(tasks);
      expect(awake.slice(6).sort((x, y) => x - y)).toEqual([6, 7, 8, 9, 10, 11]);
      expect(new Int32Array(buffer)[0]).toBe((start + 12) | 0);
    });
  }

  it('works with an RWMutex rLocker', async () => {
    const rw = new RWMutex();
    const c = new Cond(rw.rLocker());
    await rw.rLock();
    const w = c.wait();
    await tick();
    expect(rw.tryLock()).toBe(true); // the waiter released its read lock
    rw.unlock();
    c.signal();
    await w;
    expect(rw.tryLock()).toBe(false); // and holds it again
    rw.rUnlock();
  });

  it('checks its arguments', () => {
    expect(() => new Cond({} as never)).toThrow(
      'sync: Cond needs a Locker (lock and unlock methods), not an object',
    );
    expect(() => newCond(undefined as never)).toThrow(TypeError);
    expect(() => Cond.from({} as never, new Mutex())).toThrow(TypeError);
    expect(() => Cond.from(new Cond(new Mutex()).handle, 1 as never)).toThrow(TypeError);
  });
});
