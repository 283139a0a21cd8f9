// Go's strconv.IsPrint. The JavaScript engine's \p{...} classes answer for the code points both know; the
// engine's Unicode is newer than Go's (Node 20.20 knows Unicode 17, Go 1.26 Unicode 15.0), so the code
// points assigned since, which Go's Quote still escapes, are listed in newer-unicode.ts and excluded.
import { newerRanges } from './newer-unicode';

const printable = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** Starts and ends (exclusive) of the excluded ranges, alternating; decoded on first use. */
let newer: Uint32Array | undefined;

/** The ranges of a "gap.length,gap.length" list (base 36), as alternating starts and exclusive ends. */
export function decodeRanges(list: string): Uint32Array {
  const parts = list.split(',');
  const out = new Uint32Array(parts.length * 2);
  let end = 0;
  for (let i = 0; i < parts.length; i++) {
    const [gap = '', len = ''] = (parts[i] ?? '').split('.');
    const lo = end + Number.parseInt(gap, 36);
    end = lo + Number.parseInt(len, 36);
    out[2 * i] = lo;
    out[2 * i + 1] = end;
  }
  return out;
}

/** Whether r is inside one of the ranges (alternating starts and exclusive ends). */
function inRanges(bounds: Uint32Array, r: number): boolean {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bounds[mid] ?? 0) <= r) lo = mid + 1;
    else hi = mid;
  }
  return (lo & 1) === 1; // an odd number of bounds <= r: inside a range
}

/**
 * isPrint reports whether the code point r is printable in Go's sense (strconv.IsPrint, unicode.IsPrint):
 * a letter, mark, number, punctuation, symbol or the ASCII space, by Go's Unicode tables.
 */
export function isPrint(r: number): boolean {
  if (r < 0x100) return (r >= 0x20 && r < 0x7f) || (r >= 0xa1 && r !== 0xad);
  if ((r >= 0xd800 && r <= 0xdfff) || r > 0x10ffff) return false;
  if (!printable.test(String.fromCodePoint(r))) return false;
  newer ??= decodeRanges(newerRanges);
  return !inRanges(newer, r);
}
