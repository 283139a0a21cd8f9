// Go's time.Duration: an int64 count of nanoseconds, here a bigint, with Go's
// methods on the Duration namespace object (receiver first).
import { badInt64, isInt64 } from './check';
import { formatDuration } from './duration-format';
import { int64ToInt53 } from './int53';

/**
 * A Duration represents the elapsed time between two instants as an int64 nanosecond count, held in a
 * `bigint`. The representation limits the largest representable duration to approximately 290 years.
 * Arithmetic is plain bigint arithmetic (`5n * Second`); Go's methods live on the `Duration` object.
 */
export type Duration = bigint;

/** Nanosecond is one nanosecond, the unit of Duration. */
export const Nanosecond: Duration = 1n;
/** Microsecond is 1000 nanoseconds. */
export const Microsecond: Duration = 1_000n;
/** Millisecond is 1000 microseconds. */
export const Millisecond: Duration = 1_000_000n;
/** Second is 1000 milliseconds. */
export const Second: Duration = 1_000_000_000n;
/** Minute is 60 seconds. */
export const Minute: Duration = 60_000_000_000n;
/** Hour is 60 minutes. There is no Day constant, as in Go: days differ in length across DST changes. */
export const Hour: Duration = 3_600_000_000_000n;

/** The smallest Duration, -1 << 63. */
export const minDuration: Duration = -9223372036854775808n;
/** The largest Duration, 1<<63 - 1. */
export const maxDuration: Duration = 9223372036854775807n;

const safe = 9007199254740992; // 2^53

/**
 * string returns a string representing the duration in the form "72h3m0.5s". Leading zero units are
 * omitted. As a special case, durations less than one second format use a smaller unit (milli-, micro-, or
 * nanoseconds) to ensure that the leading digit is non-zero. The zero duration formats as 0s. A bigint
 * outside the int64 range throws a RangeError.
 */
function string(d: Duration): string {
  if (typeof d !== 'bigint' || d > maxDuration || d < minDuration) {
    badInt64('Duration.string', 'd', 'a Duration', d);
  }
  const n = int64ToInt53(d);
  if (!Number.isNaN(n)) {
    // |d| <= 2^53: seconds and nanoseconds in float64, each step exact (sec * 1e9 is below 2^53).
    const u = n < 0 ? -n : n;
    if (u < 1e9) return formatDuration(0, u | 0, n < 0);
    // u / 1e9 by a multiplication, off by at most one, then corrected: a division costs more
    let sec = Math.floor(u * 1e-9);
    let ns = u - sec * 1e9;
    if (ns < 0) {
      sec--;
      ns += 1e9;
    } else if (ns >= 1e9) {
      sec++;
      ns -= 1e9;
    }
    return formatDuration(sec, ns | 0, n < 0);
  }
  const u = d < 0n ? -d : d;
  return formatDuration(Number(u / Second), Number(u % Second) | 0, d < 0n);
}

/** nanoseconds returns the duration as an integer nanosecond count. */
function nanoseconds(d: Duration): bigint {
  if (!isInt64(d)) badInt64('Duration.nanoseconds', 'd', 'a Duration', d);
  return d;
}

/** microseconds returns the duration as an integer microsecond count (truncated toward zero). */
function microseconds(d: Duration): bigint {
  if (!isInt64(d)) badInt64('Duration.microseconds', 'd', 'a Duration', d);
  return d / Microsecond;
}

/** milliseconds returns the duration as an integer millisecond count (truncated toward zero). */
function milliseconds(d: Duration): bigint {
  if (!isInt64(d)) badInt64('Duration.milliseconds', 'd', 'a Duration', d);
  return d / Millisecond;
}

/** float64(d / unit) + float64(d % unit) / float64(unit), as Go computes Seconds, Minutes and Hours. */
function floatIn(d: Duration, unit: number, bigUnit: bigint): number {
  const n = Number(d);
  if (n > -safe && n < safe) {
    const r = n % unit;
    return (n - r) / unit + r / unit;
  }
  return Number(d / bigUnit) + Number(d % bigUnit) / unit;
}

/** seconds returns the duration as a floating point number of seconds. */
function seconds(d: Duration): number {
  if (!isInt64(d)) badInt64('Duration.seconds', 'd', 'a Duration', d);
  return floatIn(d, 1e9, Second);
}

/** minutes returns the duration as a floating point number of minutes. */
function minutes(d: Duration): number {
  if (!isInt64(d)) badInt64('Duration.minutes', 'd', 'a Duration', d);
  return floatIn(d, 60e9, Minute);
}

/** hours returns the duration as a floating point number of hours. */
function hours(d: Duration): number {
  if (!isInt64(d)) badInt64('Duration.hours', 'd', 'a Duration', d);
  return floatIn(d, 3600e9, Hour);
}

/** truncate returns the result of rounding d toward zero to a multiple of m. If m <= 0, it returns d. */
function truncate(d: Duration, m: Duration): Duration {
  if (!isInt64(d)) badInt64('Duration.truncate', 'd', 'a Duration', d);
  if (!isInt64(m)) badInt64('Duration.truncate', 'm', 'a Duration', m);
  if (m <= 0n) return d;
  return d - (d % m);
}

/**
 * round returns the result of rounding d to the nearest multiple of m. Halfway values round away from
 * zero. If the result exceeds the largest (or smallest) Duration, Round returns that Duration. If m <= 0,
 * Round returns d unchanged.
 */
function round(d: Duration, m: Duration): Duration {
  if (!isInt64(d)) badInt64('Duration.round', 'd', 'a Duration', d);
  if (!isInt64(m)) badInt64('Duration.round', 'm', 'a Duration', m);
  if (m <= 0n) return d;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (r + r < m) return d + r;
    const d1 = d - m + r;
    return d1 < minDuration ? minDuration : d1;
  }
  if (r + r < m) return d - r;
  const d1 = d + m - r;
  return d1 > maxDuration ? maxDuration : d1;
}

/** abs returns the absolute value of d. As a special case, the smallest Duration becomes the largest. */
function abs(d: Duration): Duration {
  if (!isInt64(d)) badInt64('Duration.abs', 'd', 'a Duration', d);
  if (d >= 0n) return d;
  if (d === minDuration) return maxDuration;
  return -d;
}

/**
 * Duration holds Go's methods of time.Duration as functions that take the receiver first:
 * `Duration.string(d)` is Go's `d.String()`, `Duration.round(d, m)` is `d.Round(m)`. It has `string`,
 * `round`, `truncate`, `abs`, `hours`, `minutes`, `seconds` (float64 results as numbers, computed as Go
 * computes them), and `milliseconds`, `microseconds`, `nanoseconds` (int64 results as bigints).
 *
 * @example
 * ```ts
 * import { Duration, Hour, Minute, Second } from '@gostd/time';
 * const d = 1n * Hour + 15n * Minute + 30n * Second + 918_273_645n;
 * console.log(Duration.string(d));
 * console.log(Duration.string(Duration.round(d, Second)));
 * console.log(Duration.string(Duration.truncate(d, Minute)));
 * console.log(Duration.minutes(d));
 * console.log(Duration.milliseconds(d));
 * // Output:
 * // 1h15m30.918273645s
 * // 1h15m31s
 * // 1h15m0s
 * // 75.51530456075
 * // 4530918n
 * ```
 */
export const Duration = {
  string,
  round,
  truncate,
  abs,
  hours,
  minutes,
  seconds,
  milliseconds,
  microseconds,
  nanoseconds,
} as const;
