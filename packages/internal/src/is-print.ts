// Go's strconv.IsPrint over the table Go itself generated (print-ranges.ts), not the JavaScript engine's
// \p{...} classes: those follow the engine's Unicode version, which is newer than Go's (Unicode 15.1 and
// later assigned letters that Go 1.26, on Unicode 15.0, still escapes).
import { printRanges } from './print-ranges';

/** Starts and ends (exclusive) of the printable ranges, alternating; decoded on first use. */
let bounds: Uint32Array | undefined;

function decode(): Uint32Array {
  const parts = printRanges.split(',');
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

/**
 * isPrint reports whether the code point r is printable in Go's sense (strconv.IsPrint, unicode.IsPrint):
 * a letter, mark, number, punctuation, symbol or the ASCII space, in Go's Unicode tables.
 */
export function isPrint(r: number): boolean {
  if (r < 0x100) return (r >= 0x20 && r < 0x7f) || (r >= 0xa1 && r !== 0xad);
  bounds ??= decode();
  // The number of bounds <= r is odd exactly when r is inside a range.
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bounds[mid] ?? 0) <= r) lo = mid + 1;
    else hi = mid;
  }
  return (lo & 1) === 1;
}
