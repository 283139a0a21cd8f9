// Formatting a Time with a Go layout (Time.Format and Time.AppendFormat), and
// the pieces the other formatters share: each writes character codes into
// the text buffer (text.ts), which makes the string once at the end.
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
import { emit, reserve, text } from './text';
import { zName } from './zoneinfo';

/** Writes x (in 0..99) as two digits at b[w]; returns the end. */
export function put2(b: Uint16Array, w: number, x: number): number {
  const q = (x / 10) | 0;
  b[w] = 48 + q;
  b[w + 1] = 48 + x - q * 10;
  return w + 2;
}

/** Go's appendInt: writes the integer x at b[w], zero-padded to width digits (after a '-' for negatives). */
export function putInt(b: Uint16Array, w: number, x: number, width: number): number {
  if (x < 0) {
    b[w++] = 45;
    x = -x;
  }
  if (x < 100 && width <= 2) {
    if (x >= 10 || width === 2) return put2(b, w, x);
    b[w] = 48 + x;
    return w + 1;
  }
  if (x < 10000 && width === 4) {
    const h = (x / 100) | 0;
    put2(b, w, h);
    return put2(b, w + 2, x - h * 100);
  }
  let n = 1;
  for (let y = x; y >= 10; y = Math.floor(y / 10)) n++;
  for (; width > n; width--) b[w++] = 48;
  const end = w + n;
  for (let i = end - 1; i >= w; i--) {
    const q = Math.floor(x / 10);
    b[i] = 48 + x - q * 10;
    x = q;
  }
  return end;
}

/**
 * Go's appendNano: writes the fraction of nsec, digits digits (at most nine) after the separator sep (a
 * character code); trim drops trailing zeros, and the separator with them when nothing is left. Returns
 * the end. Uses ten code units of room at b[w] whatever it writes.
 */
export function putFraction(
  b: Uint16Array,
  w: number,
  nsec: number,
  digits: number,
  sep: number,
  trim: boolean,
): number {
  if (trim && nsec === 0) return w;
  b[w] = sep;
  let x = nsec;
  for (let i = w + 9; i > w; i--) {
    const q = (x / 10) | 0;
    b[i] = 48 + x - q * 10;
    x = q;
  }
  let end = w + 1 + Math.min(digits, 9);
  if (trim) {
    while (end > w + 1 && b[end - 1] === 48) end--;
    if (end === w + 1) return w;
  }
  return end;
}

/** Writes the offset as Go prints it for the numeric zone elements (and for MST when the zone has no name). */
function putOffset(b: Uint16Array, w: number, std: Std, offset: number): number {
  if (
    offset === 0 &&
    (std === Std.ISO8601TZ ||
      std === Std.ISO8601ColonTZ ||
      std === Std.ISO8601SecondsTZ ||
      std === Std.ISO8601ShortTZ ||
      std === Std.ISO8601ColonSecondsTZ)
  ) {
    b[w] = 90; // 'Z'
    return w + 1;
  }
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  b[w++] = 43; // '+'
  if (zone < 0) {
    b[w - 1] = 45; // '-'
    zone = -zone;
    abs = -abs;
  }
  w = putInt(b, w, Math.trunc(zone / 60), 2);
  const colon =
    std === Std.ISO8601ColonTZ ||
    std === Std.NumColonTZ ||
    std === Std.ISO8601ColonSecondsTZ ||
    std === Std.NumColonSecondsTZ;
  if (colon) b[w++] = 58;
  if (std !== Std.NumShortTZ && std !== Std.ISO8601ShortTZ) w = putInt(b, w, zone % 60, 2);
  if (
    std === Std.ISO8601SecondsTZ ||
    std === Std.NumSecondsTz ||
    std === Std.NumColonSecondsTZ ||
    std === Std.ISO8601ColonSecondsTZ
  ) {
    if (colon) b[w++] = 58;
    w = putInt(b, w, abs % 60, 2);
  }
  return w;
}

/** Copies the characters of s to b[w]; returns the end. */
function putString(b: Uint16Array, w: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[w++] = s.charCodeAt(i);
  return w;
}

