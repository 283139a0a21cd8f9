// Formatting a Time with a Go layout (Time.Format and Time.AppendFormat), and
// the pieces the other formatters share.
import {
  absDate,
  absWeekday,
  dDay,
  dMonth,
  dYday,
  dYear,
  longDayNames,
  longMonthNames,
  shortDayNames,
  shortMonthNames,
} from './calendar';
import { absDay, absSod, locAbs } from './calendar-time';
import type { Instant } from './instant';
import { type Chunk, chunks, Std } from './layout';
import { zName } from './zoneinfo';

const zeros = '000000000';

/** Go's appendInt: x in decimal, zero-padded to width digits (after a '-' for negatives). */
export function itoa(x: number, width: number): string {
  if (x < 0) return `-${itoa(-x, width)}`;
  const s = String(x);
  return s.length >= width ? s : zeros.slice(0, width - s.length) + s;
}

/** Two digits of x in 0..99. */
export function pad2(x: number): string {
  return x < 10 ? `0${x}` : String(x);
}

const pow10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** Go's appendNano: the fraction of nsec with digits digits after sep; trim drops trailing zeros. */
export function fraction(nsec: number, digits: number, sep: string, trim: boolean): string {
  if (!trim && digits <= 9) {
    const s = String(Math.floor(nsec / (pow10[9 - digits] as number)));
    return sep + (s.length < digits ? zeros.slice(0, digits - s.length) + s : s);
  }
  if (trim && (digits === 0 || nsec === 0)) return '';
  let s = itoa(nsec, 9);
  if (digits < 9) s = s.slice(0, digits);
  if (trim) {
    let end = s.length;
    while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
    if (end === 0) return '';
    s = s.slice(0, end);
  }
  return sep + s;
}

/** The offset as Go prints it for the numeric zone elements (and for MST when the zone has no name). */
function formatOffset(std: Std, offset: number): string {
  const iso =
    std === Std.ISO8601TZ ||
    std === Std.ISO8601ColonTZ ||
    std === Std.ISO8601SecondsTZ ||
    std === Std.ISO8601ShortTZ ||
    std === Std.ISO8601ColonSecondsTZ;
  if (offset === 0 && iso) return 'Z';
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let b = '+';
  if (zone < 0) {
    b = '-';
    zone = -zone;
    abs = -abs;
  }
  b += itoa(Math.trunc(zone / 60), 2);
  const colon =
    std === Std.ISO8601ColonTZ ||
    std === Std.NumColonTZ ||
    std === Std.ISO8601ColonSecondsTZ ||
    std === Std.NumColonSecondsTZ;
  if (colon) b += ':';
  if (std !== Std.NumShortTZ && std !== Std.ISO8601ShortTZ) b += itoa(zone % 60, 2);
  if (
    std === Std.ISO8601SecondsTZ ||
    std === Std.NumSecondsTz ||
    std === Std.NumColonSecondsTZ ||
    std === Std.ISO8601ColonSecondsTZ
  ) {
    if (std === Std.NumColonSecondsTZ || std === Std.ISO8601ColonSecondsTZ) b += ':';
    b += itoa(abs % 60, 2);
  }
  return b;
}

/** Appends t formatted by layout to b, as Go's appendFormat. */
export function appendFormat(t: Instant, b: string, layout: string): string {
  const offset = locAbs(t);
  const name = zName;
  const day = absDay;
  const sod = absSod;
  let haveDate = false;
  const cs = chunks(layout);
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i] as Chunk;
    b += c.prefix;
    const std = c.std;
    if (std === Std.None) break;
    if (!haveDate && (std <= Std.ZeroYearDay || std === Std.LongYear || std === Std.Year)) {
      absDate(day);
      haveDate = true;
    }
    switch (std) {
      case Std.Year:
        b += itoa((dYear < 0 ? -dYear : dYear) % 100, 2);
        break;
      case Std.LongYear:
        b += itoa(dYear, 4);
        break;
      case Std.Month:
        b += shortMonthNames[dMonth - 1];
        break;
      case Std.LongMonth:
        b += longMonthNames[dMonth - 1];
        break;
      case Std.NumMonth:
        b += dMonth;
        break;
      case Std.ZeroMonth:
        b += pad2(dMonth);
        break;
      case Std.WeekDay:
        b += shortDayNames[absWeekday(day)];
        break;
      case Std.LongWeekDay:
        b += longDayNames[absWeekday(day)];
        break;
      case Std.Day:
        b += dDay;
        break;
      case Std.UnderDay:
        b += dDay < 10 ? ` ${dDay}` : dDay;
        break;
      case Std.ZeroDay:
        b += pad2(dDay);
        break;
      case Std.UnderYearDay:
        b += dYday < 10 ? `  ${dYday}` : dYday < 100 ? ` ${dYday}` : dYday;
        break;
      case Std.ZeroYearDay:
        b += itoa(dYday, 3);
        break;
      case Std.Hour:
        b += pad2(Math.floor(sod / 3600));
        break;
      case Std.Hour12:
        b += Math.floor(sod / 3600) % 12 || 12;
        break;
      case Std.ZeroHour12:
        b += pad2(Math.floor(sod / 3600) % 12 || 12);
        break;
      case Std.Minute:
        b += Math.floor(sod / 60) % 60;
        break;
      case Std.ZeroMinute:
        b += pad2(Math.floor(sod / 60) % 60);
        break;
      case Std.Second:
        b += sod % 60;
        break;
      case Std.ZeroSecond:
        b += pad2(sod % 60);
        break;
      case Std.PM:
        b += sod >= 12 * 3600 ? 'PM' : 'AM';
        break;
      case Std.pm:
        b += sod >= 12 * 3600 ? 'pm' : 'am';
        break;
      case Std.TZ:
        if (name !== '') b += name;
        else {
          const zone = Math.trunc(offset / 60);
          const z = zone < 0 ? -zone : zone;
          b += `${zone < 0 ? '-' : '+'}${itoa(Math.trunc(z / 60), 2)}${itoa(z % 60, 2)}`;
        }
        break;
      case Std.FracSecond0:
      case Std.FracSecond9:
        b += fraction(t.nsec, c.digits, c.sep, std === Std.FracSecond9);
        break;
      default:
        b += formatOffset(std, offset);
    }
  }
  return b;
}
