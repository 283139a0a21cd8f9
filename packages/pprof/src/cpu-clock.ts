// Aligning two clocks: the V8 inspector stamps CPU samples in microseconds of
// its own monotonic clock, the label log stamps switches with performance.now().
// Both are checked here against process.hrtime, once per process, and the
// origin of performance.now() is measured on it.
import { performance } from 'node:perf_hooks';
import { andThen, type CpuProfile, post, type Reply, Steps } from './inspector';

/** The result of the clock self-check: how inspector sample times relate to process.hrtime. */
export interface ClockCheck {
  /** True when the profile's start time fell inside the process.hrtime window around Profiler.start. */
  aligned: boolean;
  /** Microseconds to subtract from inspector times to get process.hrtime µs (0 when aligned). */
  offsetUs: number;
  /** The width of the window (µs), the uncertainty of the check. */
  windowUs: number;
}

let clock: Reply<ClockCheck> | undefined;

function hrUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Starts the V8 profiler; returns the process.hrtime µs window around the
 * start: from before the command was posted to when post returned. Deno and Bun
 * too start the profiler inside post and only answer later (seen on Deno 2.9
 * and Bun 1.4: the profile lasts from post to stop, within a millisecond); the
 * answer goes to steps.
 */
export function startProfiler(steps: Steps): [number, number] {
  const h0 = hrUs();
  steps.run(() => post('Profiler.start'));
  return [h0, hrUs()];
}

/** Stops the V8 profiler and returns its profile. */
export function stopProfiler(): Reply<CpuProfile> {
  return andThen(post<{ profile: CpuProfile }>('Profiler.stop'), (r) => r.profile);
}

/** CheckClock compares a profile's start time with the process.hrtime µs window around its Profiler.start. */
export function checkClock(startTime: number, window: [number, number]): ClockCheck {
  const slack = 1000;
  const aligned = startTime >= window[0] - slack && startTime <= window[1] + slack;
  return {
    aligned,
    offsetUs: aligned ? 0 : Math.round(startTime - (window[0] + window[1]) / 2),
    windowUs: window[1] - window[0],
  };
}

/**
 * ClockSelfCheck verifies, once per process, that the inspector's sample
 * timestamps share process.hrtime's monotonic clock, by starting and stopping the
 * profiler and comparing its start time with hrtime readings around the start.
 * The result is a promise where the inspector answers asynchronously (Deno and
 * Bun, whose inspector clocks are not process.hrtime's).
 */
export function clockSelfCheck(): Reply<ClockCheck> {
  if (clock === undefined) {
    const steps = new Steps();
    steps.run(() => post('Profiler.enable'));
    const w = startProfiler(steps);
    let c: ClockCheck | undefined;
    steps.run(() =>
      andThen(stopProfiler(), (p) => {
        c = checkClock(p.startTime, w);
      }),
    );
    clock = steps.done(() => c as ClockCheck);
    if (clock instanceof Promise)
      clock = clock.then(
        (c) => (clock = c),
        (e) => {
          clock = undefined;
          throw e;
        },
      );
  }
  return clock;
}

/** performance.now() ms minus process.hrtime µs / 1000, measured on the tightest of a few readings. */
export function perfOriginUs(): number {
  let best = Number.POSITIVE_INFINITY;
  let origin = 0;
  for (let i = 0; i < 5; i++) {
    const a = process.hrtime.bigint();
    const p = performance.now();
    const b = process.hrtime.bigint();
    const width = Number(b - a);
    if (width < best) {
      best = width;
      origin = Number((a + b) / 2n) / 1000 - p * 1000;
    }
  }
  return origin;
}
