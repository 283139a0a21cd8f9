// The receiving end of a Timer's or Ticker's channel, Go 1.23 style: the
// channel is synchronous, so a value the timer produced but nobody received
// yet is held by the timer, and Stop or Reset discards it — no receive after
// Stop or Reset returns can see a stale time. JavaScript has no channel; a
// receive is a Promise (`await c.recv()`), a non-blocking receive (Go's select
// with a default case) is tryRecv(), and `for await (const t of c)` ranges
// over a ticker's channel. A receive that stops waiting (the losing side of a
// Promise.race, Go's select) must say so with an AbortSignal: JavaScript cannot
// tell that a promise was abandoned, and an abandoned receiver would take the
// next value.
import { badArg } from './check';
import type { Time } from './time';

/** A receiver waiting for a value. */
interface Waiter {
  resolve: (t: Time) => void;
  /** The signal that withdraws it, and the listener to remove once it is served. */
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** RecvOptions are the options of {@link TimeChannel.recv}. */
export interface RecvOptions {
  /**
   * signal withdraws the receive when it aborts: the promise rejects with `signal.reason` and the receive
   * takes no value (the value stays for the next receive, as in Go's select when another case wins).
   */
  readonly signal?: AbortSignal;
}

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
  #waiters: Waiter[] = [];

  /** @internal Delivers t to the first waiting receiver, or holds it; a second undelivered value is dropped. */
  send(t: Time): void {
    const w = this.#waiters.shift();
    if (w === undefined) {
      if (this.#pending === null) this.#pending = t;
      return;
    }
    if (w.onAbort !== undefined) w.signal?.removeEventListener('abort', w.onAbort);
    w.resolve(t);
  }

  /** @internal Discards a held value; reports whether there was one. */
  drain(): boolean {
    const had = this.#pending !== null;
    this.#pending = null;
    return had;
  }

  /**
   * recv waits for the next value, like Go's `<-c`. A receive that another event may beat (Go's `select`,
   * here `Promise.race`) needs `signal`, aborted once the race is decided: a receive that is abandoned
   * without one still waits, and takes the next value from whoever receives after it. An aborted receive
   * rejects with the signal's reason and takes nothing; an already aborted signal rejects at once.
   *
   * @example
   * ```ts
   * import { Millisecond, newTimer, sleep } from '@gostd/time';
   * // select { case <-t.C: ...; case <-time.After(5 * time.Millisecond): ... }, then <-t.C
   * const t = newTimer(30n * Millisecond);
   * const ac = new AbortController();
   * const first = await Promise.race([
   *   t.c!.recv({ signal: ac.signal }).then(() => 'timer', () => 'withdrawn'),
   *   sleep(5n * Millisecond).then(() => 'timeout'),
   * ]);
   * ac.abort();
   * console.log(first);
   * const fired = await t.c!.recv(); // the timer's value was kept for this receive
   * console.log(fired.year() > 2000);
   * // Output:
   * // timeout
   * // true
   * ```
   */
  recv(options?: RecvOptions): Promise<Time> {
    const signal = signalOf(options);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const t = this.#pending;
    if (t !== null) {
      this.#pending = null;
      return Promise.resolve(t);
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = { resolve, signal, onAbort: undefined };
      if (signal !== undefined) {
        w.onAbort = () => {
          const i = this.#waiters.indexOf(w);
          if (i < 0) return; // served already
          this.#waiters.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.#waiters.push(w);
    });
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

/** The signal of recv's options, checked: a TypeError for anything but an object with an AbortSignal. */
function signalOf(options: unknown): AbortSignal | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null)
    badArg('TimeChannel.recv', 'options', 'an object', options);
  const signal = (options as RecvOptions).signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    badArg('TimeChannel.recv', 'options.signal', 'an AbortSignal', signal);
  }
  return signal;
}
