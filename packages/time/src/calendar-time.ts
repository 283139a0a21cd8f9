// The calendar half of Go's time.Time: the date and clock of an instant in
// its Location, zone information, and moving between Locations. Every
// accessor first finds the instant's local absolute day and second of the day
// (locAbs), in float64 arithmetic for every time within ±2^53 seconds of 1970
// and in Go's wrapping uint64 arithmetic (on bigints) beyond that.
import {
  absDate,
  absWeekday,
  dateToAbsDays,
  dDay,
  dMonth,
  dYday,
  dYear,
  type Month,
  unixAbsDays,
  type Weekday,
} from './calendar';
import { badArg } from './check';
import { dateSec, dateSecExact, normNsec } from './date';
import { Instant } from './instant';
import { int64ToInt53 } from './int53';
import type { Time } from './time';
import {
  alpha,
  Local,
  Location,
  omega,
  UTC,
  zEnd,
  zEndExact,
  zIsDST,
  zName,
  zStart,
  zStartExact,
} from './zoneinfo';

/** Seconds from January 1, year 1 to 1970 (Go's unixToInternal). */
const unixToInternal = 62135596800;
/**
 * The internal seconds whose Unix second, plus any zone offset (an int32), is a float64 that is exact:
 * between these two, the fast paths below compute in numbers.
 */
const fastLow = -(2 ** 53) + unixToInternal + 2 ** 32;
const fastHigh = 2 ** 53 - 2 ** 32;
/** Seconds from the absolute epoch to January 1, year 1 (Go's internalToAbsolute). */
const internalToAbsolute = /*#__PURE__*/ (() => BigInt(dateToAbsDays(1, 1, 1)) * 86400n)();

/**
 * The local absolute day of the last locAbs call, in a Float64Array: the day number is beyond the small
 * integers, and storing such a number in a module variable allocates a heap number on every call.
 */
const absDayBox = new Float64Array(1);
/** The local absolute day of the last locAbs call. */
export function absDay(): number {
  return absDayBox[0] as number;
}
/** The local second of that day (0..86399) of the last locAbs call. */
export let absSod = 0;

/** Looks up t's zone (see Location.lookup), exactly also beyond 2^53 seconds; returns the offset. */
export function lookupAt(t: Instant): number {
  const n = int64ToInt53(t.sec); // NaN beyond 2^53
  if (n > fastLow && n < fastHigh) return t.loc.lookup(n - unixToInternal);
  // Go's unixSec wraps in int64: a time made by unix(s) with s + unixToInternal past 2^63 - 1 is
  // looked up at s again, not at the wrapped, negative internal second.
  const exact = BigInt.asIntN(64, t.sec - BigInt(unixToInternal));
  return t.loc.lookup(Number(exact), exact);
}

/**
 * Finds t's zone (zName, zOffset, ... in zoneinfo) and its local absolute day and second (absDay, absSod);
 * returns the zone's offset.
 */
export function locAbs(t: Instant): number {
  const n = int64ToInt53(t.sec); // NaN beyond 2^53
  if (n > fastLow && n < fastHigh) {
    const unix = n - unixToInternal;
    const off = t.loc.lookup(unix);
    const u = unix + off;
    // Exact unless the offset is beyond the int32s of TZif data (fixedZone takes any int, as Go's).
    if (!(u > -(2 ** 53) && u < 2 ** 53)) return locAbsExact(t, off);
    // u / 86400 by a multiplication, off by at most one, then corrected: a division costs more
    let d = Math.floor(u * (1 / 86400));
    let sod = u - d * 86400;
    if (sod < 0) {
      d--;
      sod += 86400;
    } else if (sod >= 86400) {
      d++;
      sod -= 86400;
    }
    absDayBox[0] = d + unixAbsDays;
    absSod = sod | 0;
    return off;
  }
  return locAbsExact(t, lookupAt(t));
}

/** locAbs in Go's uint64 absolute seconds, for t's zone offset off: exact for any t and offset. */
function locAbsExact(t: Instant, off: number): number {
  const abs = BigInt.asUintN(64, t.sec + BigInt(off) + internalToAbsolute);
  absDayBox[0] = Number(abs / 86400n);
  absSod = Number(abs % 86400n);
  return off;
}

