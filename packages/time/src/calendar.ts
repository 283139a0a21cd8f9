// The proleptic Gregorian calendar of Go's time: Month and Weekday, and the
// conversion between a day count and a date. Days are counted, as Go 1.23+
// counts them, from the absolute epoch: March 1 of year -292277022400, a
// multiple of 400 years before year 0, so that every date Go can hold has a
// non-negative day number and a year starts in March (February, with its
// leap day, comes last). All day arithmetic is in float64-exact integers:
// every such day number is below 2^48.

/** A Month specifies a month of the year (January = 1, ...). */
export type Month = number;
/** A Weekday specifies a day of the week (Sunday = 0, ...). */
export type Weekday = number;

/** January is Month 1. */
export const January: Month = 1;
/** February is Month 2. */
export const February: Month = 2;
/** March is Month 3. */
export const March: Month = 3;
/** April is Month 4. */
export const April: Month = 4;
/** May is Month 5. */
export const May: Month = 5;
/** June is Month 6. */
export const June: Month = 6;
/** July is Month 7. */
export const July: Month = 7;
/** August is Month 8. */
export const August: Month = 8;
/** September is Month 9. */
export const September: Month = 9;
/** October is Month 10. */
export const October: Month = 10;
/** November is Month 11. */
export const November: Month = 11;
/** December is Month 12. */
export const December: Month = 12;

/** Sunday is Weekday 0. */
export const Sunday: Weekday = 0;
/** Monday is Weekday 1. */
export const Monday: Weekday = 1;
/** Tuesday is Weekday 2. */
export const Tuesday: Weekday = 2;
/** Wednesday is Weekday 3. */
export const Wednesday: Weekday = 3;
/** Thursday is Weekday 4. */
export const Thursday: Weekday = 4;
/** Friday is Weekday 5. */
export const Friday: Weekday = 5;
/** Saturday is Weekday 6. */
export const Saturday: Weekday = 6;

export const longMonthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const shortMonthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
export const longDayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const shortDayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * Month holds Go's method of time.Month: `Month.string(m)` is Go's `m.String()`, the English name of the
 * month ("January", "February", ...), or `%!Month(13)` for a value outside 1..12.
 *
 * @example
 * ```ts
 * import { Month, November } from '@gostd/time';
 * console.log(Month.string(November), Month.string(13));
 * // Output:
 * // November %!Month(13)
 * ```
 */
export const Month = {
  string(m: Month): string {
    if (m >= 1 && m <= 12 && Number.isInteger(m)) return longMonthNames[m - 1] as string;
    return `%!Month(${BigInt.asUintN(64, BigInt(Math.trunc(m)))})`;
  },
} as const;

/**
 * Weekday holds Go's method of time.Weekday: `Weekday.string(d)` is Go's `d.String()`, the English name
 * of the day ("Sunday", "Monday", ...), or `%!Weekday(7)` for a value outside 0..6.
 *
 * @example
 * ```ts
 * import { Saturday, Weekday } from '@gostd/time';
 * console.log(Weekday.string(Saturday), Weekday.string(7));
 * // Output:
 * // Saturday %!Weekday(7)
 * ```
 */
export const Weekday = {
  string(d: Weekday): string {
    if (d >= 0 && d <= 6 && Number.isInteger(d)) return longDayNames[d] as string;
    return `%!Weekday(${BigInt.asUintN(64, BigInt(Math.trunc(d)))})`;
  },
} as const;

/** Years from the absolute epoch's year to year 0 (730692556 cycles of 400 years). */
export const absoluteYears = 292277022400;
const daysPer400Years = 146097;

/** Reports whether year is a leap year in the proleptic Gregorian calendar. */
export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** The number of days before month m (1..12) in a non-leap year: daysBefore(1) = 0, daysBefore(3) = 59. */
export function daysBefore(m: number): number {
  return m >= 3 ? Math.floor((153 * (m - 3) + 2) / 5) + 59 : (m - 1) * 31;
}

/** The number of days in month m (1..12) of year. */
export function daysIn(m: number, year: number): number {
  if (m === 2) return isLeap(year) ? 29 : 28;
  return 30 + ((m + (m >> 3)) & 1);
}

/**
 * The absolute day number of year-month-day, for month in 1..12 and any day (days past the month's end
 * run into the next months, as in Go's Date).
 */
export function dateToAbsDays(year: number, month: number, day: number): number {
  const janFeb = month < 3 ? 1 : 0;
  const y = year - janFeb + absoluteYears;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + 12 * janFeb - 3) + 2) / 5) + day - 1;
  return era * daysPer400Years + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
}

// The date of the last absDate call: a scratch so that hot callers allocate nothing.
/** Year of the last absDate call. */
export let dYear = 0;
/** Month (1..12) of the last absDate call. */
export let dMonth = 0;
/** Day of the month (1..31) of the last absDate call. */
export let dDay = 0;
/** Day of the year (1..366) of the last absDate call. */
export let dYday = 0;

/**
 * Splits the absolute day number ad into dYear, dMonth, dDay and dYday, as Go's absDays.date and
 * yearYday do (Neri and Schneider's algorithm): one division by the days of a century (a corrected
 * multiplication), then int32 arithmetic; a float64 division costs more than all the rest.
 */
export function absDate(ad: number): void {
  const d = 4 * ad + 3; // below 2^51
  // d / 146097 by a multiplication, off by at most one, then corrected: a division costs more
  let century = Math.floor(d * (1 / 146097));
  let r = d - century * 146097;
  if (r < 0) {
    century--;
    r += 146097;
  } else if (r >= 146097) {
    century++;
    r -= 146097;
  }
  // The year of the century and the day of that year (from March 1): cd / 1461 and cd % 1461 / 4, in
  // int32, whose division by a constant V8 makes a multiplication (Go multiplies by 2939745 instead).
  const cd = r | 3;
  const cyear = (cd / 1461) | 0;
  const ayday = (cd - cyear * 1461) >> 2;
  const m = 2141 * ayday + 197913;
  const janFeb = ayday >= 306 ? 1 : 0; // 306 days from March 1 to December 31
  dDay = 1 + (((m & 0xffff) * 31345) >>> 26); // (m & 0xffff) / 2141, exact below 2^16
  dMonth = (m >>> 16) - 12 * janFeb;
  dYear = century * 100 - absoluteYears + cyear + janFeb;
  const leap = (cyear & 3) === 0 && (cyear !== 0 || (century & 3) === 0) ? 1 : 0;
  dYday = ayday + 60 + (leap & ~janFeb) - 365 * janFeb;
}

/** The weekday of the absolute day number ad (the absolute epoch was a Wednesday). */
export function absWeekday(ad: number): Weekday {
  // (ad + 3) % 7 without a float64 % (a call to fmod): a multiplication, off by at most one, corrected
  const x = ad + 3;
  const r = x - Math.floor(x * (1 / 7)) * 7;
  return r < 0 ? r + 7 : r >= 7 ? r - 7 : r;
}

/** The absolute day number of January 1, 1970. */
export const unixAbsDays = /*#__PURE__*/ dateToAbsDays(1970, 1, 1);
