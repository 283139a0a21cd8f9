// Go's sync.Once (src/sync/once.go) across threads: one word of a SharedArrayBuffer says whether f has not
// run (0), is running (1) or has returned (2). The first caller to move it from 0 to 1 runs f; the others
// sleep on the word until it is 2.

import { attach, describe, type Handle, mustBlock } from './futex';
import { newSharedBuffer } from './shared-buffer';

const NOT_RUN = 0;
const RUNNING = 1;
const DONE = 2;

/** OnceHandle attaches another thread to a Once: post it, then call Once.from. */
export type OnceHandle = Handle<'sync.Once'>;

/**
 * A Once is Go's sync.Once: an object that will perform exactly one action, across every thread it is
 * shared with (post `once.handle`, attach with `Once.from`).
 *
 * @example
 * ```ts
 * import { Once } from '@gostd/sync';
 *
 * const once = new Once();
 * for (let i = 0; i < 3; i++) once.do(() => console.log('only once'));
 * // Output:
 * // only once
 * ```
 */
export class Once {
  private readonly a: Int32Array;
  /** running: f is running in this thread, so a call from inside it would wait for itself. */
  private running = false;

  /**
   * new Once returns a Once whose action has not run, in a new SharedArrayBuffer.
   *
   * @example
   * ```ts
   * import { Once } from '@gostd/sync';
   *
   * const once = new Once();
   * once.do(() => console.log('first'));
   * once.do(() => console.log('second'));
   * // Output:
   * // first
   * ```
   */
  constructor();
  /** @internal */
  constructor(words: Int32Array);
  constructor(words?: Int32Array) {
    this.a = words ?? new Int32Array(newSharedBuffer('new Once', 4));
  }

  /**
   * from attaches to the Once of a handle (from `once.handle`, posted from another thread).
   *
   * @example
   * ```ts
   * import { Once } from '@gostd/sync';
   *
   * const once = new Once();
   * once.do(() => console.log('ran here'));
   * Once.from(structuredClone(once.handle)).do(() => console.log('ran again'));
   * // Output:
   * // ran here
   * ```
   */
  static from(handle: OnceHandle): Once {
    return new Once(attach(handle, 'sync.Once', 4));
  }

  /** handle is the structured-cloneable value that another thread passes to `Once.from`. */
  get handle(): OnceHandle {
    return { type: 'sync.Once', buffer: this.a.buffer as SharedArrayBuffer };
  }

  /**
   * do calls f if and only if do is being called for the first time on this Once, in any thread. No call
   * returns until the one f has returned: a call in another thread while f runs blocks until then (where
   * the thread may block; elsewhere it throws). As in Go, if f throws, do considers it to have returned:
   * the error propagates from that one call, and later calls do nothing. A call from inside f (Go
   * deadlocks) throws. If f returns a promise, do does not wait for it.
   *
   * @example
   * ```ts
   * import { Once } from '@gostd/sync';
   *
   * const once = new Once();
   * try {
   *   once.do(() => {
   *     throw new Error('failed');
   *   });
   * } catch (e) {
   *   console.log((e as Error).message);
   * }
   * once.do(() => console.log('not called'));
   * console.log('done');
   * // Output:
   * // failed
   * // done
   * ```
   */
  do(f: () => void): void {
    if (typeof f !== 'function') throw new TypeError(`sync: Once.do needs a function, not ${describe(f)}`);
    const a = this.a;
    if (Atomics.load(a, 0) === DONE) return;
    if (Atomics.compareExchange(a, 0, NOT_RUN, RUNNING) === NOT_RUN) {
      this.running = true;
      try {
        f();
      } finally {
        this.running = false;
        Atomics.store(a, 0, DONE);
        Atomics.notify(a, 0);
      }
      return;
    }
    if (this.running) throw new Error('sync: Once.do called from inside its own f (a deadlock in Go)');
    mustBlock('Once.do while another thread runs f');
    while (Atomics.load(a, 0) === RUNNING) Atomics.wait(a, 0, RUNNING);
  }
}
