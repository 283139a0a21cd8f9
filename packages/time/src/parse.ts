// Parsing a time with a Go layout (time.Parse and time.ParseInLocation), with
// Go's ParseError and its messages. Go parses bytes; so does this: a value or
// layout with non-ASCII characters is first turned into its UTF-8 bytes (one
// char per byte), so that every slice, length and quoted error text is the
// one Go produces.

import { byteText } from './byte-text';
import {
  daysBefore,
  daysIn,
  isLeap,
  longDayNames,
  longMonthNames,
  shortDayNames,
  shortMonthNames,
} from './calendar';
import { badArg } from './check';
import { dateSec, normNsec } from './date';
import { parseRFC3339 } from './format-rfc3339';
import { chunks, Std } from './layout';
import { Time } from './time';
import { fixedZone, Local, Location, UTC, zName } from './zoneinfo';

const hex = '0123456789abcdef';

/** Go's quote for a byte string: bytes below ' ' or from 0x80 as \xNN, '"' and '\' escaped. */
export function quoteBytes(s: string): string {
  let out = '"';
  let run = 0; // start of the current run of bytes copied as they are
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80 && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(run, i);
    out += c === 0x22 || c === 0x5c ? `\\${s[i]}` : `\\x${hex[c >> 4]}${hex[c & 15]}`;
    run = i + 1;
  }
  return `${out}${s.slice(run)}"`;
}

/** s as a byte string: itself when ASCII, else one char per byte of its UTF-8 encoding. */
export function toBytes(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) return byteText(new TextEncoder().encode(s));
  }
  return s;
}

/** A byte string back to text (zone names taken from a value). */
function fromBytes(s: string): string {
  if (!/[\x80-\xff]/.test(s)) return s;
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));
}

/**
 * ParseError describes a problem parsing a time string. Its message is Go's: `parsing time "value" as
 * "layout": cannot parse "valueElem" as "layoutElem"`, or `parsing time "value"` followed by `detail`
 * (Go's `Message` field, renamed because `message` is the Error's full text). Values and layouts are
 * quoted as Go quotes them, byte by byte.
 *
 * @example
 * ```ts
 * import { parse, ParseError, RFC3339 } from '@gostd/time';
 * try {
 *   parse(RFC3339, '2006-01-02T15:04:05');
 * } catch (e) {
 *   const err = e as ParseError;
 *   console.log(err instanceof ParseError, err.layoutElem, JSON.stringify(err.valueElem));
 *   console.log(err.message);
 * }
 * // Output:
 * // true Z07:00 ""
 * // parsing time "2006-01-02T15:04:05" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"
 * ```
 */
export class ParseError extends Error {
  /**
   * new ParseError returns the error with Go's ParseError fields: the layout and value, the elements that
   * failed, and the detail message ("" for Go's "cannot parse ... as ..." form).
   */
  constructor(
    readonly layout: string,
    readonly value: string,
    readonly layoutElem: string,
    readonly valueElem: string,
    readonly detail: string,
  ) {
    const b = (s: string) => quoteBytes(toBytes(s));
    super(
      detail === ''
        ? `parsing time ${b(value)} as ${b(layout)}: cannot parse ${b(valueElem)} as ${b(layoutElem)}`
        : `parsing time ${b(value)}${detail}`,
    );
    this.name = 'ParseError';
  }
}

/** A ParseError from byte-string parts (the fields are given back as text). */
function fail(layout: string, value: string, layoutElem: string, valueElem: string, detail: string): never {
  throw new ParseError(
    fromBytes(layout),
    fromBytes(value),
    fromBytes(layoutElem),
    fromBytes(valueElem),
    detail,
  );
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

// The cursor of the value being parsed, and the number read by getnum and friends (-1: bad).
let v = '';
let num = 0;

/** One or two digits (exactly two when fixed); returns false on a bad value. */
function getnum(fixed: boolean): boolean {
  if (!isDigit(v, 0)) return false;
  if (!isDigit(v, 1)) {
    if (fixed) return false;
    num = v.charCodeAt(0) - 48;
    v = v.slice(1);
    return true;
  }
  num = (v.charCodeAt(0) - 48) * 10 + v.charCodeAt(1) - 48;
  v = v.slice(2);
  return true;
}

/** One to three digits (exactly three when fixed). */
function getnum3(fixed: boolean): boolean {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigit(v, i); i++) n = n * 10 + v.charCodeAt(i) - 48;
  if (i === 0 || (fixed && i !== 3)) return false;
  num = n;
  v = v.slice(i);
  return true;
}

