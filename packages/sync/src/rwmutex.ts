// Go's sync.RWMutex (src/sync/rwmutex.go) across async tasks and worker_threads.
//
// Go's design, in shared memory: a Mutex orders the writers; READERS counts the readers, and a writer
// announces itself by subtracting MAX_READERS from it, so that readers arriving after it see a negative
// count and sleep on the reader semaphore (writer preference: a waiting writer blocks new readers). DEPART
// counts the readers the writer still waits for; the last of them releases the writer semaphore. A semaphore
// is a word holding its count, waited on with Atomics.wait or Atomics.waitAsync while it is 0.

import { attach, fatal, type Handle, mustBlock, sleepAsync } from './futex';
import { type Locker, MUTEX_WORDS, Mutex } from './mutex';
import { newSharedBuffer } from './shared-buffer';

/** MAX_READERS is Go's rwmutexMaxReaders. */
const MAX_READERS = 1 << 30;
/** Word indexes after the writers' mutex. */
const READERS = MUTEX_WORDS;
const DEPART = MUTEX_WORDS + 1;
const WRITER_SEM = MUTEX_WORDS + 2;
const READER_SEM = MUTEX_WORDS + 3;
const WORDS = MUTEX_WORDS + 4;

/** RWMutexHandle attaches another thread to an RWMutex: post it, then call RWMutex.from. */
export type RWMutexHandle = Handle<'sync.RWMutex'>;

const RESOLVED: Promise<void> = Promise.resolve();

/** semAcquireSync takes one unit of the semaphore at a[i], blocking while it has none. */
function semAcquireSync(a: Int32Array, i: number): void {
  for (;;) {
    const v = Atomics.load(a, i);
    if (v > 0) {
      if (Atomics.compareExchange(a, i, v, v - 1) === v) return;
      continue;
    }
    Atomics.wait(a, i, v);
  }
}

/** semAcquire takes one unit of the semaphore at a[i], waiting without blocking while it has none. */
async function semAcquire(a: Int32Array, i: number): Promise<void> {
  for (;;) {
    const v = Atomics.load(a, i);
    if (v > 0) {
      if (Atomics.compareExchange(a, i, v, v - 1) === v) return;
      continue;
    }
    await sleepAsync(a, i, v, Number.POSITIVE_INFINITY);
  }
}

/** semRelease adds n units to the semaphore at a[i] and wakes up to n waiters. */
function semRelease(a: Int32Array, i: number, n: number): void {
  Atomics.add(a, i, n);
  Atomics.notify(a, i, n);
}

/**
 * An RWMutex is Go's reader/writer mutual exclusion lock: any number of readers or one writer, shared by the
 * async tasks of one thread and by every worker the handle is posted to. A new RWMutex is unlocked. As in
 * Go, a writer waiting in lock keeps new readers out until it has had its turn, so readers cannot starve
 * writers, and a reader must not take the read lock again while it holds it (a writer in between would
 * deadlock both).
 *
 * @example
 * ```ts
 * import { RWMutex } from '@gostd/sync';
 *
 * const rw = new RWMutex();
 * const config = { name: 'gopher', version: 1 };
 * async function read() {
 *   await rw.rLock();
 *   try {
 *     return `${config.name} v${config.version}`;
 *   } finally {
 *     rw.rUnlock();
 *   }
 * }
 * async function update() {
 *   await rw.lock();
 *   try {
 *     config.name = 'rabbit';
 *     await new Promise((r) => setTimeout(r, 1)); // readers never see the record half-written
 *     config.version = 2;
 *   } finally {
 *     rw.unlock();
 *   }
 * }
 * console.log(await Promise.all([read(), update(), read()]));
 * // Output:
 * // [ 'gopher v1', undefined, 'rabbit v2' ]
 * ```
 */
export class RWMutex {
  private readonly a: Int32Array;
  /** w orders the writers. */
  private readonly w: Mutex;