function checkInt(fn: string, arg: string, v: number): void {
  if (!Number.isSafeInteger(v)) badArg(fn, arg, 'an int (a safe integer number)', v);
}

/**
 * CalendarTime is the part of {@link Time} that reads the calendar and zones; use Time. It is abstract:
 * every value is a Time.
 */
export abstract class CalendarTime extends Instant {
  /** @internal The representation (see Time); explicit, as V8 inlines it more readily than an implicit one. */
  constructor(sec: bigint, nsec: number, mono: bigint, hasMono: boolean, loc: Location) {
    super(sec, nsec, mono, hasMono, loc);
  }

  /**
   * date returns the year, month, and day in which t occurs.
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * const d = date(2000, 2, 1, 12, 30, 0, 0, UTC);
   * const [year, month, day] = d.date();
   * console.log(`year = ${year}`, `month = ${month}`, `day = ${day}`);
   * // Output:
   * // year = 2000 month = 2 day = 1
   * ```
   */
  date(): [year: number, month: Month, day: number] {
    locAbs(this);
    absDate(absDay());
    return [dYear, dMonth, dDay];
  }

  /**
   * year returns the year in which t occurs.
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * console.log(date(-44, 3, 15, 0, 0, 0, 0, UTC).year());
   * // Output:
   * // -44
   * ```
   */
  year(): number {
    locAbs(this);
    absDate(absDay());
    return dYear;
  }

  /**
   * month returns the month of the year specified by t.
   *
   * @example
   * ```ts
   * import { date, Month, UTC } from '@gostd/time';
   * console.log(Month.string(date(2009, 11, 10, 0, 0, 0, 0, UTC).month()));
   * // Output:
   * // November
   * ```
   */
  month(): Month {
    locAbs(this);
    absDate(absDay());
    return dMonth;
  }

  /**
   * day returns the day of the month specified by t.
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * const d = date(2000, 2, 1, 12, 30, 0, 0, UTC);
   * console.log(`day = ${d.day()}`);
   * // Output:
   * // day = 1
   * ```
   */
  day(): number {
    locAbs(this);
    absDate(absDay());
    return dDay;
  }

  /**
   * weekday returns the day of the week specified by t.
   *
   * @example
   * ```ts
   * import { date, UTC, Weekday } from '@gostd/time';
   * console.log(Weekday.string(date(2009, 11, 10, 0, 0, 0, 0, UTC).weekday()));
   * // Output:
   * // Tuesday
   * ```
   */
  weekday(): Weekday {
    locAbs(this);
    return absWeekday(absDay());
  }

  /**
   * yearDay returns the day of the year specified by t, in the range [1,365] for non-leap years, and
   * [1,366] in leap years.
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * console.log(date(2008, 12, 31, 0, 0, 0, 0, UTC).yearDay(), date(2009, 12, 31, 0, 0, 0, 0, UTC).yearDay());
   * // Output:
   * // 366 365
   * ```
   */
  yearDay(): number {
    locAbs(this);
    absDate(absDay());
    return dYday;
  }

  /**
   * isoWeek returns the ISO 8601 year and week number in which t occurs. Week ranges from 1 to 53. Jan 01
   * to Jan 03 of year n might belong to week 52 or 53 of year n-1, and Dec 29 to Dec 31 might belong to
   * week 1 of year n+1.
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * console.log(date(2021, 1, 1, 0, 0, 0, 0, UTC).isoWeek(), date(2024, 12, 30, 0, 0, 0, 0, UTC).isoWeek());
   * // Output:
   * // [ 2020, 53 ] [ 2025, 1 ]
   * ```
   */
  isoWeek(): [year: number, week: number] {
    locAbs(this);
    // The Thursday of t's week (Monday to Sunday) decides the year; count its weeks from January 1.
    const isoDay = ((absWeekday(absDay()) + 6) % 7) + 1; // Monday = 1 ... Sunday = 7
    absDate(absDay() + 4 - isoDay);
    return [dYear, Math.floor((dYday - 1) / 7) + 1];
  }

  /**
   * clock returns the hour, minute, and second within the day specified by t.
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * console.log(date(2009, 11, 10, 23, 4, 5, 0, UTC).clock());
   * // Output:
   * // [ 23, 4, 5 ]
   * ```
   */
  clock(): [hour: number, min: number, sec: number] {
    locAbs(this);
    const s = absSod;
    return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  }