/** Go's lookup: the index of the name in tab that v starts with, ignoring ASCII case; -1 if none. */
function lookup(tab: readonly string[]): number {
  for (let i = 0; i < tab.length; i++) {
    const name = tab[i] as string;
    if (v.length < name.length) continue;
    // Go's match: equal bytes, or ASCII letters equal but for case.
    let ok = true;
    for (let j = 0; j < name.length && ok; j++) {
      const a = v.charCodeAt(j);
      const b = name.charCodeAt(j);
      ok = a === b || ((a | 32) === (b | 32) && (a | 32) >= 97 && (a | 32) <= 122);
    }
    if (!ok) continue;
    v = v.slice(name.length);
    return i;
  }
  return -1;
}

/** Go's atoi on a whole string of at most 19 digits with an optional sign; null when not a number. */
function atoi(s: string): number | null {
  let i = 0;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    i = 1;
  }
  if (i === s.length) return 0;
  let x = 0n;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    x = x * 10n + BigInt(c - 48);
    if (x > 1n << 63n) return null;
  }
  return Number(neg ? -x : x);
}

/** Go's parseNanoseconds over v[0:n] (a separator then digits); null on a bad value, -1 out of range. */
function nanoseconds(s: string, n: number): number | null {
  const c = s.charCodeAt(0);
  if (c !== 46 && c !== 44) return null;
  if (n > 10) n = 10;
  const ns = atoi(s.slice(1, n));
  if (ns === null) return null;
  if (ns < 0) return -1;
  return ns * 10 ** (10 - n);
}

/** The length of a time zone abbreviation at the start of s, or 0 (Go's parseTimeZone). */
export function parseTimeZone(s: string): number {
  if (s.length < 3) return 0;
  if (s.startsWith('ChST') || s.startsWith('MeST')) return 4;
  if (s.startsWith('GMT')) return 3 + signedOffset(s.slice(3));
  if (s[0] === '+' || s[0] === '-') return signedOffset(s);
  let upper = 0;
  while (upper < 6 && upper < s.length) {
    const c = s.charCodeAt(upper);
    if (c < 65 || c > 90) break;
    upper++;
  }
  if (upper === 5 && s[4] === 'T') return 5;
  if (upper === 4 && (s[3] === 'T' || s.startsWith('WITA'))) return 4;
  if (upper === 3) return 3;
  return 0;
}

/** The length of a +h or -hh offset (hours up to 23) at the start of s, or 0. */
function signedOffset(s: string): number {
  if (s[0] !== '-' && s[0] !== '+') return 0;
  let i = 1;
  let x = 0;
  while (i < s.length && isDigit(s, i)) {
    x = x * 10 + s.charCodeAt(i) - 48;
    if (x > 1e18) return 0;
    i++;
  }
  if (i === 1 || x > 23) return 0;
  return i;
}

/** Skips the literal prefix in v (a space in prefix matches one or more spaces); false on mismatch. */
function skip(prefix: string): boolean {
  let p = 0;
  while (p < prefix.length) {
    if (prefix.charCodeAt(p) === 32) {
      if (v.length > 0 && v.charCodeAt(0) !== 32) return false;
      while (p < prefix.length && prefix.charCodeAt(p) === 32) p++;
      let i = 0;
      while (i < v.length && v.charCodeAt(i) === 32) i++;
      v = v.slice(i);
      continue;
    }
    if (v.length === 0 || v.charCodeAt(0) !== prefix.charCodeAt(p)) return false;
    p++;
    v = v.slice(1);
  }
  return true;
}

