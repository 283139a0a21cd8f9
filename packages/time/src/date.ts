// Go's Date without the Time: the instant of a wall clock reading in a
// Location, after normalising out-of-range fields (month 13 is January of
// the next year, second -1 the last second of the previous minute, ...).
import { dateToAbsDays, unixAbsDays } from './calendar';
import type { Location } from './zoneinfo';
import { zEnd, zStart } from './zoneinfo';

/** The nanoseconds (0..999999999) of the last dateSec call. */
export let normNsec = 0;

const unixToInternal = 62135596800n;

/** hi, lo = hi + floor(lo / base), lo mod base (floored): Go's norm. Returns lo; hi is in carry. */
let carry = 0;
function norm(hi: number, lo: number, base: number): number {
  const n = Math.floor(lo / base);
  carry = hi + n;
  return lo - n * base;
}

/**
 * The wall seconds since January 1, year 1 UTC (Time's representation) of year-month-day
 * hour:min:sec.nsec in loc, as Go's Date computes them; leaves the normalised nanoseconds in normNsec.
 * The arguments are safe integers.
 */
export function dateSec(
  year: number,
  month: number,
  day: number,
  hour: number,
  min: number,
  sec: number,
  nsec: number,
  loc: Location,
): bigint {
  let m = norm(year, month - 1, 12);
  year = carry;
  m += 1;
  normNsec = norm(sec, nsec, 1e9);
  sec = norm(min, carry, 60);
  min = norm(hour, carry, 60);
  hour = norm(day, carry, 24);
  day = carry;
  const days = dateToAbsDays(year, m, day) - unixAbsDays;
  const clock = hour * 3600 + min * 60 + sec;
  if (days > -1e11 && days < 1e11) {
    // days * 86400 stays below 2^53: float64 is exact.
    let unix = days * 86400 + clock;
    let offset = loc.lookup(unix);
    if (offset !== 0) {
      const utc = unix - offset;
      if (utc < zStart || utc >= zEnd) offset = loc.lookup(utc);
      unix -= offset;
    }
    // unix + 62135596800 stays below 2^53 here: one conversion, no bigint addition.
    return BigInt(unix + 62135596800);
  }
  let unix = BigInt(days) * 86400n + BigInt(clock);
  let offset = loc.lookup(Number(unix));
  if (offset !== 0) {
    const utc = Number(unix) - offset;
    if (utc < zStart || utc >= zEnd) offset = loc.lookup(utc);
    unix -= BigInt(offset);
  }
  return BigInt.asIntN(64, unix + unixToInternal);
}
