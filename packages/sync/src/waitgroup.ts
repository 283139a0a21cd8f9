// Go's sync.WaitGroup (src/sync/waitgroup.go, with Go 1.25's Go method) across async tasks and workers.
//
// As in Go, one 64-bit word holds the counter (high 32 bits) and the number of waiters (low 32 bits), so
// that "the counter is not zero, count me as a waiter" is one compare-and-swap. Waiters sleep on a separate
// generation word, which the Add that brings the counter to zero bumps before it wakes them all.

import { attach, describe, fatal, type Handle, mustBlock, sleepAsync } from './futex';
import { newSharedBuffer } from './shared-buffer';

/** Byte layout: the state word (BigInt64) at 0, the generation (Int32) at 8. */
const BYTES = 16;
const GEN = 2;

/** WaitGroupHandle attaches another thread to a WaitGroup: post it, then call WaitGroup.from. */
export type WaitGroupHandle = Handle<'sync.WaitGroup'>;

/**
 * A WaitGroup is Go's sync.WaitGroup: it waits for a collection of tasks (async tasks of this thread, or work
 * in other threads) to finish. Call add to set how many to wait for, each calls done when finished, and wait
 * resolves once the counter is zero. Go 1.25's `go(f)` does add(1), runs f, and done() when f has finished.
 *
 * @example
 * ```ts
 * import { WaitGroup } from '@gostd/sync';
 *
 * const wg = new WaitGroup();
 * const results: string[] = [];
 * for (const url of ['a', 'b', 'c']) {
 *   wg.go(async () => {
 *     await new Promise((r) => setTimeout(r, 1));
 *     results.push(url);
 *   });
 * }
 * await wg.wait();
 * console.log(results.sort());
 * // Output:
 * // [ 'a', 'b', 'c' ]
 * ```
 */
export class WaitGroup {
  private readonly st: BigInt64Array;
  private readonly a: Int32Array;

  /**
   * new WaitGroup returns a WaitGroup whose counter is zero, in a new SharedArrayBuffer.
   *
   * @example
   * ```ts
   * import { WaitGroup } from '@gostd/sync';
   *
   * const wg = new WaitGroup();
   * await wg.wait(); // a zero counter: returns at once
   * console.log('done');
   * // Output:
   * // done
   * ```
   */
  constructor();
  /** @internal */
  constructor(buffer: SharedArrayBuffer);
  constructor(buffer?: SharedArrayBuffer) {
    const b = buffer ?? newSharedBuffer('new WaitGroup', BYTES);
    this.st = new BigInt64Array(b, 0, 1);
    this.a = new Int32Array(b, 0, BYTES >> 2);
  }

  /**
   * from attaches to the WaitGroup of a handle (from `wg.handle`, posted from another thread).
   *
   * @example
   * ```ts
   * import { WaitGroup } from '@gostd/sync';
   *
   * const wg = new WaitGroup();
   * wg.add(1);
   * const waiting = wg.wait().then(() => console.log('all done'));
   * WaitGroup.from(structuredClone(wg.handle)).done(); // as a worker would
   * await waiting;
   * // Output:
   * // all done
   * ```
   */
  static from(handle: WaitGroupHandle): WaitGroup {
    return new WaitGroup(attach(handle, 'sync.WaitGroup', BYTES).buffer as SharedArrayBuffer);
  }

  /** handle is the structured-cloneable value that another thread passes to `WaitGroup.from`. */
  get handle(): WaitGroupHandle {
    return { type: 'sync.WaitGroup', buffer: this.a.buffer as SharedArrayBuffer };
  }

