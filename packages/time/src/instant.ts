// The instant half of Go's time.Time: a wall clock reading (int64 seconds
// since January 1, year 1 UTC, plus nanoseconds), for times read from the
// clock a monotonic reading in nanoseconds, and the Location the time is
// shown in. Comparisons and Sub use the monotonic readings when both times
// have one. Time (time.ts) extends this with the calendar (calendar-time.ts)
// and formatting; the split follows what each method needs, not Go's files.

import { badArg, badInt64, isInt64 } from './check';
import { monoStart } from './clock';
import { type Duration, maxDuration, minDuration, Second } from './duration';
import type { Time } from './time';
import type { Location } from './zoneinfo';

const max63 = 9223372036854775807n; // 2^63 - 1
const min63 = -9223372036854775808n; // -2^63
/** Seconds from January 1, year 1 to January 1, 1970 (Go's unixToInternal). */
export const unixToInternal = 62135596800n;
/** Go's minWall: January 1, 1885, the earliest wall time that can carry a monotonic reading. */
export const minWall = 59453308800n;
/** Go's maxWall: the latest wall time (year 2157) that can carry a monotonic reading. */
export const maxWall = 68043243391n; // minWall + 2^33 - 1

function clamp(d: bigint): Duration {
  return d > maxDuration ? maxDuration : d < minDuration ? minDuration : d;
}

/**
 * Instant is the part of {@link Time} that holds the instant and its arithmetic; use Time. It is abstract:
 * every value is a Time.
 */
export abstract class Instant {
  /** @internal Wall seconds since January 1, year 1 UTC (an int64). */
  declare readonly sec: bigint;
  /** @internal Wall nanoseconds, in [0, 999999999]. */
  declare readonly nsec: number;
  /**
   * @internal The raw monotonic clock value in nanoseconds; Go's reading (nanoseconds since the package
   * loaded, an int64) is `mono - monoStart`. 0n when absent.
   */
  declare readonly mono: bigint;
  /** @internal Whether the time carries a monotonic reading. */
  declare readonly hasMono: boolean;
  /** @internal The Location the time is shown in (UTC for the zero Time). */
  declare readonly loc: Location;

  /**
   * @internal The representation (see Time). No defaults here (Time has them): a constructor with
   * fewer bytecodes is one V8 inlines into the functions that make Times.
   */
  constructor(sec: bigint, nsec: number, mono: bigint, hasMono: boolean, loc: Location) {
    this.sec = sec;
    this.nsec = nsec;
    this.mono = mono;
    this.hasMono = hasMono;
    this.loc = loc;
  }

  /** @internal A Time with these readings (the subclass's constructor). */
  protected abstract make(sec: bigint, nsec: number, mono: bigint, hasMono: boolean, loc: Location): Time;

  /** string returns the time formatted as Go's Time.String (see Time). */
  abstract string(): string;

  /**
   * add returns the time t+d. It moves the monotonic reading too, and drops it when either reading would
   * leave its range (the wall reading must stay in years 1885 to 2157 to carry one).
   *
   * @example
   * ```ts
   * import { Hour, unix } from '@gostd/time';
   * console.log(unix(0n, 0n).add(-25n * Hour).string());
   * // Output:
   * // 1969-12-30 23:00:00 +0000 UTC
   * ```
   */
  add(d: Duration): Time {
    if (!isInt64(d)) badInt64('Time.add', 'd', 'a Duration', d);
    let dsec = d / Second;
    let nsec = this.nsec + Number(d % Second);
    if (nsec >= 1e9) {
      dsec++;
      nsec -= 1e9;
    } else if (nsec < 0) {
      dsec--;
      nsec += 1e9;
    }
    let hasMono = this.hasMono;
    let sec = this.sec + dsec;
    if (hasMono && (sec < minWall || sec > maxWall)) hasMono = false;
    if (!hasMono) {
      // Go's addSec saturates the wall seconds (asymmetrically: at 2^63-1 and -(2^63-1)).
      if (sec > max63) sec = max63;
      else if (sec < min63) sec = -max63;
      return this.make(sec, nsec, 0n, false, this.loc);
    }
    const mono = this.mono + d;
    const reading = mono - monoStart; // Go's int64 reading must not overflow
    if (reading > max63 || reading < min63) return this.make(sec, nsec, 0n, false, this.loc);
    return this.make(sec, nsec, mono, true, this.loc);
  }