/** Go's parse: value against layout; defaultLoc for a value without a zone, local for zone lookups (the general path; exported for the fast paths' tests). */
export function parseWith(
  layoutText: string,
  valueText: string,
  defaultLoc: Location,
  local: Location,
): Time {
  const layout = toBytes(layoutText);
  const value = toBytes(valueText);
  v = value;
  let rangeErr = '';
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Location | null = null;
  let zoneOffset = -1;
  let zoneName = '';

  const cs = chunks(layout);
  for (let ci = 0; ; ci++) {
    const c = cs[ci] as (typeof cs)[number];
    if (!skip(c.prefix)) fail(layout, value, c.prefix, v, '');
    const std = c.std;
    if (std === Std.None) {
      if (v.length !== 0) fail(layout, value, '', v, `: extra text: ${quoteBytes(v)}`);
      break;
    }
    const hold = v;
    let ok = true;
    switch (std) {
      case Std.Year: {
        if (v.length < 2) {
          ok = false;
          break;
        }
        const y = atoi(v.slice(0, 2));
        v = v.slice(2);
        if (y === null) ok = false;
        else year = y >= 69 ? y + 1900 : y + 2000;
        break;
      }
      case Std.LongYear: {
        if (v.length < 4 || !isDigit(v, 0)) {
          ok = false;
          break;
        }
        const y = atoi(v.slice(0, 4));
        v = v.slice(4);
        if (y === null) ok = false;
        else year = y;
        break;
      }
      case Std.Month:
        month = lookup(shortMonthNames) + 1;
        ok = month > 0;
        break;
      case Std.LongMonth:
        month = lookup(longMonthNames) + 1;
        ok = month > 0;
        break;
      case Std.NumMonth:
      case Std.ZeroMonth:
        ok = getnum(std === Std.ZeroMonth);
        if (ok) {
          month = num;
          if (month <= 0 || month > 12) rangeErr = 'month';
        }
        break;
      case Std.WeekDay:
        ok = lookup(shortDayNames) >= 0;
        break;
      case Std.LongWeekDay:
        ok = lookup(longDayNames) >= 0;
        break;
      case Std.Day:
      case Std.UnderDay:
      case Std.ZeroDay:
        if (std === Std.UnderDay && v.charCodeAt(0) === 32) v = v.slice(1);
        ok = getnum(std === Std.ZeroDay);
        // Go keeps day even when the digits were bad (it is 0 then); the range check comes later.
        day = ok ? num : 0;
        break;
      case Std.UnderYearDay:
      case Std.ZeroYearDay:
        for (let i = 0; i < 2; i++) if (std === Std.UnderYearDay && v.charCodeAt(0) === 32) v = v.slice(1);
        ok = getnum3(std === Std.ZeroYearDay);
        yday = ok ? num : 0;
        break;
      case Std.Hour:
        ok = getnum(false);
        hour = ok ? num : 0;
        if (hour < 0 || hour >= 24) rangeErr = 'hour';
        break;
      case Std.Hour12:
      case Std.ZeroHour12:
        ok = getnum(std === Std.ZeroHour12);
        hour = ok ? num : 0;
        if (hour < 0 || hour > 12) rangeErr = 'hour';
        break;
      case Std.Minute:
      case Std.ZeroMinute:
        ok = getnum(std === Std.ZeroMinute);
        min = ok ? num : 0;
        if (min < 0 || min >= 60) rangeErr = 'minute';
        break;
      case Std.Second:
      case Std.ZeroSecond: {
        ok = getnum(std === Std.ZeroSecond);
        if (!ok) break;
        sec = num;
        if (sec < 0 || sec >= 60) {
          rangeErr = 'second';
          break;
        }
        // A fraction after the seconds is taken even when the layout has none, unless the layout's
        // next element is a fraction.
        const c0 = v.charCodeAt(0);
        if (v.length >= 2 && (c0 === 46 || c0 === 44) && isDigit(v, 1)) {
          const next = cs[ci + 1]?.std;
          if (next === Std.FracSecond0 || next === Std.FracSecond9) break;
          let n = 2;
          while (n < v.length && isDigit(v, n)) n++;
          const ns = nanoseconds(v, n);
          v = v.slice(n);
          if (ns === null) ok = false;
          else if (ns < 0) rangeErr = 'fractional second';
          else nsec = ns;
        }
        break;
      }
      case Std.PM:
      case Std.pm: {
        if (v.length < 2) {
          ok = false;
          break;
        }
        const p = v.slice(0, 2);
        v = v.slice(2);
        if (p === (std === Std.PM ? 'PM' : 'pm')) pmSet = true;
        else if (p === (std === Std.PM ? 'AM' : 'am')) amSet = true;
        else ok = false;
        break;
      }
      case Std.TZ: {
        if (v.startsWith('UTC')) {
          z = UTC;
          v = v.slice(3);
          break;
        }
        const n = parseTimeZone(v);
        if (n === 0) {
          ok = false;
          break;
        }
        zoneName = v.slice(0, n);
        v = v.slice(n);
        break;
      }
      case Std.FracSecond0: {
        const ndigit = 1 + c.digits;
        if (v.length < ndigit) {
          ok = false;
          break;
        }
        const ns = nanoseconds(v, ndigit);
        v = v.slice(ndigit);
        if (ns === null) ok = false;
        else if (ns < 0) rangeErr = 'fractional second';
        else nsec = ns;
        break;
      }
      case Std.FracSecond9: {
        const c0 = v.charCodeAt(0);
        if (v.length < 2 || (c0 !== 46 && c0 !== 44) || !isDigit(v, 1)) break;
        let i = 0;
        while (i + 1 < v.length && isDigit(v, i + 1)) i++;
        const ns = nanoseconds(v, 1 + i);
        v = v.slice(1 + i);
        if (ns === null) ok = false;
        else if (ns < 0) rangeErr = 'fractional second';
        else nsec = ns;
        break;
      }
      default: {
        // The numeric zones; the ISO 8601 ones also take Z for UTC.
        const iso = std >= Std.ISO8601TZ && std <= Std.ISO8601ColonSecondsTZ;
        if (iso && v.charCodeAt(0) === 90) {
          v = v.slice(1);
          z = UTC;
          break;
        }
        let sign: string;
        let hh: string;
        let mm = '00';
        let ss = '00';
        if (std === Std.ISO8601ColonTZ || std === Std.NumColonTZ) {
          if (v.length < 6 || v[3] !== ':') {
            ok = false;
            break;
          }
          [sign, hh, mm] = [v.slice(0, 1), v.slice(1, 3), v.slice(4, 6)];
          v = v.slice(6);
        } else if (std === Std.NumShortTZ || std === Std.ISO8601ShortTZ) {
          if (v.length < 3) {
            ok = false;
            break;
          }
          [sign, hh] = [v.slice(0, 1), v.slice(1, 3)];
          v = v.slice(3);
        } else if (std === Std.ISO8601ColonSecondsTZ || std === Std.NumColonSecondsTZ) {
          if (v.length < 9 || v[3] !== ':' || v[6] !== ':') {
            ok = false;
            break;
          }
          [sign, hh, mm, ss] = [v.slice(0, 1), v.slice(1, 3), v.slice(4, 6), v.slice(7, 9)];
          v = v.slice(9);
        } else if (std === Std.ISO8601SecondsTZ || std === Std.NumSecondsTz) {
          if (v.length < 7) {
            ok = false;
            break;
          }
          [sign, hh, mm, ss] = [v.slice(0, 1), v.slice(1, 3), v.slice(3, 5), v.slice(5, 7)];
          v = v.slice(7);
        } else {
          if (v.length < 5) {
            ok = false;
            break;
          }
          [sign, hh, mm] = [v.slice(0, 1), v.slice(1, 3), v.slice(3, 5)];
          v = v.slice(5);
        }
        const two = (s: string) => (isDigit(s, 0) && isDigit(s, 1) ? Number(s) : -1);
        const hr = two(hh);
        const mi = hr < 0 ? 0 : two(mm);
        const se = hr < 0 || mi < 0 ? 0 : two(ss);
        ok = hr >= 0 && mi >= 0 && se >= 0;
        if (hr > 24) rangeErr = 'time zone offset hour';
        if (mi > 60) rangeErr = 'time zone offset minute';
        if (se > 60) rangeErr = 'time zone offset second';
        zoneOffset =
          ((Math.max(hr, 0) * 60 + Math.max(mi, 0)) * 60 + Math.max(se, 0)) * (sign === '-' ? -1 : 1);
        if (sign !== '+' && sign !== '-') ok = false;
      }
    }
    if (rangeErr !== '') fail(layout, value, c.text, v, `: ${rangeErr} out of range`);
    if (!ok) fail(layout, value, c.text, hold, '');
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) fail(layout, value, '', v, ': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (daysBefore(m + 1) < yday) m++;
      d = yday - daysBefore(m);
    }
    if (month >= 0 && month !== m) fail(layout, value, '', v, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) fail(layout, value, '', v, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) fail(layout, value, '', v, ': day out of range');

  if (z !== null) return new Time(dateSec(year, month, day, hour, min, sec, nsec, z), normNsec, 0n, false, z);
  if (zoneOffset !== -1) {
    const s = dateSec(year, month, day, hour, min, sec, nsec, UTC) - BigInt(zoneOffset);
    const offset = local.lookup(Number(s) - 62135596800);
    if (offset === zoneOffset && (zoneName === '' || zName === zoneName)) {
      return new Time(s, normNsec, 0n, false, local);
    }
    return new Time(s, normNsec, 0n, false, fixedZone(zoneName, zoneOffset));
  }
  if (zoneName !== '') {
    let s = dateSec(year, month, day, hour, min, sec, nsec, UTC);
    const offset = local.lookupName(zoneName, Number(s) - 62135596800);
    if (offset !== null) {
      s -= BigInt(offset);
      return new Time(s, normNsec, 0n, false, local);
    }
    let off = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) off = (atoi(zoneName.slice(3)) ?? 0) * 3600;
    return new Time(s, normNsec, 0n, false, fixedZone(zoneName, off));
  }
  return new Time(
    dateSec(year, month, day, hour, min, sec, nsec, defaultLoc),
    normNsec,
    0n,
    false,
    defaultLoc,
  );
}

