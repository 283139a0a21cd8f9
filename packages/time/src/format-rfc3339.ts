// RFC 3339, the layout of JSON and text encodings: fast paths for formatting
// and parsing it (taken by format, parse and the marshalers), and the strict
// checks of Go's marshalers (a four-digit year, an offset below 24 hours).
import { absDate, dateToAbsDays, daysIn, dDay, dMonth, dYear, unixAbsDays } from './calendar';
import { absDay, absSod, locAbs } from './calendar-time';
import { fraction, itoa, pad2 } from './format';
import type { Instant } from './instant';
import { Time } from './time';
import { fixedZone, type Location, UTC } from './zoneinfo';

/** t in RFC 3339 ("2006-01-02T15:04:05Z07:00"), with the fraction of RFC3339Nano when nanos. */
export function formatRFC3339(t: Instant, nanos: boolean): string {
  const offset = locAbs(t);
  const sod = absSod;
  absDate(absDay);
  let b = `${itoa(dYear, 4)}-${pad2(dMonth)}-${pad2(dDay)}T${pad2(Math.floor(sod / 3600))}:${pad2(Math.floor(sod / 60) % 60)}:${pad2(sod % 60)}`;
  if (nanos && t.nsec !== 0) b += fraction(t.nsec, 9, '.', true);
  if (offset === 0) return `${b}Z`;
  let zone = Math.trunc(offset / 60);
  let sign = '+';
  if (zone < 0) {
    sign = '-';
    zone = -zone;
  }
  return `${b}${sign}${pad2(Math.trunc(zone / 60))}:${pad2(zone % 60)}`;
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

/** The number s[from:to] if it is all digits and within [min, max]; else -1. */
function uint(s: string, from: number, to: number, min: number, max: number): number {
  let x = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    x = x * 10 + c;
  }
  return x < min || x > max ? -1 : x;
}

/**
 * The fast path of Go's parseRFC3339: the Time of s when it is plain RFC 3339 (4-digit year, 'T', a
 * '.' fraction of any length, Z or ±hh:mm), else null (the general parser then decides).
 */
export function parseRFC3339(s: string, local: Location): Time | null {
  if (s.length < 19) return null;
  const year = uint(s, 0, 4, 0, 9999);
  const month = uint(s, 5, 7, 1, 12);
  const day = month < 0 ? -1 : uint(s, 8, 10, 1, daysIn(month, year));
  const hour = uint(s, 11, 13, 0, 23);
  const min = uint(s, 14, 16, 0, 59);
  const sec = uint(s, 17, 19, 0, 59);
  if ((year | month | day | hour | min | sec) < 0) return null;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return null;
  let at = 19;
  let nsec = 0;
  if (s.length >= 21 && s[19] === '.' && uint(s, 20, 21, 0, 9) >= 0) {
    let n = 21;
    while (n < s.length && uint(s, n, n + 1, 0, 9) >= 0) n++;
    const digits = Math.min(n, 29) - 20; // Go reads at most nine digits
    nsec = uint(s, 20, 20 + Math.min(digits, 9), 0, 999999999) * 10 ** (9 - Math.min(digits, 9));
    at = n;
  }
  // Every field is in range, so no normalisation is needed: the Unix second is a sum, exact in float64.
  const unix = (dateToAbsDays(year, month, day) - unixAbsDays) * 86400 + hour * 3600 + min * 60 + sec;
  const rest = s.length - at;
  if (rest === 1 && s[at] === 'Z') return new Time(BigInt(unix + 62135596800), nsec, 0n, false, UTC);
  if (rest !== 6) return null;
  const hr = uint(s, at + 1, at + 3, 0, 23);
  const mm = uint(s, at + 4, at + 6, 0, 59);
  const sign = s[at];
  if (hr < 0 || mm < 0 || (sign !== '-' && sign !== '+') || s[at + 3] !== ':') return null;
  const offset = (hr * 60 + mm) * 60 * (sign === '-' ? -1 : 1);
  const utc = unix - offset;
  const loc = local.lookup(utc) === offset ? local : fixedZone('', offset);
  return new Time(BigInt(utc + 62135596800), nsec, 0n, false, loc);
}
