// Go's time.ParseDuration. The grammar is [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ with
// the units ns, us, µs (U+00B5), μs (U+03BC), ms, s, m, h, plus the bare "0".
// A fast path works in float64 numbers while every quantity stays below 2^53
// (so every step is exact and equals Go's uint64 arithmetic) and makes the
// bigint once, at the end; anything larger restarts on the bigint path, which
// follows Go's uint64 overflow rules.
import type { Duration } from './duration';
import { int53ToBigInt } from './int53';
import { quote } from './quote';

const safe = 9007199254740992; // 2^53
const two63 = 9223372036854775808n; // 2^63
const leadingIntLimit = 922337203685477580n; // Go: x > 1<<63/10 overflows
const fractionLimit = 922337203685477580n; // Go: x > (1<<63-1)/10 stops accumulating

function invalid(orig: string): Error {
  return new Error(`time: invalid duration ${quote(orig)}`);
}

function isDigitOrDot(c: number): boolean {
  return c === 46 || (c >= 48 && c <= 57);
}

/** The unit s[a:b] in nanoseconds, or 0 when it is not one of Go's units. */
function unitOf(s: string, a: number, b: number): number {
  const c0 = s.charCodeAt(a);
  if (b - a === 1) {
    if (c0 === 115) return 1e9; // s
    if (c0 === 109) return 60e9; // m
    if (c0 === 104) return 3600e9; // h
    return 0;
  }
  if (b - a !== 2 || s.charCodeAt(a + 1) !== 115) return 0;
  if (c0 === 110) return 1; // ns
  if (c0 === 117 || c0 === 0xb5 || c0 === 0x3bc) return 1e3; // us, µs, μs
  if (c0 === 109) return 1e6; // ms
  return 0;
}

/** The unit starting with the characters c, c1 when it is one of the common ones, or 0. */
function quickUnit(c: number, c1: number): number {
  if (c === 115) return 1e9; // s
  if (c === 104) return 3600e9; // h
  if (c === 109) return c1 === 115 ? 1e6 : 60e9; // ms, m
  if (c1 !== 115) return 0;
  if (c === 110) return 1; // ns
  return c === 117 || c === 0xb5 || c === 0x3bc ? 1e3 : 0; // us, µs, μs
}

/** Scans the unit that starts at i; returns its end, or throws Go's missing/unknown unit error. */
function unitEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && !isDigitOrDot(s.charCodeAt(j))) j++;
  if (j === i) throw new Error(`time: missing unit in duration ${quote(s)}`);
  return j;
}

function unknownUnit(s: string, a: number, b: number): Error {
  return new Error(`time: unknown unit ${quote(s.slice(a, b))} in duration ${quote(s)}`);
}

/**
 * parseDuration parses a duration string. A duration string is a possibly signed sequence of decimal
 * numbers, each with optional fraction and a unit suffix, such as "300ms", "-1.5h" or "2h45m". Valid time
 * units are "ns", "us" (or "µs"), "ms", "s", "m", "h". It throws an Error with Go's message, such as
 * `time: unknown unit "d" in duration "1d"`, for a malformed string or one outside the int64 range.
 *
 * @example
 * ```ts
 * import { Duration, parseDuration } from '@gostd/time';
 * const hours = parseDuration('10h');
 * const complex = parseDuration('1h10m10s');
 * const micro = parseDuration('1µs');
 * const micro2 = parseDuration('1us');
 * console.log(Duration.string(hours));
 * console.log(Duration.string(complex));
 * console.log(`There are ${Duration.seconds(complex).toFixed(0)} seconds in ${Duration.string(complex)}.`);
 * console.log(`There are ${Duration.nanoseconds(micro)} nanoseconds in ${Duration.string(micro)}.`);
 * console.log(`There are ${Duration.seconds(micro2).toExponential(2)} seconds in ${Duration.string(micro2)}.`);
 * try {
 *   parseDuration('1d');
 * } catch (e) {
 *   console.log((e as Error).message);
 * }
 * // Output:
 * // 10h0m0s
 * // 1h10m10s
 * // There are 4210 seconds in 1h10m10s.
 * // There are 1000 nanoseconds in 1µs.
 * // There are 1.00e-6 seconds in 1µs.
 * // time: unknown unit "d" in duration "1d"
 * ```
 */
