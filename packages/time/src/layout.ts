// Go's layout language: a layout is literal text with elements of the
// reference time, Mon Jan 2 15:04:05 MST 2006, standing for the fields of a
// time ("2006" the year, "Jan" the month, "-07:00" the offset, ".000" a
// fraction). Layouts are cut into (literal prefix, element) chunks once and
// cached, since programs use a few layouts many times.

/** The layout elements, Go's std* values (without Go's flag bits). */
export enum Std {
  None = 0,
  LongMonth, // "January"
  Month, // "Jan"
  NumMonth, // "1"
  ZeroMonth, // "01"
  LongWeekDay, // "Monday"
  WeekDay, // "Mon"
  Day, // "2"
  UnderDay, // "_2"
  ZeroDay, // "02"
  UnderYearDay, // "__2"
  ZeroYearDay, // "002"
  Hour, // "15"
  Hour12, // "3"
  ZeroHour12, // "03"
  Minute, // "4"
  ZeroMinute, // "04"
  Second, // "5"
  ZeroSecond, // "05"
  LongYear, // "2006"
  Year, // "06"
  PM, // "PM"
  pm, // "pm"
  TZ, // "MST"
  ISO8601TZ, // "Z0700", Z for UTC
  ISO8601SecondsTZ, // "Z070000"
  ISO8601ShortTZ, // "Z07"
  ISO8601ColonTZ, // "Z07:00", Z for UTC
  ISO8601ColonSecondsTZ, // "Z07:00:00"
  NumTZ, // "-0700"
  NumSecondsTz, // "-070000"
  NumShortTZ, // "-07"
  NumColonTZ, // "-07:00"
  NumColonSecondsTZ, // "-07:00:00"
  FracSecond0, // ".0", ".00", ... trailing zeros included
  FracSecond9, // ".9", ".99", ... trailing zeros omitted
}

/** One chunk of a layout: literal text, then an element (Std.None at the end). */
export interface Chunk {
  prefix: string;
  std: Std;
  /** The element's own text in the layout ("2006", ".000"). */
  text: string;
  /** For fractions: the number of digits and the separator ('.' or ','). */
  digits: number;
  sep: string;
}

const std0x = [Std.ZeroMonth, Std.ZeroDay, Std.ZeroHour12, Std.ZeroMinute, Std.ZeroSecond, Std.Year];

function isLower(layout: string, i: number): boolean {
  const c = layout.charCodeAt(i);
  return c >= 97 && c <= 122;
}

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Where the element found by the last nextStd starts and ends, and a fraction's digits. */
export let stdStart = 0;
export let stdEnd = 0;
export let stdDigits = 0;

/**
 * Finds the first layout element at or after index from: returns it, with its bounds in stdStart and
 * stdEnd, or Std.None (stdStart = layout.length) when there is none. Go's nextStdChunk.
 */
