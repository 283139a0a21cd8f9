// Go 1.21's sync.OnceFunc, OnceValue and OnceValues (src/sync/oncefunc.go), for one thread: a function that
// runs f the first time it is called and then remembers what f did, result or exception.

import { describe } from './futex';

/** Result is what f did: its value, or the exception it threw. */
interface Result<T> {
  threw: boolean;
  value: T | undefined;
  error: unknown;
}

/** onceCall returns a function that calls f once and afterwards replays its result or exception. */
function onceCall<T>(what: string, f: () => T): () => T {
  if (typeof f !== 'function') throw new TypeError(`sync: ${what} needs a function, not ${describe(f)}`);
  let fn: (() => T) | undefined = f;
  let running = false;
  let r: Result<T> | undefined;
  return () => {
    if (r === undefined) {
      if (running) throw new Error(`sync: the function of ${what} called itself (a deadlock in Go)`);
      running = true;
      const call = fn as () => T;
      fn = undefined; // do not keep f alive after calling it (Go's TestOnceXGC)
      try {
        r = { threw: false, value: call(), error: undefined };
      } catch (e) {
        r = { threw: true, value: undefined, error: e };
      } finally {
        running = false;
      }
    }
    if (r.threw) throw r.error;
    return r.value as T;
  };
}

/**
 * onceFunc returns a function that calls f only once; it may be called any number of times. If f throws,
 * the returned function throws the same value on every call.
 *
 * @example
 * ```ts
 * import { onceFunc } from '@gostd/sync';
 *
 * const init = onceFunc(() => console.log('initialised'));
 * init();
 * init();
 * // Output:
 * // initialised
 * ```
 */
export function onceFunc(f: () => void): () => void {
  return onceCall('onceFunc', f);
}

/**
 * onceValue returns a function that calls f only once and returns the value f returned, on every call. If
 * f throws, the returned function throws the same value on every call.
 *
 * @example
 * ```ts
 * import { onceValue } from '@gostd/sync';
 *
 * let calls = 0;
 * const config = onceValue(() => {
 *   calls++;
 *   return { port: 8080 };
 * });
 * console.log(config() === config(), config().port, calls);
 * // Output:
 * // true 8080 1
 * ```
 */
export function onceValue<T>(f: () => T): () => T {
  return onceCall('onceValue', f);
}

/**
 * onceValues returns a function that calls f only once and returns the two values f returned, a tuple in
 * Go's order, on every call. If f throws, the returned function throws the same value on every call.
 *
 * @example
 * ```ts
 * import { onceValues } from '@gostd/sync';
 *
 * const read = onceValues((): [string, Error | null] => ['contents', null]);
 * const [data, err] = read();
 * console.log(data, err);
 * // Output:
 * // contents null
 * ```
 */
export function onceValues<T1, T2>(f: () => readonly [T1, T2]): () => [T1, T2] {
  if (typeof f !== 'function') throw new TypeError(`sync: onceValues needs a function, not ${describe(f)}`);
  const g = onceCall('onceValues', checkedPair(f));
  return () => {
    const [v1, v2] = g();
    return [v1, v2];
  };
}

/** checkedPair wraps f so that it throws unless f returns a pair (in its own scope, so only it keeps f). */
function checkedPair<T1, T2>(f: () => readonly [T1, T2]): () => readonly [T1, T2] {
  return () => {
    const r = f();
    if (!Array.isArray(r) || r.length !== 2) {
      throw new TypeError(
        `sync: the function of onceValues must return a [T1, T2] tuple, not ${describe(r)}`,
      );
    }
    return r;
  };
}
