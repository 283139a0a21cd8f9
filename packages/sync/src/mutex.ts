// Go's sync.Mutex (src/sync/mutex.go) for one thread's async tasks and for worker_threads at once.
//
// The state is two words of a SharedArrayBuffer: STATE (locked, starving and hand-off bits and the number of
// sleeping waiters) and SEQ, which every release that must wake someone bumps before it calls Atomics.notify,
// so that a waiter that read SEQ before looking at STATE cannot miss the wake-up. Sleepers are woken in the
// order they fell asleep (the order of the agent cluster's waiter list). As in Go, the mutex has two modes:
// in normal mode a woken waiter competes with newcomers; a waiter that has waited 1 ms sets STARVING, and then
// every unlock hands the mutex (still locked) to the longest sleeper, which claims it by clearing HANDOFF.
//
// In one thread, async lock() calls queue in a plain array; unlock() hands the mutex straight to the next
// one (a resolved promise, no Atomics.wait) while the mutex is not starving. While some are queued, one
// "pump" per Mutex object sleeps in Atomics.waitAsync as a registered waiter on behalf of the whole queue.

import {
  attach,
  describe,
  fatal,
  type Handle,
  type LockOptions,
  mustBlock,
  type SyncLockOptions,
  signalOf,
  sleepAsync,
  timeoutError,
  timeoutOf,
} from './futex';
import { newSharedBuffer } from './shared-buffer';

/** Bits of the STATE word. */
const LOCKED = 1;
const STARVING = 2;
/** HANDOFF: an unlock in starvation mode passed the (still locked) mutex to a sleeper not yet awake. */
const HANDOFF = 4;
/** WAITER is one registered waiter in the count held in the bits above HANDOFF. */
const WAITER = 8;

/** STARVE_MS is Go's starvationThresholdNs: a waiter that waited this long switches on starvation mode. */
const STARVE_MS = 1;
/** RECHECK_MS is how often a waiter that has waited STARVE_MS wakes to switch on starvation mode. */
const RECHECK_MS = 4;
/** STARVING_RECHECK_MS is how often it wakes while the mutex is starving. */
const STARVING_RECHECK_MS = 16;
/**
 * PUMP_MS bounds each sleep of a pump while another thread holds the mutex, so that a pump whose queued
 * calls were all aborted notices it and leaves (it cannot cancel its pending Atomics.waitAsync).
 */
const PUMP_MS = 16;
/** SPIN is how many times lockSync retries before it sleeps. */
const SPIN = 100;

/** MUTEX_WORDS is the number of Int32 words a mutex takes. */
export const MUTEX_WORDS = 2;

const RESOLVED: Promise<void> = Promise.resolve();

/** Waiter is one waiter's progress through the shared slow path. */
interface Waiter {
  /** start is when it began waiting (performance.now()). */
  start: number;
  /** registered: it is counted in STATE. */
  registered: boolean;
  /** slept: it has returned from a wait at least once, so it may claim a hand-off. */
  slept: boolean;
  /** mayStarve: it may switch on starvation mode. */
  mayStarve: boolean;
  /** pump: it waits for a queue of this thread's lock() calls, so it leaves starvation mode only as the last waiter. */
  pump: boolean;
  /** seq is the SEQ value to sleep on, set by step when it returns false. */
  seq: number;
}

