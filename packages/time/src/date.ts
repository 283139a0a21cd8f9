// Go's Date without the Time: the instant of a wall clock reading in a
// Location, after normalising out-of-range fields (month 13 is January of
// the next year, second -1 the last second of the previous minute, ...).
import { absoluteYears, dateToAbsDays, unixAbsDays } from './calendar';
import type { Location } from './zoneinfo';
import { alpha, omega, zEnd, zEndExact, zStart, zStartExact } from './zoneinfo';

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
 * The arguments are safe integers. Fields of everyday size take float64 arithmetic, exact for them; the
 * rest (a year beyond 10^8, a day beyond 10^12, ...) go to dateSecExact.
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
  if (
    !(
      Math.abs(year) < 1e8 &&
      Math.abs(month) < 1e9 &&
      Math.abs(day) < 1e12 &&
      Math.abs(hour) < 1e12 &&
      Math.abs(min) < 1e12 &&
      Math.abs(sec) < 1e12 &&
      Math.abs(nsec) < 1e15
    )
  ) {
    return dateSecExact([year, month, day, hour, min, sec, nsec].map(BigInt), loc);
  }
  // Every carry and sum below stays far from 2^53 for fields in those bounds.
  let m = norm(year, month - 1, 12);
  year = carry;
  m += 1;
  const ns = norm(sec, nsec, 1e9);
  sec = norm(min, carry, 60);
  min = norm(hour, carry, 60);
  hour = norm(day, carry, 24);
  day = carry;
  const days = dateToAbsDays(year, m, day) - unixAbsDays;
  if (!(days > -1e11 && days < 1e11)) {
    return dateSecExact([year, m, day, hour, min, sec, ns].map(BigInt), loc);
  }
  normNsec = ns;
  // days * 86400 stays below 2^53: float64 is exact.
  let unix = days * 86400 + hour * 3600 + min * 60 + sec;
  let offset = loc.lookup(unix);
  if (offset !== 0) {
    // Beyond the int32s of TZif data (fixedZone takes any int, as Go's), the sums below could round.
    if (!(offset > -(2 ** 32) && offset < 2 ** 32)) {
      return dateSecExact([year, m, day, hour, min, sec, ns].map(BigInt), loc);
    }
    const utc = unix - offset;
    if (utc < zStart || utc >= zEnd) offset = loc.lookup(utc);
    unix -= offset;
  }
  // unix + 62135596800 stays below 2^53 here: one conversion, no bigint addition.
  return BigInt(unix + 62135596800);
}

const max64 = (1n << 63n) - 1n;
const min64 = -(1n << 63n);
/** Go's absoluteYears, as a bigint. */
const absoluteYearsBig = BigInt(absoluteYears);
/** Unix seconds to absolute seconds: the days from the absolute epoch to 1970, in seconds. */
const unixToAbsoluteSec = BigInt(unixAbsDays) * 86400n;

/** Go's norm: hi + floor(lo / base), lo mod base (floored); exact on bigints. */
function normExact(hi: bigint, lo: bigint, base: bigint): [bigint, bigint] {
  let n = lo / base;
  if (lo - n * base < 0n) n -= 1n;
  return [hi + n, lo - n * base];
}

/**
 * Go's dateToAbsDays on its own integer types: the year goes through a uint64 (a year before the absolute
 * epoch wraps, as in Go) and the days of the centuries are a uint64 product that wraps before it is
 * divided; the result is the uint64 day number. month is 1..12.
 */
function absDaysExact(year: bigint, month: bigint, day: bigint): bigint {
  const janFeb = month < 3n ? 1n : 0n;
  const y = BigInt.asUintN(64, year - janFeb + absoluteYearsBig);
  const century = y / 100n;
  const cyear = y % 100n;
  // The day of the year from March 1: 153 * (amonth - 3) + 2) / 5, amonth in 3..14.
  const ayday = (153n * (month + 12n * janFeb - 3n) + 2n) / 5n;
  const centuryDays = BigInt.asUintN(64, 146097n * century) / 4n;
  return BigInt.asUintN(64, centuryDays + (1461n * cyear) / 4n + ayday + day - 1n);
}

/**
 * dateSec for fields of any size: what Go's Date computes in int64 and uint64 arithmetic, wrapping where
 * it wraps (the day number, its seconds, the zone offset, the internal seconds), so that dates far outside
 * Go's range give Go's (wrapped) instant.
 */
export function dateSecExact(fields: bigint[], loc: Location): bigint {
  const [y, mo, d, h, mi, se, ns] = fields as [bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  const [year, m] = normExact(y, mo - 1n, 12n);
  // Each step carries into the next larger field, as Go's norm calls do.
  const [secCarried, nsec] = normExact(se, ns, 1_000_000_000n);
  const [minCarried, sec] = normExact(mi, secCarried, 60n);
  const [hourCarried, min] = normExact(h, minCarried, 60n);
  const [day, hour] = normExact(d, hourCarried, 24n);
  normNsec = Number(nsec);
  const days = absDaysExact(year, m + 1n, day);
  let unix = BigInt.asIntN(64, days * 86400n + hour * 3600n + min * 60n + sec - unixToAbsoluteSec);
  let offset = loc.lookup(Number(unix), unix);
  if (offset !== 0) {
    const utc = BigInt.asIntN(64, unix - BigInt(offset));
    const start = zStartExact ?? (zStart === alpha ? min64 : zStart);
    const end = zEndExact ?? (zEnd === omega ? max64 : zEnd);
    if (utc < start || utc >= end) offset = loc.lookup(Number(utc), utc);
    unix = BigInt.asIntN(64, unix - BigInt(offset));
  }
  return BigInt.asIntN(64, unix + unixToInternal);
}
