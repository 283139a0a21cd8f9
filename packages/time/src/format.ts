// Formats a wall reading as Go's Time.String does for a UTC time:
// "2006-01-02 15:04:05.999999999 +0000 UTC". Like Go, it counts from an
// absolute epoch in year -292277022399 as a uint64, so the (absurd) times
// outside that range wrap exactly as Go's do.

/** Go's internalToAbsolute: seconds from the absolute zero year to January 1, year 1. */
const internalToAbsolute = 9223371966579724800n;
/** Days from January 1 of the absolute zero year to January 1, year 1 (730692556 400-year cycles). */
const absoluteDaysToYear1 = 730692556n * 146097n;
/** Days from January 1, year 1 to January 1, 1970. */
const year1To1970 = 719162;

function pad(v: number, width: number): string {
  return String(v).padStart(width, '0');
}

/** The proleptic Gregorian [year, month, day] of z days since 1970-01-01 (H. Hinnant's algorithm). */
function civil(z: number): [number, number, number] {
  z += 719468;
  let era = Math.floor(z / 146097);
  let doe = z - era * 146097;
  if (doe < 0) {
    era--;
    doe += 146097;
  } else if (doe >= 146097) {
    era++;
    doe -= 146097;
  }
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Go's appendInt(year, 4): a minus sign, then the digits zero-padded to 4. */
function formatYear(y: number): string {
  return y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
}

/** The fraction ".999999999" of Go's layouts: nsec with trailing zeros dropped, or nothing for 0. */
function formatNano(nsec: number): string {
  if (nsec === 0) return '';
  let s = pad(nsec, 9);
  let end = 9;
  while (s.charCodeAt(end - 1) === 48) end--;
  s = s.slice(0, end);
  return `.${s}`;
}

/** Formats the wall reading sec (seconds since January 1, year 1 UTC, an int64) and nsec as Go's String. */
export function formatWall(sec: bigint, nsec: number): string {
  const abs = BigInt.asUintN(64, sec + internalToAbsolute);
  const days = abs / 86400n;
  let rest = Number(abs - days * 86400n);
  const [y, m, d] = civil(Number(days - absoluteDaysToYear1) - year1To1970);
  const ss = rest % 60;
  rest = (rest - ss) / 60;
  const mm = rest % 60;
  const hh = (rest - mm) / 60;
  return `${formatYear(y)}-${pad(m, 2)}-${pad(d, 2)} ${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}${formatNano(nsec)} +0000 UTC`;
}

/** Formats a monotonic reading as Go's String appends it: " m=±<seconds>.<9 digits>". */
export function formatMono(mono: bigint): string {
  const neg = mono < 0n;
  const u = neg ? -mono : mono;
  return ` m=${neg ? '-' : '+'}${u / 1_000_000_000n}.${pad(Number(u % 1_000_000_000n), 9)}`;
}