  /**
   * sub returns the duration t-u, using the monotonic readings when both times have one and the wall
   * readings otherwise. A result beyond the Duration range is clamped to its largest (or smallest) value.
   * To compute t-d for a duration d, use `t.add(-d)`.
   *
   * @example
   * ```ts
   * import { Duration, unix } from '@gostd/time';
   * const start = unix(1257894000n, 0n);
   * const end = unix(1257894000n + 12n * 3600n, 0n);
   * console.log(Duration.string(end.sub(start)));
   * // Output:
   * // 12h0m0s
   * ```
   */
  sub(u: Time): Duration {
    if (!(u instanceof Instant)) badArg('Time.sub', 'u', 'a Time', u);
    if (this.hasMono && u.hasMono) return clamp(this.mono - u.mono);
    return clamp((this.sec - u.sec) * Second + BigInt(this.nsec - u.nsec));
  }

  /**
   * after reports whether the time instant t is after u.
   *
   * @example
   * ```ts
   * import { unix } from '@gostd/time';
   * const year2000 = unix(946684800n, 0n);
   * const year3000 = unix(32503680000n, 0n);
   * console.log(year3000.after(year2000), year2000.after(year3000));
   * // Output:
   * // true false
   * ```
   */
  after(u: Time): boolean {
    if (!(u instanceof Instant)) badArg('Time.after', 'u', 'a Time', u);
    if (this.hasMono && u.hasMono) return this.mono > u.mono;
    return this.sec > u.sec || (this.sec === u.sec && this.nsec > u.nsec);
  }

  /**
   * before reports whether the time instant t is before u.
   *
   * @example
   * ```ts
   * import { unix } from '@gostd/time';
   * const year2000 = unix(946684800n, 0n);
   * const year3000 = unix(32503680000n, 0n);
   * console.log(year2000.before(year3000), year3000.before(year2000));
   * // Output:
   * // true false
   * ```
   */
  before(u: Time): boolean {
    if (!(u instanceof Instant)) badArg('Time.before', 'u', 'a Time', u);
    if (this.hasMono && u.hasMono) return this.mono < u.mono;
    return this.sec < u.sec || (this.sec === u.sec && this.nsec < u.nsec);
  }

  /**
   * equal reports whether t and u represent the same time instant (by the monotonic readings when both
   * have one).
   *
   * @example
   * ```ts
   * import { Millisecond, unix, unixMilli } from '@gostd/time';
   * const a = unix(1257894000n, 500_000_000n);
   * console.log(a.equal(unixMilli(1257894000500n)), a.equal(a.add(Millisecond)));
   * // Output:
   * // true false
   * ```
   */
  equal(u: Time): boolean {
    if (!(u instanceof Instant)) badArg('Time.equal', 'u', 'a Time', u);
    if (this.hasMono && u.hasMono) return this.mono === u.mono;
    return this.sec === u.sec && this.nsec === u.nsec;
  }

  /**
   * compare compares the time instant t with u: -1 if t is before u, +1 if t is after u, 0 if they are
   * the same instant (Go 1.20's Time.Compare).
   *
   * @example
   * ```ts
   * import { unix } from '@gostd/time';
   * const times = [unix(3n, 0n), unix(1n, 0n), unix(2n, 0n)];
   * console.log(times.sort((a, b) => a.compare(b)).map((t) => t.unix()));
   * // Output:
   * // [ 1n, 2n, 3n ]
   * ```
   */
  compare(u: Time): number {
    if (!(u instanceof Instant)) badArg('Time.compare', 'u', 'a Time', u);
    if (this.hasMono && u.hasMono) return this.mono < u.mono ? -1 : this.mono > u.mono ? 1 : 0;
    if (this.sec !== u.sec) return this.sec < u.sec ? -1 : 1;
    return this.nsec < u.nsec ? -1 : this.nsec > u.nsec ? 1 : 0;
  }

  /**
   * isZero reports whether t represents the zero time instant, January 1, year 1, 00:00:00 UTC.
   *
   * @example
   * ```ts
   * import { Time, unix } from '@gostd/time';
   * console.log(new Time().isZero(), unix(0n, 0n).isZero());
   * // Output:
   * // true false
   * ```
   */
  isZero(): boolean {
    return this.sec === 0n && this.nsec === 0;
  }

  /** The wall-only copy of t. */
  private wall(): Time {
    return this.hasMono ? this.make(this.sec, this.nsec, 0n, false, this.loc) : (this as unknown as Time);
  }

  /** r = (t - zero time) mod d, for d > 0, as Go's div computes it. */
  private rem(d: Duration): Duration {
    if (d <= Second && Second % d === 0n) return BigInt(this.nsec % Number(d));
    if (d % Second === 0n) {
      const ds = d / Second;
      let r = this.sec % ds;
      if (r < 0n) r += ds;
      return r * Second + BigInt(this.nsec);
    }
    let r = (this.sec * Second + BigInt(this.nsec)) % d;
    if (r < 0n) r += d;
    return r;
  }

