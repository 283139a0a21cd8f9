// The waiting underneath Mutex, RWMutex, WaitGroup, Once and Cond: sleeping on a word of shared memory until
// another thread (or this one) changes it and calls Atomics.notify. A thread that may block sleeps in
// Atomics.wait; any thread can wait asynchronously with Atomics.waitAsync, which never blocks.

let blocking: boolean | undefined;

/** canBlock reports whether this thread may block in Atomics.wait (a browser's main thread may not). */
export function canBlock(): boolean {
  if (blocking === undefined) {
    try {
      // A value that is not there returns 'not-equal' at once where waiting is allowed, and throws elsewhere.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      blocking = true;
    } catch {
      blocking = false;
    }
  }
  return blocking;
}

/** mustBlock throws unless this thread may block; what names the call for the error. */
export function mustBlock(what: string): void {
  if (!canBlock()) {
    throw new Error(
      `sync: ${what} cannot block this thread (Atomics.wait is not allowed here, as on a browser's main thread); use the async form`,
    );
  }
}

/** sleeping counts the asynchronous waits of this thread that are pending. */
let sleeping = 0;
/** keepAlive is a timer that holds the event loop open while sleeping > 0. */
let keepAlive: ReturnType<typeof setInterval> | undefined;

function awake(): void {
  if (--sleeping === 0 && keepAlive !== undefined) {
    clearInterval(keepAlive);
    keepAlive = undefined;
  }
}

/**
 * sleepAsync waits, without blocking, until a[i] is notified or is not v, or ms pass (Infinity: no limit);
 * it returns undefined when a[i] is not v now. A pending Atomics.waitAsync does not keep Node's event loop
 * alive, so a worker whose only work is an `await mu.lock()` would exit: while a wait is pending, a timer
 * holds the loop open, as a goroutine blocked in Lock keeps its program running.
 */
export function sleepAsync(a: Int32Array, i: number, v: number, ms: number): Promise<unknown> | undefined {
  const r = Atomics.waitAsync(a, i, v, ms);
  if (!r.async) return undefined;
  if (sleeping++ === 0) keepAlive = setInterval(() => {}, 0x3fffffff);
  return r.value.then(
    (x) => {
      awake();
      return x;
    },
    (e) => {
      awake();
      throw e;
    },
  );
}

/** timeoutError is the error a wait that ran out of time throws, like AbortSignal.timeout's reason. */
export function timeoutError(what: string, ms: number): Error {
  return new DOMException(`sync: ${what} timed out after ${ms} ms`, 'TimeoutError');
}

/** fatal is Go's fatal error for misuse of a sync primitive, with Go's text. */
export function fatal(msg: string): never {
  throw new Error(msg);
}

/** describe names a value in an error message. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object')
    return Array.isArray(v) ? 'an array' : `an object (${Object.prototype.toString.call(v)})`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

/** Handle is the structured-cloneable value that attaches another thread to a primitive. */
export interface Handle<T extends string> {
  /** type names the primitive: a handle attaches only to its own kind. */
  readonly type: T;
  /** buffer holds the primitive's state. */
  readonly buffer: SharedArrayBuffer;
}

/** attach checks that handle is a T handle of at least bytes bytes and returns its words. */
export function attach(handle: unknown, type: string, bytes: number): Int32Array {
  const h = handle as { type?: unknown; buffer?: unknown } | null;
  if (
    typeof h !== 'object' ||
    h === null ||
    h.type !== type ||
    !(h.buffer instanceof SharedArrayBuffer) ||
    h.buffer.byteLength < bytes
  ) {
    throw new TypeError(`sync: ${type.slice(5)}.from needs a ${type} handle, not ${describe(handle)}`);
  }
  return new Int32Array(h.buffer, 0, bytes >> 2); // a longer buffer's first words: any length will do
}

/** LockOptions are the options of an asynchronous lock. */
export interface LockOptions {
  /** signal, when it aborts, stops the wait: the lock call rejects with signal.reason. */
  readonly signal?: AbortSignal;
}

/** SyncLockOptions are the options of a blocking lock. */
export interface SyncLockOptions {
  /** timeout in milliseconds stops the wait: the call throws a TimeoutError DOMException. */
  readonly timeout?: number;
}

/** signalOf validates the options of an async wait and returns its signal. */
export function signalOf(what: string, opts: unknown): AbortSignal | undefined {
  if (opts === undefined) return undefined;
  if (typeof opts !== 'object' || opts === null)
    throw new TypeError(`sync: ${what} options must be an object, not ${describe(opts)}`);
  const s = (opts as { signal?: unknown }).signal;
  if (s === undefined) return undefined;
  if (!(s instanceof AbortSignal))
    throw new TypeError(`sync: ${what} signal must be an AbortSignal, not ${describe(s)}`);
  return s;
}

/** timeoutOf validates the options of a blocking wait and returns its timeout (Infinity when none). */
export function timeoutOf(what: string, opts: unknown): number {
  if (opts === undefined) return Number.POSITIVE_INFINITY;
  if (typeof opts !== 'object' || opts === null)
    throw new TypeError(`sync: ${what} options must be an object, not ${describe(opts)}`);
  const t = (opts as { timeout?: unknown }).timeout;
  if (t === undefined) return Number.POSITIVE_INFINITY;
  if (typeof t !== 'number' || Number.isNaN(t) || t < 0) {
    throw new TypeError(`sync: ${what} timeout must be a number of milliseconds >= 0, not ${describe(t)}`);
  }
  return t;
}