/** Queued is one async lock() call waiting in this thread. */
interface Queued {
  resolve: () => void;
  reject: (e: unknown) => void;
  since: number;
  /** done: resolved or rejected. */
  done: boolean;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** MutexHandle attaches another thread to a Mutex: post it, then call Mutex.from. */
export type MutexHandle = Handle<'sync.Mutex'>;

/**
 * A Mutex is Go's mutual exclusion lock, shared by the async tasks of one thread and by every worker thread
 * the mutex is posted to (post `mu.handle`, attach with `Mutex.from`). A new Mutex is unlocked, like Go's
 * zero Mutex. `await mu.lock()` waits without blocking the thread; `mu.lockSync()` blocks it (only where
 * Atomics.wait is allowed: workers, Node's main thread). A locked Mutex is not tied to a task or thread: any
 * of them may unlock it.
 *
 * Fairness is Go's: a waiter that has waited 1 ms puts the mutex in starvation mode, where each unlock hands
 * it to the longest waiter; newcomers then queue behind.
 *
 * @example
 * ```ts
 * import { Mutex } from '@gostd/sync';
 *
 * const mu = new Mutex();
 * let balance = 0;
 * async function deposit(n: number) {
 *   await mu.lock();
 *   try {
 *     const b = balance;
 *     await new Promise((r) => setTimeout(r, 1)); // the critical section awaits
 *     balance = b + n;
 *   } finally {
 *     mu.unlock();
 *   }
 * }
 * await Promise.all([deposit(10), deposit(20), deposit(30)]);
 * console.log(balance);
 * // Output:
 * // 60
 * ```
 */
export class Mutex {
  /** The words of the shared buffer. */
  private readonly a: Int32Array;
  /** Index of STATE in a (SEQ follows). */
  private readonly s: number;
  /** Async lock() calls of this thread, in order; q[head] is next. */
  private q: Queued[] = [];
  private head = 0;
  /** live counts the entries of q that are still waiting. */
  private live = 0;
  /** pumping: a pump loop is running for q. */
  private pumping = false;
  /** mine: this object took the mutex and has not released it (a hint for fairness only). */
  private mine = false;

  /**
   * new Mutex returns an unlocked mutex in a new SharedArrayBuffer.
   *
   * @example
   * ```ts
   * import { Mutex } from '@gostd/sync';
   *
   * const mu = new Mutex();
   * console.log(mu.tryLock(), mu.tryLock());
   * mu.unlock();
   * // Output:
   * // true false
   * ```
   */
  constructor();
  /** @internal new Mutex(words, at) makes a mutex over words[at] and words[at + 1] of a shared buffer. */
  constructor(words: Int32Array, at: number);
  constructor(words?: Int32Array, at = 0) {
    this.a = words ?? new Int32Array(newSharedBuffer('new Mutex', MUTEX_WORDS * 4));
    this.s = at;
  }

  /**
   * from attaches to the mutex of a handle (from `mu.handle`, posted from another thread).
   *
   * @example
   * ```ts
   * import { Mutex } from '@gostd/sync';
   *
   * const mu = new Mutex();
   * mu.lockSync();
   * const same = Mutex.from(structuredClone(mu.handle)); // as a worker would
   * console.log(same.tryLock());
   * same.unlock();
   * console.log(mu.tryLock());
   * // Output:
   * // false
   * // true
   * ```
   */
  static from(handle: MutexHandle): Mutex {
    return new Mutex(attach(handle, 'sync.Mutex', MUTEX_WORDS * 4), 0);
  }

  /** handle is the structured-cloneable value that another thread passes to `Mutex.from`. */
  get handle(): MutexHandle {
    return { type: 'sync.Mutex', buffer: this.a.buffer as SharedArrayBuffer };
  }

  /**
   * lock locks the mutex: the promise resolves once this caller holds it. With `signal`, an abort before
   * that rejects with `signal.reason` (`AbortSignal.timeout(ms)` makes a timeout), and the caller does not
   * hold the mutex. Calls from one thread are served in order.
   *
   * @example
   * ```ts
   * import { Mutex } from '@gostd/sync';
   *
   * const mu = new Mutex();
   * await mu.lock();
   * try {
   *   await mu.lock({ signal: AbortSignal.timeout(5) });
   * } catch (e) {
   *   console.log((e as Error).name);
   * }
   * mu.unlock();
   * // Output:
   * // TimeoutError
   * ```
   */
  lock(options?: LockOptions): Promise<void> {
    if (
      options === undefined &&
      this.live === 0 &&
      Atomics.compareExchange(this.a, this.s, 0, LOCKED) === 0
    ) {
      this.mine = true;
      return RESOLVED;
    }
    return this.lockSlow(options);
  }

  /** @internal lockNow takes the mutex if lock() would take it at once, and reports whether it did. */
  lockNow(): boolean {
    if (this.live === 0 && Atomics.compareExchange(this.a, this.s, 0, LOCKED) === 0) {
      this.mine = true;
      return true;
    }
    return false;
  }

