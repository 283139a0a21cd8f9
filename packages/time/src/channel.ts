// The receiving end of a Timer's or Ticker's channel, Go 1.23 style: the
// channel is synchronous, so a value the timer produced but nobody received
// yet is held by the timer, and Stop or Reset discards it — no receive after
// Stop or Reset returns can see a stale time. JavaScript has no channel; a
// receive is a Promise (`await c.recv()`), a non-blocking receive (Go's select
// with a default case) is tryRecv(), and `for await (const t of c)` ranges
// over a ticker's channel.
import type { Time } from './time';

/**
 * A TimeChannel is the channel `C` of a {@link Timer} made by newTimer or of a {@link Ticker}: it delivers
 * the time at which the timer fired. `recv()` is Go's `<-t.C`; `tryRecv()` is a receive in a select with a
 * default case (null when nothing is ready); it is an async iterable, for `for range ticker.C`.
 *
 * @example
 * ```ts
 * import { Millisecond, newTimer } from '@gostd/time';
 * const t = newTimer(5n * Millisecond);
 * console.log(t.c?.tryRecv());
 * const fired = await t.c!.recv();
 * console.log(fired.year() > 2000);
 * // Output:
 * // null
 * // true
 * ```
 */
export class TimeChannel implements AsyncIterable<Time> {
  /** A value the timer produced that no receiver has taken yet (the timer holds at most one). */
  #pending: Time | null = null;
  /** Receivers waiting, first come first served. */
  #waiters: ((t: Time) => void)[] = [];

  /** @internal Delivers t to the first waiting receiver, or holds it; a second undelivered value is dropped. */
  send(t: Time): void {
    const w = this.#waiters.shift();
    if (w) w(t);
    else if (this.#pending === null) this.#pending = t;
  }

  /** @internal Discards a held value; reports whether there was one. */
  drain(): boolean {
    const had = this.#pending !== null;
    this.#pending = null;
    return had;
  }

  /** recv waits for the next value, like Go's `<-c`. */
  recv(): Promise<Time> {
    const t = this.#pending;
    if (t !== null) {
      this.#pending = null;
      return Promise.resolve(t);
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** tryRecv returns a value that is ready, or null: Go's `select { case t := <-c: ... default: }`. */
  tryRecv(): Time | null {
    const t = this.#pending;
    this.#pending = null;
    return t;
  }

  /** Ranges over the values, like Go's `for t := range c`; it never ends (Go never closes the channel). */
  async *[Symbol.asyncIterator](): AsyncIterator<Time> {
    for (;;) yield await this.recv();
  }
}
