// Go's sync.Cond (src/sync/cond.go) across async tasks and workers. As Go's notifyList does, wait takes a
// ticket before it unlocks L; signal serves the oldest ticket not yet served, broadcast all of them. Two
// words of a SharedArrayBuffer count the tickets handed out (WAIT) and served (NOTIFY); waiters sleep on
// NOTIFY and every signal or broadcast wakes them all, each going back to sleep unless its ticket is served.

import { attach, describe, type Handle, mustBlock, sleepAsync } from './futex';
import { checkLocker, type Locker } from './mutex';
import { newSharedBuffer } from './shared-buffer';

const WAIT = 0;
const NOTIFY = 1;

/** CondHandle attaches another thread to a Cond: post it, then call Cond.from with that thread's Locker. */
export type CondHandle = Handle<'sync.Cond'>;

/** served reports whether ticket t has been served when n tickets have (int32 arithmetic, as Go's uint32). */
function served(t: number, n: number): boolean {
  return ((t - n) | 0) < 0;
}

/**
 * Cond is Go's sync.Cond: a rendezvous point for tasks and threads waiting for, or announcing, an event.
 * Each Cond has a Locker L (a Mutex, an RWMutex's rLocker, ...), held while the condition is changed and
 * while wait is called. Across threads, each thread attaches with `Cond.from(handle, itsOwnLocker)`, where
 * the lockers are the same shared mutex.
 *
 * @example
 * ```ts
 * import { Cond, Mutex } from '@gostd/sync';
 *
 * const mu = new Mutex();
 * const ready = new Cond(mu);
 * const queue: number[] = [];
 * async function consumer() {
 *   await mu.lock();
 *   while (queue.length === 0) await ready.wait();
 *   console.log('got', queue.shift());
 *   mu.unlock();
 * }
 * const done = consumer();
 * await mu.lock();
 * queue.push(42);
 * ready.signal();
 * mu.unlock();
 * await done;
 * // Output:
 * // got 42
 * ```
 */
export class Cond {
  /** L is held while observing or changing the condition. */
  readonly L: Locker;
  private readonly a: Int32Array;

  /**
   * new Cond returns a Cond with Locker l (Go's NewCond), in a new SharedArrayBuffer.
   *
   * @example
   * ```ts
   * import { Cond, Mutex } from '@gostd/sync';
   *
   * const c = new Cond(new Mutex());
   * c.signal(); // nobody waits: nothing happens
   * console.log(c.L instanceof Mutex);
   * // Output:
   * // true
   * ```
   */
  constructor(l: Locker);
  /** @internal */
  constructor(l: Locker, words: Int32Array);
  constructor(l: Locker, words?: Int32Array) {
    checkLocker('Cond', l);
    this.L = l;
    this.a = words ?? new Int32Array(newSharedBuffer('new Cond', 8));
  }

  /**
   * from attaches to the Cond of a handle (from `c.handle`, posted from another thread), with this
   * thread's Locker for the same shared lock.
   *
   * @example
   * ```ts
   * import { Cond, Mutex } from '@gostd/sync';
   *
   * const mu = new Mutex();
   * const c = new Cond(mu);
   * const there = Cond.from(structuredClone(c.handle), Mutex.from(structuredClone(mu.handle)));
   * console.log(there.L === mu);
   * // Output:
   * // false
   * ```
   */
  static from(handle: CondHandle, l: Locker): Cond {
    return new Cond(l, attach(handle, 'sync.Cond', 8));
  }

  /** handle is the structured-cloneable value that another thread passes to `Cond.from`. */
  get handle(): CondHandle {
    return { type: 'sync.Cond', buffer: this.a.buffer as SharedArrayBuffer };
  }

  /**
   * wait unlocks L, waits until a signal or broadcast after the call wakes it, and locks L again before it
   * resolves. The caller must hold L. As in Go, the condition may not hold when wait returns: wait in a loop.
   *
   * @example
   * ```ts
   * import { Cond, Mutex } from '@gostd/sync';
   *
   * const mu = new Mutex();
   * const c = new Cond(mu);
   * let ready = false;
   * setTimeout(async () => {
   *   await mu.lock();
   *   ready = true;
   *   c.broadcast();
   *   mu.unlock();
   * }, 1);
   * await mu.lock();
   * while (!ready) await c.wait();
   * mu.unlock();
   * console.log('ready');
   * // Output:
   * // ready
   * ```
   */
  async wait(): Promise<void> {
    const t = this.enter();
    for (let n = this.unserved(t); n !== undefined; n = this.unserved(t)) {
      await sleepAsync(this.a, NOTIFY, n, Number.POSITIVE_INFINITY);
    }
    await this.L.lock();
  }