  private lockSlow(options: LockOptions | undefined): Promise<void> {
    let signal: AbortSignal | undefined;
    try {
      signal = signalOf('Mutex.lock', options);
    } catch (e) {
      return Promise.reject(e);
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.live === 0 && this.tryLock()) {
      this.mine = true;
      return RESOLVED;
    }
    return new Promise<void>((resolve, reject) => {
      const w: Queued = {
        resolve,
        reject,
        since: performance.now(),
        done: false,
        signal,
        onAbort: undefined,
      };
      if (signal) {
        w.onAbort = () => {
          if (w.done) return;
          w.done = true;
          this.live--;
          reject(signal.reason);
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.q.push(w);
      this.live++;
      if (!this.pumping) {
        this.pumping = true;
        void this.pump();
      }
    });
  }

  /**
   * lockSync locks the mutex, blocking the thread until it can. It throws where the thread may not block
   * (a browser's main thread), and when this Mutex object has `lock()` calls waiting, which could never be
   * served while the thread is blocked. With `timeout` (milliseconds) it throws a TimeoutError DOMException
   * when that passes first.
   *
   * @example
   * ```ts
   * import { Mutex } from '@gostd/sync';
   *
   * const mu = new Mutex();
   * mu.lockSync();
   * try {
   *   mu.lockSync({ timeout: 5 });
   * } catch (e) {
   *   console.log((e as Error).message);
   * }
   * mu.unlock();
   * // Output:
   * // sync: Mutex.lockSync timed out after 5 ms
   * ```
   */
  lockSync(options?: SyncLockOptions): void {
    const timeout = timeoutOf('Mutex.lockSync', options);
    mustBlock('Mutex.lockSync');
    if (this.live > 0) {
      throw new Error(
        'sync: Mutex.lockSync while lock() calls of this thread wait for the same Mutex would deadlock',
      );
    }
    if (Atomics.compareExchange(this.a, this.s, 0, LOCKED) === 0) {
      this.mine = true;
      return;
    }
    const a = this.a;
    const at = this.s;
    for (let i = 0; i < SPIN; i++) {
      const s = Atomics.load(a, at);
      if ((s & (LOCKED | STARVING)) === 0 && Atomics.compareExchange(a, at, s, s | LOCKED) === s) {
        this.mine = true;
        return;
      }
    }
    const w: Waiter = {
      start: performance.now(),
      registered: false,
      slept: false,
      mayStarve: true,
      pump: false,
      seq: 0,
    };
    const deadline = w.start + timeout;
    for (;;) {
      if (this.step(w)) break;
      const now = performance.now();
      if (now >= deadline) {
        if (this.leave(w)) break; // it was handed the mutex on the way out
        throw timeoutError('Mutex.lockSync', timeout);
      }
      Atomics.wait(a, at + 1, w.seq, Math.min(this.recheck(w, now), deadline - now));
      w.slept = true;
    }
    this.mine = true;
  }

  /**
   * tryLock locks the mutex if it is free and not promised to a waiter, and reports whether it did.
   *
   * @example
   * ```ts
   * import { Mutex } from '@gostd/sync';
   *
   * const mu = new Mutex();
   * console.log(mu.tryLock());
   * console.log(mu.tryLock());
   * mu.unlock();
   * console.log(mu.tryLock());
   * // Output:
   * // true
   * // false
   * // true
   * ```
   */
  tryLock(): boolean {
    const s = Atomics.load(this.a, this.s);
    if ((s & (LOCKED | STARVING)) !== 0) return false;
    if (Atomics.compareExchange(this.a, this.s, s, s | LOCKED) !== s) return false;
    this.mine = true;
    return true;
  }

  /**
   * unlock unlocks the mutex. It throws Go's fatal error `sync: unlock of unlocked mutex` when the mutex is
   * not locked. Any task or thread may unlock a mutex another one locked.
   *
   * @example
   * ```ts
   * import { Mutex } from '@gostd/sync';
   *
   * const mu = new Mutex();
   * try {
   *   mu.unlock();
   * } catch (e) {
   *   console.log((e as Error).message);
   * }
   * // Output:
   * // sync: unlock of unlocked mutex
   * ```
   */
  unlock(): void {
    const a = this.a;
    if (this.live > 0) {
      const s = Atomics.load(a, this.s);
      if ((s & (LOCKED | STARVING | HANDOFF)) === LOCKED) {
        // Hand the mutex, still locked, to the next lock() call of this thread.
        this.next()?.resolve();
        return;
      }
    }
    this.mine = false;
    if (Atomics.compareExchange(a, this.s, LOCKED, 0) === LOCKED) return;
    this.release();
  }

  /** next takes the first waiting entry off the queue (marking it done), or undefined. */
  private next(): Queued | undefined {
    while (this.head < this.q.length) {
      const w = this.q[this.head++] as Queued;
      if (w.done) continue;
      w.done = true;
      this.live--;
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      if (this.head > 64 && this.head * 2 > this.q.length) {
        this.q = this.q.slice(this.head);
        this.head = 0;
      }
      return w;
    }
    this.q = [];
    this.head = 0;
    return undefined;
  }

  /** release unlocks in shared memory: wakes a sleeper, or hands it the mutex in starvation mode. */
  private release(): void {
    const a = this.a;
    const at = this.s;
    let s = Atomics.load(a, at);
    for (;;) {
      if ((s & LOCKED) === 0 || (s & HANDOFF) !== 0) fatal('sync: unlock of unlocked mutex');
      if ((s & STARVING) !== 0 && s >= WAITER) {
        const got = Atomics.compareExchange(a, at, s, s | HANDOFF);
        if (got !== s) {
          s = got;
          continue;
        }
        Atomics.add(a, at + 1, 1);
        if (Atomics.notify(a, at + 1, 1) === 0) this.revoke();
        return;
      }
      const next = s & ~(LOCKED | STARVING);
      const got = Atomics.compareExchange(a, at, s, next);
      if (got !== s) {
        s = got;
        continue;
      }
      if (next >= WAITER) this.wake();
      return;
    }
  }

  /** wake bumps SEQ and wakes the longest sleeper. */
  private wake(): void {
    Atomics.add(this.a, this.s + 1, 1);
    Atomics.notify(this.a, this.s + 1, 1);
  }

  /**
   * revoke takes back a hand-off that woke no sleeper (every registered waiter was between registering and
   * sleeping, or belonged to a thread that is gone): the mutex is released in normal mode instead, and any
   * waiter that is about to look finds it free.
   */
  private revoke(): void {
    const a = this.a;
    let s = Atomics.load(a, this.s);
    while ((s & HANDOFF) !== 0) {
      const next = s & ~(HANDOFF | LOCKED | STARVING);
      const got = Atomics.compareExchange(a, this.s, s, next);
      if (got === s) {
        if (next >= WAITER) this.wake();
        return;
      }
      s = got;
    }
  }

  /**
   * step moves a waiter on: it takes the mutex (true), or registers the waiter and leaves in w.seq the SEQ
   * value to sleep on (false). A waiter that has slept claims a pending hand-off; a waiter that has waited
   * STARVE_MS while the mutex stays locked switches on starvation mode.
   */
  private step(w: Waiter): boolean {
    const a = this.a;
    const at = this.s;
    const seq = Atomics.load(a, at + 1);
    let s = Atomics.load(a, at);
    for (;;) {
      let next: number;
      if ((s & HANDOFF) !== 0 && w.slept) {
        next = (s & ~HANDOFF) - WAITER;
        // Go leaves starvation mode when the new owner is the last waiter or did not wait long. A pump leaves
        // it only as the last waiter: the calls it stands for are then handed the mutex one after another
        // in this thread, and a waiter of another thread would wait for all of them.
        if (next < WAITER || (!w.pump && performance.now() - w.start < STARVE_MS)) next &= ~STARVING;
      } else if ((s & LOCKED) === 0) {
        next = (s | LOCKED) & ~STARVING;
        if (w.registered) next -= WAITER;
      } else {
        next = w.registered ? s : s + WAITER;
        if (w.slept && w.mayStarve && (s & STARVING) === 0 && performance.now() - w.start >= STARVE_MS) {
          next |= STARVING;
        }
        if (next !== s) {
          const got = Atomics.compareExchange(a, at, s, next);
          if (got !== s) {
            s = got;
            continue;
          }
        }
        w.registered = true;
        w.seq = seq;
        return false;
      }
      const got = Atomics.compareExchange(a, at, s, next);
      if (got === s) {
        w.registered = false;
        return true;
      }
      s = got;
    }
  }

  /**
   * leave unregisters a waiter that stops waiting. If the mutex was handed to it meanwhile it takes it and
   * returns true; if the mutex is free and others wait, it passes on the wake-up it may have swallowed.
   */
  private leave(w: Waiter): boolean {
    if (!w.registered) return false;
    const a = this.a;
    let s = Atomics.load(a, this.s);
    for (;;) {
      if ((s & HANDOFF) !== 0 && w.slept) {
        if (this.step(w)) return true;
        s = Atomics.load(a, this.s);
        continue;
      }
      const next = s - WAITER;
      const got = Atomics.compareExchange(a, this.s, s, next);
      if (got === s) {
        w.registered = false;
        if ((next & LOCKED) === 0 && next >= WAITER) this.wake();
        return false;
      }
      s = got;
    }
  }

  /**
   * recheck is how long a waiter may sleep before it must look again at how long it has waited: when it
   * reaches STARVE_MS, then every RECHECK_MS, or every STARVING_RECHECK_MS while the mutex is starving (in
   * case another waiter's claim ends starvation mode while this one still waits).
   */
  private recheck(w: Waiter, now: number): number {
    if (!w.mayStarve) return Number.POSITIVE_INFINITY;
    const waited = now - w.start;
    if (waited < STARVE_MS) return STARVE_MS - waited;
    return (Atomics.load(this.a, this.s) & STARVING) !== 0 ? STARVING_RECHECK_MS : RECHECK_MS;
  }

  /** pump takes the mutex for the queue of async lock() calls, one at a time, until the queue is empty. */
  private async pump(): Promise<void> {
    const a = this.a;
    let w: Waiter | undefined;
    for (;;) {
      if (this.live === 0) {
        this.pumping = false;
        if (w && this.leave(w)) this.unlockTaken();
        return;
      }
      if (!w) {
        const first = this.q[this.head];
        w = {
          start: first ? first.since : performance.now(),
          registered: false,
          slept: false,
          mayStarve: true,
          pump: true,
          seq: 0,
        };
      }
      w.mayStarve = !this.mine;
      if (this.step(w)) {
        w = undefined;
        const next = this.next();
        if (next) {
          this.mine = true;
          next.resolve();
        } else {
          this.mine = false;
          this.unlockTaken();
        }
        continue;
      }
      const ms = this.mine ? Number.POSITIVE_INFINITY : Math.min(PUMP_MS, this.recheck(w, performance.now()));
      const wait = sleepAsync(a, this.s + 1, w.seq, ms);
      if (wait) await wait;
      w.slept = true;
    }
  }

  /** unlockTaken releases a mutex the pump took for a queue that emptied meanwhile (aborted calls). */
  private unlockTaken(): void {
    if (Atomics.compareExchange(this.a, this.s, LOCKED, 0) !== LOCKED) this.release();
  }

  /** toString describes the mutex's state, for debugging. */
  toString(): string {
    const s = Atomics.load(this.a, this.s);
    const flags = [(s & LOCKED) !== 0 ? 'locked' : 'unlocked'];
    if (s & STARVING) flags.push('starving');
    if (s & HANDOFF) flags.push('handing off');
    return `Mutex(${flags.join(', ')}, ${s >>> 3} sleeping)`;
  }
}

/** Locker is Go's sync.Locker: anything with lock and unlock. */
export interface Locker {
  /** lock locks; it may return a promise that resolves once locked. */
  lock(): void | Promise<void>;
  /** unlock unlocks. */
  unlock(): void;
}

/** isLocker reports whether v has lock and unlock methods. */
export function isLocker(v: unknown): v is Locker {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Locker).lock === 'function' &&
    typeof (v as Locker).unlock === 'function'
  );
}

/** checkLocker throws a TypeError naming what unless v is a Locker. */
export function checkLocker(what: string, v: unknown): asserts v is Locker {
  if (!isLocker(v))
    throw new TypeError(`sync: ${what} needs a Locker (lock and unlock methods), not ${describe(v)}`);
}