export function parseDuration(s: string): Duration {
  if (typeof s !== 'string') throw new TypeError(`time: parseDuration of a ${typeof s}, not a string`);
  const n = s.length;
  let i = 0;
  let neg = false;
  // c is always s[i], or 0 past the end; 0 is neither a digit, a dot nor a unit letter.
  let c = n === 0 ? 0 : s.charCodeAt(0);
  if (c === 45 || c === 43) {
    neg = c === 45;
    c = n === 1 ? 0 : s.charCodeAt(1);
    i = 1;
  }
  if (c === 48 && i + 1 === n) return 0n;
  if (i === n) throw invalid(s);
  let d = 0;
  while (i < n) {
    // A component that starts with neither a digit nor a dot has no digits: invalid below, as in Go.
    const start = i;
    let v = 0;
    while (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      c = ++i < n ? s.charCodeAt(i) : 0;
    }
    // v is exact below 2^53; parseBig decides the rest, before the unit, as Go reports overflow first.
    if (v >= safe) return parseBig(s);
    let pre = i !== start;
    let f = 0;
    let scale = 1;
    if (c === 46) {
      c = ++i < n ? s.charCodeAt(i) : 0;
      const from = i;
      while (c >= 48 && c <= 57) {
        f = f * 10 + (c - 48);
        scale *= 10;
        c = ++i < n ? s.charCodeAt(i) : 0;
      }
      if (f >= safe) return parseBig(s); // f may not be exact (Go rounds the exact f to float64 once)
      pre = pre || i !== from;
    }
    if (!pre) throw invalid(s); // no digits, e.g. ".s"
    const from = i;
    // The common units are recognised in place; anything else goes through unitEnd and unitOf.
    let unit = quickUnit(c, i + 1 < n ? s.charCodeAt(i + 1) : 0);
    if (unit !== 0) i += unit === 1e6 || unit <= 1e3 ? 2 : 1;
    c = i < n ? s.charCodeAt(i) : 0;
    if (unit === 0 || !(i === n || isDigitOrDot(c))) {
      i = unitEnd(s, from);
      unit = unitOf(s, from, i);
      if (unit === 0) throw unknownUnit(s, from, i);
      c = i < n ? s.charCodeAt(i) : 0;
    }
    v *= unit; // exact while below 2^53; at or above it, parseBig decides
    if (v >= safe) return parseBig(s);
    // float64 is needed to be nanosecond accurate for fractions of hours, as in Go: the same operations.
    if (f > 0) v += Math.trunc(f * (unit / scale));
    d += v;
    if (d >= safe) return parseBig(s);
  }
  return int53ToBigInt(neg ? -d : d);
}

/** ParseDuration on Go's uint64 arithmetic, for inputs whose numbers may not fit in 2^53 (exported for tests). */
export function parseBig(s: string): Duration {
  const n = s.length;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i = 1;
  }
  if (n - i === 1 && s.charCodeAt(i) === 48) return 0n;
  if (i === n) throw invalid(s);
  let d = 0n;
  while (i < n) {
    if (!isDigitOrDot(s.charCodeAt(i))) throw invalid(s);
    const start = i;
    let v = 0n;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (v > leadingIntLimit) throw invalid(s);
      v = v * 10n + BigInt(c - 48);
      if (v > two63) throw invalid(s);
    }
    let pre = i > start;
    let f = 0n;
    let scale = 1;
    if (i < n && s.charCodeAt(i) === 46) {
      const from = ++i;
      let overflow = false;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 48 || c > 57) break;
        if (overflow) continue;
        if (f > fractionLimit) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(c - 48);
        if (y > two63) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      pre = pre || i > from;
    }
    if (!pre) throw invalid(s);
    const from = i;
    i = unitEnd(s, i);
    const unit = unitOf(s, from, i);
    if (unit === 0) throw unknownUnit(s, from, i);
    const bigUnit = BigInt(unit);
    if (v > two63 / bigUnit) throw invalid(s);
    v *= bigUnit;
    if (f > 0n) {
      // float64 is needed to be nanosecond accurate for fractions of hours, as in Go.
      v += BigInt(Math.trunc(Number(f) * (unit / scale)));
      if (v > two63) throw invalid(s);
    }
    d += v;
    if (d > two63) throw invalid(s);
  }
  if (neg) return -d;
  if (d > two63 - 1n) throw invalid(s);
  return d;
}