  /** enter takes the next ticket and unlocks L, as Go's Wait does, in that order. */
  private enter(): number {
    const t = Atomics.add(this.a, WAIT, 1);
    this.L.unlock();
    return t;
  }

  /** unserved returns the NOTIFY count to sleep on while ticket t is not served, or undefined once it is. */
  private unserved(t: number): number | undefined {
    const n = Atomics.load(this.a, NOTIFY);
    return served(t, n) ? undefined : n;
  }

  /**
   * waitSync is wait that blocks the thread (only where Atomics.wait is allowed); L must lock without a
   * promise (it uses L.lockSync when L has one, as Mutex and RWMutex do).
   *
   * @example
   * ```ts
   * import { Cond, Mutex } from '@gostd/sync';
   *
   * const mu = new Mutex();
   * const c = new Cond(mu);
   * mu.lockSync();
   * c.broadcast(); // a wake-up before the wait is not kept: waitSync would block here
   * console.log(mu.tryLock());
   * mu.unlock();
   * // Output:
   * // false
   * ```
   */
  waitSync(): void {
    mustBlock('Cond.waitSync');
    const t = this.enter();
    for (let n = this.unserved(t); n !== undefined; n = this.unserved(t)) Atomics.wait(this.a, NOTIFY, n);
    const l = this.L as Locker & { lockSync?: () => void };
    if (typeof l.lockSync === 'function') {
      l.lockSync();
      return;
    }
    const r = l.lock();
    if (r instanceof Promise) {
      throw new TypeError(
        `sync: Cond.waitSync needs a Locker that locks without a promise, not ${describe(l)}`,
      );
    }
  }

  /**
   * signal wakes the task or thread that has waited longest, if any. The caller may hold L, as in Go.
   *
   * @example
   * ```ts
   * import { Cond, Mutex } from '@gostd/sync';
   *
   * const mu = new Mutex();
   * const c = new Cond(mu);
   * const woken: number[] = [];
   * const waiters = [1, 2].map(async (i) => {
   *   await mu.lock();
   *   await c.wait();
   *   woken.push(i);
   *   mu.unlock();
   * });
   * await new Promise((r) => setTimeout(r, 5));
   * c.signal();
   * await new Promise((r) => setTimeout(r, 5));
   * console.log(woken);
   * c.signal();
   * await Promise.all(waiters);
   * console.log(woken);
   * // Output:
   * // [ 1 ]
   * // [ 1, 2 ]
   * ```
   */
  signal(): void {
    const a = this.a;
    for (;;) {
      const n = Atomics.load(a, NOTIFY);
      if (n === Atomics.load(a, WAIT)) return;
      if (Atomics.compareExchange(a, NOTIFY, n, (n + 1) | 0) === n) break;
    }
    Atomics.notify(a, NOTIFY);
  }

  /**
   * broadcast wakes every task and thread waiting on the Cond.
   *
   * @example
   * ```ts
   * import { Cond, Mutex } from '@gostd/sync';
   *
   * const mu = new Mutex();
   * const c = new Cond(mu);
   * let go = false;
   * const runners = [1, 2, 3].map(async (i) => {
   *   await mu.lock();
   *   while (!go) await c.wait();
   *   mu.unlock();
   *   return i;
   * });
   * await new Promise((r) => setTimeout(r, 5));
   * await mu.lock();
   * go = true;
   * c.broadcast();
   * mu.unlock();
   * console.log(await Promise.all(runners));
   * // Output:
   * // [ 1, 2, 3 ]
   * ```
   */
  broadcast(): void {
    const a = this.a;
    for (;;) {
      const n = Atomics.load(a, NOTIFY);
      const w = Atomics.load(a, WAIT);
      if (n === w) return;
      if (Atomics.compareExchange(a, NOTIFY, n, w) === n) break;
    }
    Atomics.notify(a, NOTIFY);
  }
}

/**
 * newCond returns a new Cond with Locker l: Go's sync.NewCond.
 *
 * @example
 * ```ts
 * import { Mutex, newCond } from '@gostd/sync';
 *
 * const c = newCond(new Mutex());
 * c.broadcast();
 * console.log('ok');
 * // Output:
 * // ok
 * ```
 */
export function newCond(l: Locker): Cond {
  return new Cond(l);
}
