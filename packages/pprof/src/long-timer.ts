// Timers of any length. Node's (and the browsers') timers take at most 2^31 - 1 ms, about 24.8 days: a longer
// delay fires after 1 ms, with only a TimeoutOverflowWarning. Go's timers take any Duration, so the
// Pyroscope pusher's uploadRate, timeout and stopTimeout and the handler's seconds go through these, which
// chain timers of at most that length.

/** The longest delay one timer takes, in ms. */
export const maxTimerMs = 2 ** 31 - 1;

/** A LongTimer is a pending setLongTimeout or setLongInterval; clear cancels it. */
export interface LongTimer {
  clear(): void;
}

/**
 * setLongTimeout calls fn once, after ms milliseconds of any length. With unref, the timer never keeps the
 * process alive.
 */
export function setLongTimeout(fn: () => void, ms: number, unref: boolean): LongTimer {
  let left = ms;
  let handle: ReturnType<typeof setTimeout>;
  const arm = (): void => {
    const step = Math.min(left, maxTimerMs);
    left -= step;
    handle = setTimeout(left > 0 ? arm : fn, step);
    if (unref) handle.unref?.();
  };
  arm();
  return { clear: () => clearTimeout(handle) };
}

/** setLongInterval calls fn every ms milliseconds, of any length, until cleared. */
export function setLongInterval(fn: () => void, ms: number, unref: boolean): LongTimer {
  if (ms <= maxTimerMs) {
    const handle = setInterval(fn, ms);
    if (unref) handle.unref?.();
    return { clear: () => clearInterval(handle) };
  }
  let next: LongTimer;
  const again = (): void => {
    next = setLongTimeout(
      () => {
        again();
        fn();
      },
      ms,
      unref,
    );
  };
  again();
  return { clear: () => next.clear() };
}

/**
 * holdingProcess keeps the process (or the worker) alive while work is pending, for at most ms, and returns
 * work. What the package waits on (unref'd timers, sockets and channels, other threads' profiles) never keeps
 * a process alive by itself; a call the program awaits (stopCPUProfile, a pusher's stop or flush) holds it,
 * or a program whose last act is that await would end in the middle of it.
 */
export function holdingProcess<T>(work: Promise<T>, ms: number): Promise<T> {
  const t = setLongTimeout(() => {}, ms, false);
  return work.finally(() => t.clear());
}
