// The @example blocks of the 32- and 64-bit forms are Go's examples from
// $GOROOT/src/math/bits/example_math_test.go (Go 1.19), printing the same lines.
import { badUint, maxUint64 } from './check';
import { b64, HI, LO, u32 } from './halves';

const INV32 = 2.3283064365386963e-10; // 1 / TWO32 = 2^-32, exactly (a bundler keeps a division)

/**
 * The high 32 bits of the 64-bit product of uint32s a and b, given its low 32 bits lo. The double a * b is
 * within 2^11 of the exact product, so removing lo and scaling leaves the high word within 2^-20 of an
 * integer, and rounding recovers it exactly.
 */
function mulHi(a: number, b: number, lo: number): number {
  return Math.round((a * b - lo) * INV32);
}

/**
 * mul returns the full-width product of x and y: (hi, lo) = x * y
 * with the product bits' upper half returned in hi and the lower
 * half returned in lo.
 * Go's `uint` is 64 bits, so the operands are bigints; they wrap modulo 2^64.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { mul } from '@gostd/math-bits';
 * console.log(mul(2n ** 64n - 1n, 2n ** 64n - 1n));
 * // Output:
 * // [ 18446744073709551614n, 1n ]
 * ```
 */
export function mul(x: bigint, y: bigint): [hi: bigint, lo: bigint] {
  return mul64(x, y);
}

/**
 * mul32 returns the 64-bit product of x and y: (hi, lo) = x * y
 * with the product bits' upper half returned in hi and the lower
 * half returned in lo.
 * The operands wrap to uint32 like Go's `uint32(x)`.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { mul32 } from '@gostd/math-bits';
 * // First number is 0<<32 + 12
 * let n1 = [0, 12];
 * // Second number is 0<<32 + 12
 * let n2 = [0, 12];
 * // Multiply them together without producing overflow.
 * let [hi, lo] = mul32(n1[1]!, n2[1]!);
 * let nsum = [hi, lo];
 * console.log(`${n1[1]} * ${n2[1]} = [${nsum.join(' ')}]`);
 *
 * // First number is 0<<32 + 2147483648
 * n1 = [0, 0x80000000];
 * // Second number is 0<<32 + 2
 * n2 = [0, 2];
 * // Multiply them together producing overflow.
 * [hi, lo] = mul32(n1[1]!, n2[1]!);
 * nsum = [hi, lo];
 * console.log(`${n1[1]} * ${n2[1]} = [${nsum.join(' ')}]`);
 * // Output:
 * // 12 * 12 = [0 144]
 * // 2147483648 * 2 = [1 0]
 * ```
 */
export function mul32(x: number, y: number): [hi: number, lo: number] {
  if (typeof x !== 'number' || x >>> 0 !== x) badUint('mul32', 'x', 32, x);
  if (typeof y !== 'number' || y >>> 0 !== y) badUint('mul32', 'y', 32, y);
  x >>>= 0;
  y >>>= 0;
  const lo = Math.imul(x, y) >>> 0;
  return [mulHi(x, y, lo), lo];
}

/**
 * mul64 returns the 128-bit product of x and y: (hi, lo) = x * y
 * with the product bits' upper half returned in hi and the lower
 * half returned in lo.
 * The operands wrap modulo 2^64.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { mul64 } from '@gostd/math-bits';
 * // First number is 0<<64 + 12
 * let n1 = [0n, 12n];
 * // Second number is 0<<64 + 12
 * let n2 = [0n, 12n];
 * // Multiply them together without producing overflow.
 * let [hi, lo] = mul64(n1[1]!, n2[1]!);
 * let nsum = [hi, lo];
 * console.log(`${n1[1]} * ${n2[1]} = [${nsum.join(' ')}]`);
 *
 * // First number is 0<<64 + 9223372036854775808
 * n1 = [0n, 0x8000000000000000n];
 * // Second number is 0<<64 + 2
 * n2 = [0n, 2n];
 * // Multiply them together producing overflow.
 * [hi, lo] = mul64(n1[1]!, n2[1]!);
 * nsum = [hi, lo];
 * console.log(`${n1[1]} * ${n2[1]} = [${nsum.join(' ')}]`);
 * // Output:
 * // 12 * 12 = [0 144]
 * // 9223372036854775808 * 2 = [1 0]
 * ```
 */
export function mul64(x: bigint, y: bigint): [hi: bigint, lo: bigint] {
  if (typeof x !== 'bigint' || x < 0n || x > maxUint64) badUint('mul64', 'x', 64, x);
  if (typeof y !== 'bigint' || y < 0n || y > maxUint64) badUint('mul64', 'y', 64, y);
  b64[0] = x;
  const x0 = u32[LO]!;
  const x1 = u32[HI]!;
  b64[0] = y;
  const y0 = u32[LO]!;
  const y1 = u32[HI]!;
  // Four 32x32 -> 64-bit partial products, summed column by column with carries.
  const l00 = Math.imul(x0, y0) >>> 0;
  const l01 = Math.imul(x0, y1) >>> 0;
  const l10 = Math.imul(x1, y0) >>> 0;
  const l11 = Math.imul(x1, y1) >>> 0;
  let t = mulHi(x0, y0, l00) + l01 + l10;
  const r1 = t >>> 0;
  t = mulHi(x0, y1, l01) + mulHi(x1, y0, l10) + l11 + (t - r1) * INV32;
  const r2 = t >>> 0;
  u32[LO] = r2;
  u32[HI] = mulHi(x1, y1, l11) + (t - r2) * INV32;
  const hi = b64[0];
  u32[LO] = l00;
  u32[HI] = r1;
  return [hi, b64[0]];
}