export function nextStd(layout: string, from: number): Std {
  const n = layout.length;
  for (let i = from; i < n; i++) {
    const c = layout.charCodeAt(i);
    let std = Std.None;
    let len = 0;
    switch (c) {
      case 74: // 'J': January, Jan
        if (layout.startsWith('Jan', i)) {
          if (layout.startsWith('January', i)) [std, len] = [Std.LongMonth, 7];
          else if (!isLower(layout, i + 3)) [std, len] = [Std.Month, 3];
        }
        break;
      case 77: // 'M': Monday, Mon, MST
        if (layout.startsWith('Mon', i)) {
          if (layout.startsWith('Monday', i)) [std, len] = [Std.LongWeekDay, 6];
          else if (!isLower(layout, i + 3)) [std, len] = [Std.WeekDay, 3];
        }
        if (std === Std.None && layout.startsWith('MST', i)) [std, len] = [Std.TZ, 3];
        break;
      case 48: {
        // '0': 01, 02, 03, 04, 05, 06, 002
        const d = layout.charCodeAt(i + 1);
        if (d >= 49 && d <= 54) [std, len] = [std0x[d - 49] as Std, 2];
        else if (d === 48 && layout.charCodeAt(i + 2) === 50) [std, len] = [Std.ZeroYearDay, 3];
        break;
      }
      case 49: // '1': 15, 1
        if (layout.charCodeAt(i + 1) === 53) [std, len] = [Std.Hour, 2];
        else [std, len] = [Std.NumMonth, 1];
        break;
      case 50: // '2': 2006, 2
        if (layout.startsWith('2006', i)) [std, len] = [Std.LongYear, 4];
        else [std, len] = [Std.Day, 1];
        break;
      case 95: // '_': _2, _2006 (a literal _ and the year), __2
        if (layout.charCodeAt(i + 1) === 50) {
          if (layout.startsWith('2006', i + 1)) {
            stdStart = i + 1;
            stdEnd = i + 5;
            return Std.LongYear;
          }
          [std, len] = [Std.UnderDay, 2];
        } else if (layout.charCodeAt(i + 1) === 95 && layout.charCodeAt(i + 2) === 50) {
          [std, len] = [Std.UnderYearDay, 3];
        }
        break;
      case 51: // '3'
        [std, len] = [Std.Hour12, 1];
        break;
      case 52: // '4'
        [std, len] = [Std.Minute, 1];
        break;
      case 53: // '5'
        [std, len] = [Std.Second, 1];
        break;
      case 80: // 'P': PM
        if (layout.charCodeAt(i + 1) === 77) [std, len] = [Std.PM, 2];
        break;
      case 112: // 'p': pm
        if (layout.charCodeAt(i + 1) === 109) [std, len] = [Std.pm, 2];
        break;
      case 45: // '-': -070000, -07:00:00, -0700, -07:00, -07
        if (layout.startsWith('-070000', i)) [std, len] = [Std.NumSecondsTz, 7];
        else if (layout.startsWith('-07:00:00', i)) [std, len] = [Std.NumColonSecondsTZ, 9];
        else if (layout.startsWith('-0700', i)) [std, len] = [Std.NumTZ, 5];
        else if (layout.startsWith('-07:00', i)) [std, len] = [Std.NumColonTZ, 6];
        else if (layout.startsWith('-07', i)) [std, len] = [Std.NumShortTZ, 3];
        break;
      case 90: // 'Z': Z070000, Z07:00:00, Z0700, Z07:00, Z07
        if (layout.startsWith('Z070000', i)) [std, len] = [Std.ISO8601SecondsTZ, 7];
        else if (layout.startsWith('Z07:00:00', i)) [std, len] = [Std.ISO8601ColonSecondsTZ, 9];
        else if (layout.startsWith('Z0700', i)) [std, len] = [Std.ISO8601TZ, 5];
        else if (layout.startsWith('Z07:00', i)) [std, len] = [Std.ISO8601ColonTZ, 6];
        else if (layout.startsWith('Z07', i)) [std, len] = [Std.ISO8601ShortTZ, 3];
        break;
      case 46: // '.', ',': .000, .999, ,000, ,999 — a run of 0s or 9s not followed by a digit
      case 44: {
        const d = layout.charCodeAt(i + 1);
        if (d === 48 || d === 57) {
          let j = i + 1;
          while (j < n && layout.charCodeAt(j) === d) j++;
          if (!isDigitAt(layout, j)) {
            stdStart = i;
            stdEnd = j;
            stdDigits = j - (i + 1);
            return d === 48 ? Std.FracSecond0 : Std.FracSecond9;
          }
        }
        break;
      }
    }
    if (std !== Std.None) {
      stdStart = i;
      stdEnd = i + len;
      return std;
    }
  }
  stdStart = n;
  stdEnd = n;
  return Std.None;
}

const cache = new Map<string, Chunk[]>();
/**
 * The longest layout the cache keeps. A layout's chunks take about 20 times its length, and a layout may
 * be anyone's text: 512 cached layouts of 1 MB each would hold 10 GB.
 */
const maxCachedLayout = 256;

/** The chunks of layout, from the cache (which holds up to 512 layouts of up to 256 characters). */
export function chunks(layout: string): Chunk[] {
  let cs = cache.get(layout);
  if (cs !== undefined) return cs;
  cs = [];
  let at = 0;
  for (;;) {
    const std = nextStd(layout, at);
    cs.push({
      prefix: layout.slice(at, stdStart),
      std,
      text: layout.slice(stdStart, stdEnd),
      digits: stdDigits,
      sep: layout[stdStart] ?? '.',
    });
    if (std === Std.None) break;
    at = stdEnd;
  }
  if (layout.length > maxCachedLayout) return cs;
  if (cache.size >= 512) cache.clear();
  cache.set(layout, cs);
  return cs;
}