/**
 * t formatted by layout, as Go's Time.Format: the layout's chunks (cut once and cached, where Go cuts the
 * layout on every call) are written into the text buffer, which makes the string in one call.
 */
export function format(t: Instant, layout: string): string {
  const offset = locAbs(t);
  const name = zName;
  const day = absDay();
  const sod = absSod; // an int32, as are the clock's fields
  const hour = (sod / 3600) | 0;
  const min = ((sod / 60) | 0) - hour * 60;
  const sec = sod - ((sod / 60) | 0) * 60;
  let haveDate = false;
  const cs = chunks(layout);
  // Each element writes at most 16 code units (a 13-character year, a 10-character fraction or offset)
  // besides the zone's name; the literals are at most the layout's length.
  reserve(layout.length + cs.length * (16 + name.length));
  const b = text;
  let w = 0;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i] as Chunk;
    w = putString(b, w, c.prefix);
    const std = c.std;
    if (std === Std.None) break;
    if (!haveDate && (std <= Std.ZeroYearDay || std === Std.LongYear || std === Std.Year)) {
      absDate(day);
      haveDate = true;
    }
    switch (std) {
      case Std.Year:
        w = put2(b, w, (dYear < 0 ? -dYear : dYear) % 100);
        break;
      case Std.LongYear:
        w = putInt(b, w, dYear, 4);
        break;
      case Std.Month:
        w = putString(b, w, shortMonthNames[dMonth - 1] as string);
        break;
      case Std.LongMonth:
        w = putString(b, w, longMonthNames[dMonth - 1] as string);
        break;
      case Std.NumMonth:
        w = putInt(b, w, dMonth, 1);
        break;
      case Std.ZeroMonth:
        w = put2(b, w, dMonth);
        break;
      case Std.WeekDay:
        w = putString(b, w, shortDayNames[absWeekday(day)] as string);
        break;
      case Std.LongWeekDay:
        w = putString(b, w, longDayNames[absWeekday(day)] as string);
        break;
      case Std.Day:
        w = putInt(b, w, dDay, 1);
        break;
      case Std.UnderDay:
        if (dDay < 10) b[w++] = 32;
        w = putInt(b, w, dDay, 1);
        break;
      case Std.ZeroDay:
        w = put2(b, w, dDay);
        break;
      case Std.UnderYearDay:
        if (dYday < 100) {
          b[w++] = 32;
          if (dYday < 10) b[w++] = 32;
        }
        w = putInt(b, w, dYday, 1);
        break;
      case Std.ZeroYearDay:
        w = putInt(b, w, dYday, 3);
        break;
      case Std.Hour:
        w = put2(b, w, hour);
        break;
      case Std.Hour12:
        w = putInt(b, w, hour > 12 ? hour - 12 : hour || 12, 1);
        break;
      case Std.ZeroHour12:
        w = put2(b, w, hour > 12 ? hour - 12 : hour || 12);
        break;
      case Std.Minute:
        w = putInt(b, w, min, 1);
        break;
      case Std.ZeroMinute:
        w = put2(b, w, min);
        break;
      case Std.Second:
        w = putInt(b, w, sec, 1);
        break;
      case Std.ZeroSecond:
        w = put2(b, w, sec);
        break;
      case Std.PM:
        b[w++] = sod >= 12 * 3600 ? 80 : 65; // 'P' : 'A'
        b[w++] = 77; // 'M'
        break;
      case Std.pm:
        b[w++] = sod >= 12 * 3600 ? 112 : 97; // 'p' : 'a'
        b[w++] = 109; // 'm'
        break;
      case Std.TZ:
        if (name !== '') w = putString(b, w, name);
        else {
          const zone = Math.trunc(offset / 60);
          const z = zone < 0 ? -zone : zone;
          b[w++] = zone < 0 ? 45 : 43;
          w = putInt(b, w, Math.trunc(z / 60), 2);
          w = put2(b, w, z % 60);
        }
        break;
      case Std.FracSecond0:
      case Std.FracSecond9:
        w = putFraction(b, w, t.nsec, c.digits, c.sep.charCodeAt(0), std === Std.FracSecond9);
        break;
      default:
        w = putOffset(b, w, std, offset);
    }
  }
  return emit(w);
}