/**
 * parse parses a formatted string and returns the time value it represents. See the layout constants
 * for the layout language. Elements omitted from the layout are assumed to be zero or, when zero is
 * impossible, one. Without a time zone in the value, the time is UTC; with an offset that Local uses at
 * that time, the time is in Local, otherwise in a fixed zone of that offset; a zone abbreviation Local
 * knows gets Local's offset, an unknown one a fixed zone with offset 0 (or of GMT+h). It throws a
 * {@link ParseError} with Go's message.
 *
 * @example
 * ```ts
 * import { parse } from '@gostd/time';
 * const longForm = 'Jan 2, 2006 at 3:04pm (MST)';
 * console.log(parse(longForm, 'Feb 3, 2013 at 7:54pm (PST)').string());
 * const shortForm = '2006-Jan-02';
 * console.log(parse(shortForm, '2013-Feb-03').string());
 * console.log(parse('2006-01-02T15:04:05Z07:00', '2006-01-02T15:04:05+07:00').string());
 * try {
 *   parse('2006-01-02T15:04:05Z07:00', '2006-01-02T15:04:05Z07:00');
 * } catch (e) {
 *   console.log((e as Error).message);
 * }
 * // Output:
 * // 2013-02-03 19:54:00 +0000 PST
 * // 2013-02-03 00:00:00 +0000 UTC
 * // 2006-01-02 15:04:05 +0700 +0700
 * // parsing time "2006-01-02T15:04:05Z07:00": extra text: "07:00"
 * ```
 */