  /**
   * new RWMutex returns an unlocked RWMutex in a new SharedArrayBuffer.
   *
   * @example
   * ```ts
   * import { RWMutex } from '@gostd/sync';
   *
   * const rw = new RWMutex();
   * console.log(rw.tryRLock(), rw.tryRLock(), rw.tryLock());
   * rw.rUnlock();
   * rw.rUnlock();
   * console.log(rw.tryLock(), rw.tryRLock());
   * // Output:
   * // true true false
   * // true false
   * ```
   */
  constructor();
  /** @internal */
  constructor(words: Int32Array);
  constructor(words?: Int32Array) {
    this.a = words ?? new Int32Array(newSharedBuffer('new RWMutex', WORDS * 4));
    this.w = new Mutex(this.a, 0);
  }

  /**
   * from attaches to the RWMutex of a handle (from `rw.handle`, posted from another thread).
   *
   * @example
   * ```ts
   * import { RWMutex } from '@gostd/sync';
   *
   * const rw = new RWMutex();
   * rw.rLockSync();
   * const same = RWMutex.from(structuredClone(rw.handle));
   * console.log(same.tryLock(), same.tryRLock());
   * // Output:
   * // false true
   * ```
   */
  static from(handle: RWMutexHandle): RWMutex {
    return new RWMutex(attach(handle, 'sync.RWMutex', WORDS * 4));
  }

  /** handle is the structured-cloneable value that another thread passes to `RWMutex.from`. */
  get handle(): RWMutexHandle {
    return { type: 'sync.RWMutex', buffer: this.a.buffer as SharedArrayBuffer };
  }

  /**
   * rLock locks the RWMutex for reading; the promise resolves once the caller holds a read lock. It waits
   * while a writer holds the lock or waits for it.
   *
   * @example
   * ```ts
   * import { RWMutex } from '@gostd/sync';
   *
   * const rw = new RWMutex();
   * await rw.rLock();
   * await rw.rLock(); // readers share the lock (here two tasks' worth)
   * rw.rUnlock();
   * rw.rUnlock();
   * console.log(rw.tryLock());
   * // Output:
   * // true
   * ```
   */
  rLock(): Promise<void> {
    if (Atomics.add(this.a, READERS, 1) + 1 >= 0) return RESOLVED;
    return semAcquire(this.a, READER_SEM);
  }

  /**
   * rLockSync is rLock that blocks the thread (only where Atomics.wait is allowed).
   *
   * @example
   * ```ts
   * import { RWMutex } from '@gostd/sync';
   *
   * const rw = new RWMutex();
   * rw.rLockSync();
   * console.log(rw.tryRLock(), rw.tryLock());
   * // Output:
   * // true false
   * ```
   */
  rLockSync(): void {
    mustBlock('RWMutex.rLockSync');
    if (Atomics.add(this.a, READERS, 1) + 1 < 0) semAcquireSync(this.a, READER_SEM);
  }

  /**
   * tryRLock takes a read lock if it can without waiting, and reports whether it did.
   *
   * @example
   * ```ts
   * import { RWMutex } from '@gostd/sync';
   *
   * const rw = new RWMutex();
   * rw.lockSync();
   * console.log(rw.tryRLock());
   * rw.unlock();
   * console.log(rw.tryRLock());
   * // Output:
   * // false
   * // true
   * ```
   */
  tryRLock(): boolean {
    for (;;) {
      const c = Atomics.load(this.a, READERS);
      if (c < 0) return false;
      if (Atomics.compareExchange(this.a, READERS, c, c + 1) === c) return true;
    }
  }

  /**
   * rUnlock undoes one rLock. It throws Go's fatal error `sync: RUnlock of unlocked RWMutex` when no read
   * lock is held.
   *
   * @example
   * ```ts
   * import { RWMutex } from '@gostd/sync';
   *
   * const rw = new RWMutex();
   * try {
   *   rw.rUnlock();
   * } catch (e) {
   *   console.log((e as Error).message);
   * }
   * // Output:
   * // sync: RUnlock of unlocked RWMutex
   * ```
   */
  rUnlock(): void {
    const r = Atomics.add(this.a, READERS, -1) - 1;
    if (r >= 0) return;
    if (r + 1 === 0 || r + 1 === -MAX_READERS) {
      Atomics.add(this.a, READERS, 1);
      fatal('sync: RUnlock of unlocked RWMutex');
    }
    // A writer is pending: the last departing reader lets it in.
    if (Atomics.add(this.a, DEPART, -1) - 1 === 0) semRelease(this.a, WRITER_SEM, 1);
  }

