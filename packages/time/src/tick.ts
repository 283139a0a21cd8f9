// Go's Ticker: a channel that delivers the time every period, dropping ticks
// for a slow receiver rather than queueing them, with Go 1.23's synchronous
// channel (Stop and Reset discard an undelivered tick). Each tick is due a
// whole number of periods after the start; Node's millisecond timers are
// re-armed against the monotonic clock so that no tick comes early.
import { TimeChannel } from './channel';
import { badInt64, isInt64 } from './check';
import { monoClock } from './clock';
import type { Duration } from './duration';
import { now } from './now';

const maxTimeout = 2147483647; // 2^31 - 1

/**
 * A Ticker holds a channel `c` that delivers "ticks" of a clock at intervals. The ticker drops ticks to
 * make up for slow receivers. Unlike Go's, a running ticker keeps a Node process alive until stopped.
 *
 * @example
 * ```ts
 * import { Millisecond, newTicker } from '@gostd/time';
 * const ticker = newTicker(5n * Millisecond);
 * let n = 0;
 * for await (const t of ticker.c) {
 *   if (++n === 3) break;
 * }
 * ticker.stop();
 * console.log(n);
 * // Output:
 * // 3
 * ```
 */
export class Ticker {
  /** c is the channel on which the ticks are delivered. */
  readonly c = new TimeChannel();
  #period = 0n;
  #due = 0n;
  #handle: ReturnType<typeof setTimeout> | undefined;
  #running = false;

  /** @internal Use newTicker. */
  constructor(d: Duration) {
    this.#start(d);
  }

  #start(d: Duration): void {
    this.#period = d;
    this.#due = monoClock() + d;
    this.#running = true;
    this.#arm();
  }

  #arm(): void {
    const left = this.#due - monoClock();
    const ms = left <= 0n ? 0 : Math.min(Number((left + 999_999n) / 1_000_000n), maxTimeout);
    this.#handle = setTimeout(() => this.#fire(), ms);
  }

  #fire(): void {
    if (!this.#running) return;
    const mono = monoClock();
    if (mono < this.#due) {
      this.#arm();
      return;
    }
    this.c.send(now());
    // The next tick is the first multiple of the period after now: missed ones are dropped, as in Go.
    const behind = (mono - this.#due) / this.#period;
    this.#due += (behind + 1n) * this.#period;
    this.#arm();
  }

  /**
   * stop turns off a ticker. After Stop, no more ticks will be sent, and (Go 1.23) a tick not yet received
   * is discarded. Stop does not close the channel.
   *
   * @example
   * ```ts
   * import { Millisecond, newTicker, sleep } from '@gostd/time';
   * const ticker = newTicker(Millisecond);
   * await sleep(10n * Millisecond);
   * ticker.stop();
   * console.log(ticker.c.tryRecv());
   * // Output:
   * // null
   * ```
   */
  stop(): void {
    this.#running = false;
    clearTimeout(this.#handle);
    this.c.drain();
  }

  /**
   * reset stops a ticker and resets its period to the specified duration. The next tick will arrive after
   * the new period elapses. The duration d must be greater than zero; if not, Reset throws Go's panic
   * message "non-positive interval for Ticker.Reset".
   *
   * @example
   * ```ts
   * import { Millisecond, newTicker, now } from '@gostd/time';
   * const ticker = newTicker(1000n * Millisecond);
   * const start = now();
   * ticker.reset(5n * Millisecond);
   * const t = await ticker.c.recv();
   * ticker.stop();
   * console.log(t.sub(start) >= 5n * Millisecond, t.sub(start) < 900n * Millisecond);
   * // Output:
   * // true true
   * ```
   */
  reset(d: Duration): void {
    if (!isInt64(d)) badInt64('Ticker.reset', 'd', 'a Duration', d);
    if (d <= 0n) throw new Error('non-positive interval for Ticker.Reset');
    this.stop();
    this.#start(d);
  }
}

/**
 * newTicker returns a new Ticker whose channel delivers the current time after each tick. The period of
 * the ticks is specified by the duration argument. The ticker will adjust the time interval or drop ticks
 * to make up for slow receivers. The duration d must be greater than zero; if not, NewTicker throws Go's
 * panic message "non-positive interval for NewTicker".
 *
 * @example
 * ```ts
 * import { Millisecond, newTicker } from '@gostd/time';
 * const ticker = newTicker(2n * Millisecond);
 * const a = await ticker.c.recv();
 * const b = await ticker.c.recv();
 * ticker.stop();
 * console.log(b.sub(a) > 0n);
 * // Output:
 * // true
 * ```
 */
export function newTicker(d: Duration): Ticker {
  if (!isInt64(d)) badInt64('newTicker', 'd', 'a Duration', d);
  if (d <= 0n) throw new Error('non-positive interval for NewTicker');
  return new Ticker(d);
}

/**
 * tick is a convenience wrapper for newTicker providing access to the ticking channel only. Unlike
 * newTicker, Tick returns null if d <= 0. The ticker behind it cannot be stopped: it keeps a Node process
 * alive (Go's is collected when unreferenced).
 *
 * @example
 * ```ts
 * import { tick } from '@gostd/time';
 * console.log(tick(0n), tick(-1n));
 * // Output:
 * // null null
 * ```
 */
export function tick(d: Duration): TimeChannel | null {
  if (!isInt64(d)) badInt64('tick', 'd', 'a Duration', d);
  if (d <= 0n) return null;
  return new Ticker(d).c;
}