  /**
   * truncate returns the result of rounding t down to a multiple of d (since the zero time), without a
   * monotonic reading. If d <= 0, it returns t stripped of any monotonic reading but otherwise unchanged.
   *
   * @example
   * ```ts
   * import { Hour, Minute, unix } from '@gostd/time';
   * const t = unix(1257894000n + 3723n, 0n);
   * console.log(t.truncate(Hour).string());
   * console.log(t.truncate(10n * Minute).string());
   * // Output:
   * // 2009-11-11 00:00:00 +0000 UTC
   * // 2009-11-11 00:00:00 +0000 UTC
   * ```
   */
  truncate(d: Duration): Time {
    if (!isInt64(d)) badInt64('Time.truncate', 'd', 'a Duration', d);
    const t = this.wall();
    if (d <= 0n) return t;
    return t.add(-t.rem(d));
  }

  /**
   * round returns the result of rounding t to the nearest multiple of d (since the zero time), without a
   * monotonic reading; halfway values round up. If d <= 0, it returns t stripped of any monotonic reading
   * but otherwise unchanged: `t.round(0n)` is the canonical way to strip it.
   *
   * @example
   * ```ts
   * import { Duration, Hour, Millisecond, Second, unix } from '@gostd/time';
   * const t = unix(1257894000n, 123_456_789n);
   * for (const d of [0n, 1n, Millisecond, Second, Hour]) {
   *   console.log(`t.round(${Duration.string(d).padEnd(4)}) = ${t.round(d).string()}`);
   * }
   * // Output:
   * // t.round(0s  ) = 2009-11-10 23:00:00.123456789 +0000 UTC
   * // t.round(1ns ) = 2009-11-10 23:00:00.123456789 +0000 UTC
   * // t.round(1ms ) = 2009-11-10 23:00:00.123 +0000 UTC
   * // t.round(1s  ) = 2009-11-10 23:00:00 +0000 UTC
   * // t.round(1h0m0s) = 2009-11-10 23:00:00 +0000 UTC
   * ```
   */
  round(d: Duration): Time {
    if (!isInt64(d)) badInt64('Time.round', 'd', 'a Duration', d);
    const t = this.wall();
    if (d <= 0n) return t;
    const r = t.rem(d);
    return r + r < d ? t.add(-r) : t.add(d - r);
  }

  /**
   * unix returns t as a Unix time, the number of seconds elapsed since January 1, 1970 UTC.
   *
   * @example
   * ```ts
   * import { unix } from '@gostd/time';
   * console.log(unix(1257894000n, 999_999_999n).unix());
   * // Output:
   * // 1257894000n
   * ```
   */
  unix(): bigint {
    return BigInt.asIntN(64, this.sec - unixToInternal);
  }

  /**
   * unixMilli returns t as a Unix time in milliseconds. As in Go, the result wraps (is undefined) for
   * dates more than 292 million years from 1970.
   *
   * @example
   * ```ts
   * import { unix } from '@gostd/time';
   * console.log(unix(1257894000n, 987_654_321n).unixMilli());
   * // Output:
   * // 1257894000987n
   * ```
   */
  unixMilli(): bigint {
    return BigInt.asIntN(64, this.unix() * 1000n + BigInt(Math.floor(this.nsec / 1e6)));
  }

  /**
   * unixMicro returns t as a Unix time in microseconds. As in Go, the result wraps for dates before year
   * -290307 or after year 294246.
   *
   * @example
   * ```ts
   * import { unix } from '@gostd/time';
   * console.log(unix(1257894000n, 987_654_321n).unixMicro());
   * // Output:
   * // 1257894000987654n
   * ```
   */
  unixMicro(): bigint {
    return BigInt.asIntN(64, this.unix() * 1_000_000n + BigInt(Math.floor(this.nsec / 1e3)));
  }

  /**
   * unixNano returns t as a Unix time in nanoseconds. As in Go, the result wraps for dates before 1678
   * or after 2262.
   *
   * @example
   * ```ts
   * import { unix } from '@gostd/time';
   * console.log(unix(1257894000n, 987_654_321n).unixNano());
   * // Output:
   * // 1257894000987654321n
   * ```
   */
  unixNano(): bigint {
    return BigInt.asIntN(64, this.unix() * Second + BigInt(this.nsec));
  }

  /**
   * toDate returns t as a JavaScript Date (millisecond precision, rounded down). It throws a RangeError
   * when t is outside the range of Date (±8.64e15 ms around 1970).
   *
   * @example
   * ```ts
   * import { unix } from '@gostd/time';
   * console.log(unix(1257894000n, 123_999_999n).toDate().toISOString());
   * // Output:
   * // 2009-11-10T23:00:00.123Z
   * ```
   */
  toDate(): Date {
    const ms = this.unixMilli();
    if (ms > 8_640_000_000_000_000n || ms < -8_640_000_000_000_000n) {
      throw new RangeError(`time: ${this.string()} is outside the range of Date`);
    }
    return new Date(Number(ms));
  }
}