  /**
   * hour returns the hour within the day specified by t, in the range [0, 23].
   *
   * @example
   * ```ts
   * import { date, fixedZone } from '@gostd/time';
   * console.log(date(2009, 11, 10, 23, 0, 0, 0, fixedZone('', 3600)).hour());
   * // Output:
   * // 23
   * ```
   */
  hour(): number {
    locAbs(this);
    return Math.floor(absSod / 3600);
  }

  /**
   * minute returns the minute offset within the hour specified by t, in the range [0, 59].
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * console.log(date(2009, 11, 10, 23, 4, 5, 0, UTC).minute());
   * // Output:
   * // 4
   * ```
   */
  minute(): number {
    locAbs(this);
    return Math.floor(absSod / 60) % 60;
  }

  /**
   * second returns the second offset within the minute specified by t, in the range [0, 59].
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * console.log(date(2009, 11, 10, 23, 4, 5, 0, UTC).second());
   * // Output:
   * // 5
   * ```
   */
  second(): number {
    locAbs(this);
    return absSod % 60;
  }

  /**
   * nanosecond returns the nanosecond offset within the second specified by t, in the range [0,
   * 999999999].
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * console.log(date(2009, 11, 10, 23, 4, 5, 6, UTC).nanosecond());
   * // Output:
   * // 6
   * ```
   */
  nanosecond(): number {
    return this.nsec;
  }

  /**
   * addDate returns the time corresponding to adding the given number of years, months, and days to t.
   * AddDate normalizes its result in the same way that Date does, so, for example, adding one month to
   * October 31 yields December 1, the normalized form for November 31.
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * const start = date(2023, 3, 25, 12, 0, 0, 0, UTC);
   * const oneDayLater = start.addDate(0, 0, 1);
   * const dayDuration = oneDayLater.sub(start);
   * const oneMonthLater = start.addDate(0, 1, 0);
   * const oneYearLater = start.addDate(1, 0, 0);
   * const zurich = date(2023, 3, 25, 12, 0, 0, 0, UTC);
   * console.log(`oneDayLater: start.addDate(0, 0, 1) = ${oneDayLater}`);
   * console.log(`oneMonthLater: start.addDate(0, 1, 0) = ${oneMonthLater}`);
   * console.log(`oneYearLater: start.addDate(1, 0, 0) = ${oneYearLater}`);
   * console.log(dayDuration, zurich.addDate(0, 0, -366).string());
   * // Output:
   * // oneDayLater: start.addDate(0, 0, 1) = 2023-03-26 12:00:00 +0000 UTC
   * // oneMonthLater: start.addDate(0, 1, 0) = 2023-04-25 12:00:00 +0000 UTC
   * // oneYearLater: start.addDate(1, 0, 0) = 2024-03-25 12:00:00 +0000 UTC
   * // 86400000000000n 2022-03-24 12:00:00 +0000 UTC
   * ```
   */
  addDate(years: number, months: number, days: number): Time {
    checkInt('Time.addDate', 'years', years);
    checkInt('Time.addDate', 'months', months);
    checkInt('Time.addDate', 'days', days);
    locAbs(this);
    const sod = absSod;
    absDate(absDay());
    const y = dYear + years;
    const m = dMonth + months;
    const d = dDay + days;
    // A sum of two safe integers is exact exactly when it is a safe integer; Go's int sums never round.
    const sec =
      Number.isSafeInteger(y) && Number.isSafeInteger(m) && Number.isSafeInteger(d)
        ? dateSec(y, m, d, 0, 0, sod, this.nsec, this.loc)
        : dateSecExact(
            [
              BigInt(dYear) + BigInt(years),
              BigInt(dMonth) + BigInt(months),
              BigInt(dDay) + BigInt(days),
              0n,
              0n,
              BigInt(sod),
              BigInt(this.nsec),
            ],
            this.loc,
          );
    return this.make(sec, normNsec, 0n, false, this.loc);
  }

