// Sleep, After and AfterFunc on Node's timers. Node's setTimeout counts whole
// milliseconds on its loop clock and may fire a little early by the
// monotonic clock, so each timer re-checks the monotonic clock and re-arms
// until the full duration has passed: like Go's, they never fire early.

import { TimeChannel } from './channel';
import { badArg, badInt64, isInt64 } from './check';
import { monoClock } from './clock';
import type { Duration } from './duration';
import { now } from './now';
import type { Time } from './time';

const maxTimeout = 2147483647; // the largest delay setTimeout accepts, in ms

/** Calls fire (never synchronously) once the monotonic clock has advanced by d; returns a canceller. */
function schedule(d: Duration, fire: () => void): () => boolean {
  if (d < 0n) d = 0n;
  const deadline = monoClock() + d;
  let handle: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  const tick = () => {
    const left = deadline - monoClock();
    if (left <= 0n) {
      done = true;
      fire();
      return;
    }
    handle = setTimeout(tick, Math.min(Number((left + 999_999n) / 1_000_000n), maxTimeout));
  };
  handle = setTimeout(tick, Math.min(Number((d + 999_999n) / 1_000_000n), maxTimeout));
  return () => {
    if (done) return false;
    done = true;
    clearTimeout(handle);
    return true;
  };
}

/**
 * sleep returns a Promise that resolves after at least the duration d, measured on the monotonic clock.
 * A negative or zero duration resolves at once (in the next microtask).
 *
 * @example
 * ```ts
 * import { Millisecond, now, since, sleep } from '@gostd/time';
 * const start = now();
 * await sleep(20n * Millisecond);
 * console.log(since(start) >= 20n * Millisecond);
 * // Output:
 * // true
 * ```
 */
export function sleep(d: Duration): Promise<void> {
  if (!isInt64(d)) badInt64('sleep', 'd', 'a Duration', d);
  return new Promise((resolve) => {
    if (d <= 0n) resolve();
    else schedule(d, resolve);
  });
}

/**
 * after waits for the duration to elapse and then resolves with the current time (which has a monotonic
 * reading), like receiving from Go's `time.After(d)` channel.
 *
 * @example
 * ```ts
 * import { after, Millisecond, now } from '@gostd/time';
 * const start = now();
 * const t = await after(5n * Millisecond);
 * console.log(t.sub(start) >= 5n * Millisecond);
 * // Output:
 * // true
 * ```
 */
export function after(d: Duration): Promise<Time> {
  if (!isInt64(d)) badInt64('after', 'd', 'a Duration', d);
  return new Promise((resolve) => {
    schedule(d, () => resolve(now()));
  });
}

/**
 * A Timer is a single event: made by {@link newTimer}, it sends the current time on its channel `c` when
 * it expires; made by {@link afterFunc}, it calls a function (and `c` is null, as Go's C is nil).
 *
 * @example
 * ```ts
 * import { afterFunc, Second } from '@gostd/time';
 * const timer = afterFunc(Second, () => console.log('never printed'));
 * console.log(timer.stop(), timer.stop());
 * // Output:
 * // true false
 * ```
 */
export class Timer {
  /** c is the channel on which the time is delivered (newTimer), or null (afterFunc). */
  readonly c: TimeChannel | null;
  #cancel: () => boolean;
  readonly #f: () => void;

  /** @internal Use newTimer or afterFunc to make a Timer; with f null, the timer sends on c. */
  constructor(d: Duration, f: (() => void) | null) {
    if (!isInt64(d)) badInt64('Timer', 'd', 'a Duration', d);
    if (f !== null && typeof f !== 'function') badArg('Timer', 'f', 'a function', f);
    if (f === null) {
      const c = new TimeChannel();
      this.c = c;
      this.#f = () => c.send(now());
    } else {
      this.c = null;
      this.#f = f;
    }
    this.#cancel = schedule(d, this.#f);
  }

  /**
   * stop prevents the Timer from firing. It returns true if the call stops the timer, false if the timer
   * has already fired or been stopped.
   *
   * @example
   * ```ts
   * import { afterFunc, Millisecond, sleep } from '@gostd/time';
   * const timer = afterFunc(Millisecond, () => console.log('fired'));
   * await sleep(20n * Millisecond);
   * console.log(timer.stop());
   * // Output:
   * // fired
   * // false
   * ```
   */
  stop(): boolean {
    const active = this.#cancel();
    // Go 1.23: a time the timer produced but nobody received is discarded, and counts as running.
    return (this.c?.drain() ?? false) || active;
  }

  /**
   * reset changes the timer to expire after duration d. It returns true if the timer had been active,
   * false if the timer had expired or been stopped.
   *
   * @example
   * ```ts
   * import { afterFunc, Millisecond, sleep } from '@gostd/time';
   * const timer = afterFunc(Millisecond, () => console.log('fired'));
   * console.log(timer.reset(5n * Millisecond));
   * await sleep(30n * Millisecond);
   * // Output:
   * // true
   * // fired
   * ```
   */
  reset(d: Duration): boolean {
    if (!isInt64(d)) badInt64('Timer.reset', 'd', 'a Duration', d);
    const active = this.stop();
    this.#cancel = schedule(d, this.#f);
    return active;
  }
}

/**
 * afterFunc waits for the duration to elapse and then calls f. It returns a Timer that can be used to
 * cancel the call with its stop method.
 *
 * @example
 * ```ts
 * import { afterFunc, Millisecond, sleep } from '@gostd/time';
 * afterFunc(20n * Millisecond, () => console.log('second'));
 * afterFunc(Millisecond, () => console.log('first'));
 * await sleep(60n * Millisecond);
 * // Output:
 * // first
 * // second
 * ```
 */
export function afterFunc(d: Duration, f: () => void): Timer {
  if (!isInt64(d)) badInt64('afterFunc', 'd', 'a Duration', d);
  if (typeof f !== 'function') badArg('afterFunc', 'f', 'a function', f);
  return new Timer(d, f);
}

/**
 * newTimer creates a new Timer that will send the current time on its channel `c` after at least duration
 * d. As in Go 1.23, the channel is synchronous: after `stop` or `reset` returns, no receive sees a time
 * from before. Unlike Go's, a pending timer keeps a Node process alive until it fires or is stopped.
 *
 * @example
 * ```ts
 * import { Millisecond, newTimer, sleep } from '@gostd/time';
 * const t = newTimer(2n * Millisecond);
 * await sleep(20n * Millisecond); // the timer has fired; its time waits in the channel
 * console.log(t.reset(2n * Millisecond)); // true: not yet received, so still running; the stale time is gone
 * console.log(t.c!.tryRecv());
 * await t.c!.recv();
 * console.log(t.stop());
 * // Output:
 * // true
 * // null
 * // false
 * ```
 */
export function newTimer(d: Duration): Timer {
  if (!isInt64(d)) badInt64('newTimer', 'd', 'a Duration', d);
  return new Timer(d, null);
}
