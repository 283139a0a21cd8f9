// RFC 3339, the layout of JSON and text encodings: fast paths for formatting
// and parsing it (taken by format, parse and the marshalers), and the strict
// checks of Go's marshalers (a four-digit year, an offset below 24 hours).
import { absDate, daysIn, dDay, dMonth, dYear } from './calendar';
import { absDay, absSod, locAbs } from './calendar-time';
import { put2, putFraction, putInt } from './format';
import type { Instant } from './instant';
import { int53ToBigInt } from './int53';
import { emit, text } from './text';
import { Time } from './time';
import { fixedZone, type Location, UTC } from './zoneinfo';

const fromCharCode = String.fromCharCode;

/** t in RFC 3339 ("2006-01-02T15:04:05Z07:00"), with the fraction of RFC3339Nano when nanos. */
export function formatRFC3339(t: Instant, nanos: boolean): string {
  const offset = locAbs(t);
  const sod = absSod;
  absDate(absDay());
  const year = dYear;
  const min = (sod / 60) | 0;
  const hour = (min / 60) | 0;
  const m = min - hour * 60;
  const s = sod - min * 60;
  if (year >= 0 && year < 10000 && offset === 0 && (!nanos || t.nsec === 0)) {
    // The common case, "2006-01-02T15:04:05Z", as one call: no buffer. Every value is an int32 here, so
    // the digits cost a multiplication each (% of a float64 would call fmod).
    const y = (year / 100) | 0;
    const yy = year - y * 100;
    const mo = dMonth;
    const d = dDay;
    const y1 = (y / 10) | 0;
    const yy1 = (yy / 10) | 0;
    const mo1 = (mo / 10) | 0;
    const d1 = (d / 10) | 0;
    const h1 = (hour / 10) | 0;
    const m1 = (m / 10) | 0;
    const s1 = (s / 10) | 0;
    // biome-ignore format: the characters in order
    return fromCharCode(
      48 + y1, 48 + y - 10 * y1, 48 + yy1, 48 + yy - 10 * yy1, 45,
      48 + mo1, 48 + mo - 10 * mo1, 45, 48 + d1, 48 + d - 10 * d1, 84,
      48 + h1, 48 + hour - 10 * h1, 58, 48 + m1, 48 + m - 10 * m1, 58,
      48 + s1, 48 + s - 10 * s1, 90,
    );
  }
  const b = text; // at least 256 code units; this writes at most 44
  let w = putInt(b, 0, year, 4);
  b[w] = 45; // '-'
  put2(b, w + 1, dMonth);
  b[w + 3] = 45;
  put2(b, w + 4, dDay);
  b[w + 6] = 84; // 'T'
  put2(b, w + 7, hour);
  b[w + 9] = 58; // ':'
  put2(b, w + 10, m);
  b[w + 12] = 58;
  w = put2(b, w + 13, s);
  if (nanos) w = putFraction(b, w, t.nsec, 9, 46, true);
  if (offset === 0) {
    b[w] = 90; // 'Z'
    return emit(w + 1);
  }
  let zone = Math.trunc(offset / 60);
  b[w] = 43; // '+'
  if (zone < 0) {
    b[w] = 45;
    zone = -zone;
  }
  const zh = Math.trunc(zone / 60);
  w = putInt(b, w + 1, zh, 2);
  b[w] = 58;
  return emit(put2(b, w + 1, zone - zh * 60));
}

/**
 * RFC3339Nano with Go's marshaling limits: throws an Error `${prefix}year outside of range [0,9999]` or
 * `${prefix}timezone hour outside of range [0,23]`.
 */
export function formatStrictRFC3339(t: Instant, prefix: string): string {
  const s = formatRFC3339(t, true);
  if (s[4] !== '-') throw new Error(`${prefix}year outside of range [0,9999]`);
  if (s[s.length - 1] !== 'Z') {
    const c = s.charCodeAt(s.length - 6);
    if ((c >= 48 && c <= 57) || Number(s.slice(s.length - 5, s.length - 3)) >= 24) {
      throw new Error(`${prefix}timezone hour outside of range [0,23]`);
    }
  }
  return s;
}

/** The two digits at s[i] as a number, or -1 (the caller checks that s is long enough). */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b;
}

/** Days from March 1 of year -400 (the era the fast path counts from) to January 1, 1970. */
const unixEraDays = /*#__PURE__*/ eraDays(1970, 1, 1);