export function parse(layout: string, value: string): Time {
  if (typeof layout !== 'string') badArg('parse', 'layout', 'a string', layout);
  if (typeof value !== 'string') badArg('parse', 'value', 'a string', value);
  if (layout === '2006-01-02T15:04:05Z07:00' || layout === '2006-01-02T15:04:05.999999999Z07:00') {
    const t = parseRFC3339(value, Local);
    if (t !== null) return t;
  }
  return parseWith(layout, value, UTC, Local);
}

/**
 * parseInLocation is like Parse but differs in two important ways. First, in the absence of time zone
 * information, Parse interprets a time as UTC; ParseInLocation interprets the time as in the given
 * location. Second, when given a zone offset or abbreviation, Parse tries to match it against the Local
 * location; ParseInLocation uses the given location.
 *
 * @example
 * ```ts
 * import { loadLocation, parseInLocation } from '@gostd/time';
 * const loc = loadLocation('Europe/Berlin');
 * const longForm = 'Jan 2, 2006 at 3:04pm (MST)';
 * console.log(parseInLocation(longForm, 'Jul 9, 2012 at 5:02am (CEST)', loc).string());
 * const shortForm = '2006-Jan-02';
 * console.log(parseInLocation(shortForm, '2012-Jul-09', loc).string());
 * // Output:
 * // 2012-07-09 05:02:00 +0200 CEST
 * // 2012-07-09 00:00:00 +0200 CEST
 * ```
 */
export function parseInLocation(layout: string, value: string, loc: Location): Time {
  if (typeof layout !== 'string') badArg('parseInLocation', 'layout', 'a string', layout);
  if (typeof value !== 'string') badArg('parseInLocation', 'value', 'a string', value);
  if (!(loc instanceof Location)) badArg('parseInLocation', 'loc', 'a Location', loc);
  if (layout === '2006-01-02T15:04:05Z07:00' || layout === '2006-01-02T15:04:05.999999999Z07:00') {
    const t = parseRFC3339(value, loc);
    if (t !== null) return t;
  }
  return parseWith(layout, value, loc, loc);
}

/** Go's parseStrictRFC3339, behind UnmarshalJSON and UnmarshalText (as lenient as Go 1.26's). */
export function parseStrict(s: string): Time {
  return parseRFC3339(s, Local) ?? parseWith('2006-01-02T15:04:05Z07:00', s, UTC, Local);
}