  /**
   * lock locks the RWMutex for writing; the promise resolves once the caller holds it alone. From the
   * moment it is called, new readers wait.
   *
   * @example
   * ```ts
   * import { RWMutex } from '@gostd/sync';
   *
   * const rw = new RWMutex();
   * await rw.rLock();
   * const writer = rw.lock().then(() => console.log('writer in'));
   * console.log('new reader admitted:', rw.tryRLock());
   * rw.rUnlock();
   * await writer;
   * rw.unlock();
   * // Output:
   * // new reader admitted: false
   * // writer in
   * ```
   */
  lock(): Promise<void> {
    // Announce the writer in the same step when the writers' mutex is free, as Go's Lock does.
    if (this.w.lockNow()) return this.announce() ?? RESOLVED;
    return this.w.lock().then(() => this.announce());
  }

  /** announce makes new readers wait, and returns a promise for the departure of the current ones, if any. */
  private announce(): Promise<void> | undefined {
    const r = Atomics.add(this.a, READERS, -MAX_READERS);
    if (r !== 0 && Atomics.add(this.a, DEPART, r) + r !== 0) return semAcquire(this.a, WRITER_SEM);
    return undefined;
  }

  /**
   * lockSync is lock that blocks the thread (only where Atomics.wait is allowed).
   *
   * @example
   * ```ts
   * import { RWMutex } from '@gostd/sync';
   *
   * const rw = new RWMutex();
   * rw.lockSync();
   * console.log(rw.tryRLock(), rw.tryLock());
   * rw.unlock();
   * // Output:
   * // false false
   * ```
   */
  lockSync(): void {
    mustBlock('RWMutex.lockSync');
    this.w.lockSync();
    const r = Atomics.add(this.a, READERS, -MAX_READERS);
    if (r !== 0 && Atomics.add(this.a, DEPART, r) + r !== 0) semAcquireSync(this.a, WRITER_SEM);
  }

  /**
   * tryLock takes the write lock if it can without waiting, and reports whether it did.
   *
   * @example
   * ```ts
   * import { RWMutex } from '@gostd/sync';
   *
   * const rw = new RWMutex();
   * console.log(rw.tryLock(), rw.tryLock());
   * // Output:
   * // true false
   * ```
   */
  tryLock(): boolean {
    if (!this.w.tryLock()) return false;
    if (Atomics.compareExchange(this.a, READERS, 0, -MAX_READERS) !== 0) {
      this.w.unlock();
      return false;
    }
    return true;
  }

  /**
   * unlock releases the write lock and lets in the readers that waited for it. It throws Go's fatal error
   * `sync: Unlock of unlocked RWMutex` when the write lock is not held.
   *
   * @example
   * ```ts
   * import { RWMutex } from '@gostd/sync';
   *
   * const rw = new RWMutex();
   * try {
   *   rw.unlock();
   * } catch (e) {
   *   console.log((e as Error).message);
   * }
   * // Output:
   * // sync: Unlock of unlocked RWMutex
   * ```
   */
  unlock(): void {
    const r = Atomics.add(this.a, READERS, MAX_READERS) + MAX_READERS;
    if (r >= MAX_READERS) {
      Atomics.add(this.a, READERS, -MAX_READERS);
      fatal('sync: Unlock of unlocked RWMutex');
    }
    if (r > 0) semRelease(this.a, READER_SEM, r);
    this.w.unlock();
  }

  /**
   * rLocker returns a Locker whose lock and unlock call rLock and rUnlock (and lockSync, rLockSync).
   *
   * @example
   * ```ts
   * import { RWMutex } from '@gostd/sync';
   *
   * const rw = new RWMutex();
   * const r = rw.rLocker();
   * await r.lock();
   * console.log(rw.tryRLock(), rw.tryLock());
   * // Output:
   * // true false
   * ```
   */
  rLocker(): Locker & { lockSync(): void } {
    return {
      lock: () => this.rLock(),
      lockSync: () => this.rLockSync(),
      unlock: () => this.rUnlock(),
    };
  }
}