/**
 * Days from March 1 of year -400 to year-month-day, for a date in years 0 to 9999 (Go's dateToAbsDays
 * from a nearer epoch): int32 arithmetic throughout, whose divisions by constants V8 makes
 * multiplications.
 */
function eraDays(year: number, month: number, day: number): number {
  const janFeb = month < 3 ? 1 : 0;
  const y = year + 400 - janFeb;
  const doy = (((153 * (month + 12 * janFeb - 3) + 2) / 5) | 0) + day - 1;
  return 365 * y + (y >> 2) - ((y / 100) | 0) + ((y / 400) | 0) + doy;
}

/**
 * The fast path of Go's parseRFC3339: the Time of s when it is plain RFC 3339 (4-digit year, 'T', a
 * '.' fraction of any length, Z or ±hh:mm), else null (the general parser then decides).
 */
export function parseRFC3339(s: string, local: Location): Time | null {
  const unix = rfc3339Unix(s);
  if (Number.isNaN(unix)) return null; // not plain RFC 3339
  if (parsedAt < 0) return new Time(int53ToBigInt(unix + 62135596800), parsedNsec, 0n, false, UTC);
  return withOffset(s, parsedAt, unix, parsedNsec, local);
}

/** What rfc3339Unix read besides the seconds: the nanoseconds, and where the offset starts (-1 for Z). */
let parsedNsec = 0;
let parsedAt = -1;

/**
 * The Unix seconds of s's date and clock when s is plain RFC 3339, else NaN; sets parsedNsec and
 * parsedAt. Apart from parseRFC3339 so that V8, which does not inline this function, has the budget to
 * inline all of Time's constructors (Time, CalendarTime, Instant) where the Time is made: with one
 * function it inlined only the first (--trace-turbo-inlining), and parse cost 2.14x Go instead of 1.76x.
 */
function rfc3339Unix(s: string): number {
  const n = s.length;
  if (n < 20) return Number.NaN;
  const y1 = digits2(s, 0);
  const y2 = digits2(s, 2);
  const month = digits2(s, 5);
  const day = digits2(s, 8);
  const hour = digits2(s, 11);
  const min = digits2(s, 14);
  const sec = digits2(s, 17);
  if (
    (y1 | y2 | month | day | hour | min | sec) < 0 ||
    s.charCodeAt(4) !== 45 || // '-'
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // 'T'
    s.charCodeAt(13) !== 58 || // ':'
    s.charCodeAt(16) !== 58 ||
    month === 0 ||
    month > 12 ||
    hour > 23 ||
    min > 59 ||
    sec > 59
  ) {
    return Number.NaN;
  }
  const year = y1 * 100 + y2;
  if (day === 0 || day > daysIn(month, year)) return Number.NaN;
  let at = 19;
  let nsec = 0;
  if (n > 20 && s.charCodeAt(19) === 46 && (s.charCodeAt(20) - 48) >>> 0 <= 9) {
    // Go reads at most nine digits of the fraction and skips the rest.
    at = 20;
    let scale = 1e9;
    for (; at < n; at++) {
      const d = s.charCodeAt(at) - 48;
      if (d >>> 0 > 9) break;
      if (scale > 1) {
        scale /= 10;
        nsec += d * scale;
      }
    }
  }
  parsedNsec = nsec;
  parsedAt = at === n - 1 && s.charCodeAt(at) === 90 ? -1 : at;
  // Every field is in range, so no normalisation is needed: the Unix second is a sum, exact in float64.
  return (eraDays(year, month, day) - unixEraDays) * 86400 + hour * 3600 + min * 60 + sec;
}

/** The rest of parseRFC3339 after the fraction, at s[at]: a ±hh:mm offset (or null). */
function withOffset(s: string, at: number, unix: number, nsec: number, local: Location): Time | null {
  if (s.length - at !== 6) return null;
  const sign = s.charCodeAt(at);
  const hr = digits2(s, at + 1);
  const mm = digits2(s, at + 4);
  if ((sign !== 45 && sign !== 43) || s.charCodeAt(at + 3) !== 58 || hr < 0 || hr > 23 || mm < 0 || mm > 59) {
    return null;
  }
  const offset = (hr * 60 + mm) * 60 * (sign === 45 ? -1 : 1);
  const utc = unix - offset;
  const loc = local.lookup(utc) === offset ? local : fixedZone('', offset);
  return new Time(int53ToBigInt(utc + 62135596800), nsec, 0n, false, loc);
}
