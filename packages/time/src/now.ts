// time.Now, time.Since and time.Until: the wall clock and the monotonic clock
// are both read on every Now, as Go's runtime does.
import { badArg } from './check';
import { monoClock, wallClock } from './clock';
import { type Duration, maxDuration, minDuration } from './duration';
import { maxWall, minWall, Time, unixToInternal } from './time';
import { Local } from './zoneinfo';

// The wall seconds of the last reading, as a bigint, so that now() converts
// them only when the second changes.
let lastUnixSec = NaN;
let lastSec = 0n;
let lastInRange = false;

function clamp(d: bigint): Duration {
  return d > maxDuration ? maxDuration : d < minDuration ? minDuration : d;
}

/**
 * now returns the current time: a wall clock reading (from the system clock, `Date.now()`, so with
 * millisecond resolution) and a monotonic clock reading (`process.hrtime.bigint()`, in nanoseconds since
 * the package loaded). Comparisons and subtractions between two results of now() use the monotonic
 * readings, so they stay right when the wall clock is stepped.
 *
 * @example
 * ```ts
 * import { Duration, now } from '@gostd/time';
 * const start = now();
 * const elapsed = now().sub(start);
 * console.log(elapsed >= 0n, start.before(now()) || start.equal(now()));
 * console.log(Duration.string(now().round(0n).sub(start.round(0n))).endsWith('s'));
 * // Output:
 * // true true
 * // true
 * ```
 */
export function now(): Time {
  const ms = wallClock();
  const s = Math.floor(ms / 1000);
  if (s !== lastUnixSec) {
    lastUnixSec = s;
    lastSec = BigInt(s) + unixToInternal;
    lastInRange = lastSec >= minWall && lastSec <= maxWall;
  }
  const nsec = Math.floor((ms - s * 1000) * 1e6);
  return lastInRange
    ? new Time(lastSec, nsec, monoClock(), true, Local)
    : new Time(lastSec, nsec, 0n, false, Local);
}

/**
 * since returns the time elapsed since t; it is shorthand for `now().sub(t)`. When t has a monotonic
 * reading, only the monotonic clock is read.
 *
 * @example
 * ```ts
 * import { Millisecond, now, since } from '@gostd/time';
 * const start = now();
 * let spins = 0;
 * while (since(start) < Millisecond) spins++;
 * console.log(since(start) >= Millisecond);
 * // Output:
 * // true
 * ```
 */
export function since(t: Time): Duration {
  if (!(t instanceof Time)) badArg('since', 't', 'a Time', t);
  if (t.hasMono) return clamp(monoClock() - t.mono);
  return now().sub(t);
}

/**
 * until returns the duration until t; it is shorthand for `t.sub(now())`. When t has a monotonic reading,
 * only the monotonic clock is read.
 *
 * @example
 * ```ts
 * import { Hour, Minute, now, until } from '@gostd/time';
 * const deadline = now().add(Hour);
 * const left = until(deadline);
 * console.log(left > 59n * Minute && left <= Hour);
 * // Output:
 * // true
 * ```
 */
export function until(t: Time): Duration {
  if (!(t instanceof Time)) badArg('until', 't', 'a Time', t);
  if (t.hasMono) return clamp(t.mono - monoClock());
  return t.sub(now());
}