  /**
   * add adds delta, which may be negative, to the counter. When the counter becomes zero, every wait
   * resolves. A negative counter throws Go's `sync: negative WaitGroup counter`; as in Go, the counter is
   * an int32 that wraps, so adding past 2^31 - 1 makes it negative; an add that raises the
   * counter from zero while a wait is pending throws `sync: WaitGroup misuse: Add called concurrently with
   * Wait`. As in Go, the adds that start a round must happen before the wait.
   *
   * @example
   * ```ts
   * import { WaitGroup } from '@gostd/sync';
   *
   * const wg = new WaitGroup();
   * wg.add(2);
   * wg.add(-1);
   * wg.done();
   * try {
   *   wg.done();
   * } catch (e) {
   *   console.log((e as Error).message);
   * }
   * // Output:
   * // sync: negative WaitGroup counter
   * ```
   */
  add(delta: number): void {
    if (!Number.isSafeInteger(delta)) {
      throw new TypeError(`sync: WaitGroup.add needs an int delta (a safe integer), not ${describe(delta)}`);
    }
    // As Go: the counter is an int32 in the high half of a uint64, delta's low 32 bits are added to it and
    // it wraps, so add(2 ** 31) or a counter pushed past 2 ** 31 - 1 is a negative counter.
    const d = BigInt.asIntN(64, BigInt(delta) << 32n);
    const state = BigInt.asIntN(64, Atomics.add(this.st, 0, d) + d);
    const v = Number(state >> 32n);
    const w = Number(state & 0xffffffffn);
    if (v < 0) fatal('sync: negative WaitGroup counter');
    if (delta > 0 && v === (delta | 0) && w !== 0)
      fatal('sync: WaitGroup misuse: Add called concurrently with Wait');
    if (v > 0 || w === 0) return;
    // The counter is zero and there are waiters: nobody may change the state now but us.
    if (Atomics.load(this.st, 0) !== state)
      fatal('sync: WaitGroup misuse: Add called concurrently with Wait');
    Atomics.store(this.st, 0, 0n);
    Atomics.add(this.a, GEN, 1);
    Atomics.notify(this.a, GEN);
  }

  /**
   * done decrements the counter by one.
   *
   * @example
   * ```ts
   * import { WaitGroup } from '@gostd/sync';
   *
   * const wg = new WaitGroup();
   * wg.add(1);
   * setTimeout(() => wg.done(), 1);
   * await wg.wait();
   * console.log('finished');
   * // Output:
   * // finished
   * ```
   */
  done(): void {
    this.add(-1);
  }

  /**
   * go calls f (after the current task, as a goroutine would start) and adds it to the WaitGroup: done is
   * called once f has returned, or once the promise f returns has settled. As in Go 1.25, if f throws (or
   * its promise rejects), done is not called and the error is rethrown as an unhandled rejection (Go's
   * panic in a new goroutine crashes the program).
   *
   * @example
   * ```ts
   * import { WaitGroup } from '@gostd/sync';
   *
   * const wg = new WaitGroup();
   * let n = 0;
   * for (let i = 0; i < 10; i++) wg.go(() => void n++);
   * console.log(n);
   * await wg.wait();
   * console.log(n);
   * // Output:
   * // 0
   * // 10
   * ```
   */
  go(f: () => unknown): void {
    if (typeof f !== 'function')
      throw new TypeError(`sync: WaitGroup.go needs a function, not ${describe(f)}`);
    this.add(1);
    void Promise.resolve()
      .then(f)
      .then(() => this.done());
  }

  /** register counts one more waiter unless the counter is zero; it returns the generation to sleep on. */
  private register(): number | undefined {
    for (;;) {
      const gen = Atomics.load(this.a, GEN);
      const state = Atomics.load(this.st, 0);
      if (state >> 32n === 0n) return undefined;
      if (Atomics.compareExchange(this.st, 0, state, state + 1n) === state) return gen;
    }
  }

  /** woke checks, as Go does, that nobody reused the WaitGroup before this wait returned. */
  private woke(): void {
    if (Atomics.load(this.st, 0) !== 0n) fatal('sync: WaitGroup is reused before previous Wait has returned');
  }

  /**
   * wait resolves when the counter is zero (at once if it is zero now).
   *
   * @example
   * ```ts
   * import { WaitGroup } from '@gostd/sync';
   *
   * const wg = new WaitGroup();
   * wg.add(3);
   * for (let i = 1; i <= 3; i++) setTimeout(() => (console.log('done', i), wg.done()), i);
   * await wg.wait();
   * console.log('waited');
   * // Output:
   * // done 1
   * // done 2
   * // done 3
   * // waited
   * ```
   */
  async wait(): Promise<void> {
    const gen = this.register();
    if (gen === undefined) return;
    while (Atomics.load(this.a, GEN) === gen) await sleepAsync(this.a, GEN, gen, Number.POSITIVE_INFINITY);
    this.woke();
  }

  /**
   * waitSync is wait that blocks the thread (only where Atomics.wait is allowed).
   *
   * @example
   * ```ts
   * import { WaitGroup } from '@gostd/sync';
   *
   * const wg = new WaitGroup();
   * wg.add(1);
   * wg.done();
   * wg.waitSync();
   * console.log('zero');
   * // Output:
   * // zero
   * ```
   */
  waitSync(): void {
    mustBlock('WaitGroup.waitSync');
    const gen = this.register();
    if (gen === undefined) return;
    while (Atomics.load(this.a, GEN) === gen) Atomics.wait(this.a, GEN, gen);
    this.woke();
  }
}