  /**
   * in returns a copy of t representing the same time instant, but with the copy's location information
   * set to loc for display purposes.
   *
   * @example
   * ```ts
   * import { date, fixedZone, UTC } from '@gostd/time';
   * const t = date(2009, 11, 10, 23, 0, 0, 0, UTC);
   * console.log(t.in(fixedZone('Beijing Time', 8 * 3600)).string());
   * // Output:
   * // 2009-11-11 07:00:00 +0800 Beijing Time
   * ```
   */
  in(loc: Location): Time {
    if (!(loc instanceof Location)) {
      if (loc == null) throw new Error('time: missing Location in call to Time.In');
      badArg('Time.in', 'loc', 'a Location', loc);
    }
    return this.make(this.sec, this.nsec, this.mono, this.hasMono, loc);
  }

  /**
   * utc returns t with the location set to UTC.
   *
   * @example
   * ```ts
   * import { date, fixedZone } from '@gostd/time';
   * console.log(date(2009, 11, 10, 23, 0, 0, 0, fixedZone('', -3600)).utc().string());
   * // Output:
   * // 2009-11-11 00:00:00 +0000 UTC
   * ```
   */
  utc(): Time {
    return this.make(this.sec, this.nsec, this.mono, this.hasMono, UTC);
  }

  /**
   * local returns t with the location set to local time.
   *
   * @example
   * ```ts
   * import { Local, unix } from '@gostd/time';
   * console.log(unix(0n, 0n).utc().local().location() === Local);
   * // Output:
   * // true
   * ```
   */
  local(): Time {
    return this.make(this.sec, this.nsec, this.mono, this.hasMono, Local);
  }

  /**
   * location returns the time zone information associated with t.
   *
   * @example
   * ```ts
   * import { Time } from '@gostd/time';
   * console.log(new Time().location().string());
   * // Output:
   * // UTC
   * ```
   */
  location(): Location {
    return this.loc;
  }

  /**
   * zone computes the time zone in effect at time t, returning the abbreviated name of the zone (such as
   * "CET") and its offset in seconds east of UTC.
   *
   * @example
   * ```ts
   * import { date, loadLocation, UTC } from '@gostd/time';
   * const dublin = loadLocation('Europe/Dublin');
   * console.log(date(2022, 1, 1, 0, 0, 0, 0, UTC).in(dublin).zone());
   * console.log(date(2022, 7, 1, 0, 0, 0, 0, UTC).in(dublin).zone());
   * // Output:
   * // [ 'GMT', 0 ]
   * // [ 'IST', 3600 ]
   * ```
   */
  zone(): [name: string, offset: number] {
    const off = lookupAt(this);
    return [zName, off];
  }

  /**
   * zoneBounds returns the bounds of the time zone in effect at time t. The zone begins at start and the
   * next zone begins at end. If the zone begins at the beginning of time, start is the zero Time; if it
   * never ends, end is the zero Time. The location of the results is the same as t's.
   *
   * @example
   * ```ts
   * import { date, loadLocation, UTC } from '@gostd/time';
   * const ny = loadLocation('America/New_York');
   * const [start, end] = date(2023, 6, 1, 0, 0, 0, 0, UTC).in(ny).zoneBounds();
   * console.log(start.string());
   * console.log(end.string());
   * // Output:
   * // 2023-03-12 03:00:00 -0400 EDT
   * // 2023-11-05 01:00:00 -0500 EST
   * ```
   */
  zoneBounds(): [start: Time, end: Time] {
    lookupAt(this);
    const s = zStartExact ?? zStart;
    const e = zEndExact ?? zEnd;
    const zero = this.make(0n, 0, 0n, false, UTC);
    // Go's unixTime: the internal second wraps in int64.
    const at = (sec: number | bigint) =>
      this.make(BigInt.asIntN(64, BigInt(sec) + BigInt(unixToInternal)), 0, 0n, false, this.loc);
    return [s === alpha ? zero : at(s), e === omega ? zero : at(e)];
  }

  /**
   * isDST reports whether the time in the configured location is in Daylight Savings Time.
   *
   * @example
   * ```ts
   * import { date, loadLocation, UTC } from '@gostd/time';
   * const ny = loadLocation('America/New_York');
   * console.log(date(2023, 1, 1, 0, 0, 0, 0, UTC).in(ny).isDST(), date(2023, 7, 1, 0, 0, 0, 0, UTC).in(ny).isDST());
   * // Output:
   * // false true
   * ```
   */
  isDST(): boolean {
    lookupAt(this);
    return zIsDST;
  }
}
