// The @example blocks of the sized forms are Go's examples from
// $GOROOT/src/math/bits/example_test.go (Go 1.19), printing the same lines.
import { badUint, maxUint64 } from './check';
import { b64, HI, LO, u32 } from './halves';

/** The population count of a 32-bit word (SWAR: 2-, 4-, then 8-bit sums, bytes added by a multiply). */
function pop32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * onesCount returns the number of one bits ("population count") in x.
 * Go's `uint` is 64 bits, so x is a bigint; it wraps modulo 2^64.
 *
 * @example
 * ```ts
 * import { onesCount } from '@gostd/math-bits';
 * console.log(`OnesCount(${(14n).toString(2)}) = ${onesCount(14n)}`);
 * // Output:
 * // OnesCount(1110) = 3
 * ```
 */
export function onesCount(x: bigint): number {
  return onesCount64(x);
}

/**
 * onesCount8 returns the number of one bits ("population count") in x.
 * x wraps to a uint8 like Go's `uint8(x)`.
 *
 * @example
 * ```ts
 * import { onesCount8 } from '@gostd/math-bits';
 * console.log(`OnesCount8(${(14).toString(2).padStart(8, '0')}) = ${onesCount8(14)}`);
 * // Output:
 * // OnesCount8(00001110) = 3
 * ```
 */
export function onesCount8(x: number): number {
  if (typeof x !== 'number' || (x & 0xff) !== x) badUint('onesCount8', 'x', 8, x);
  return pop32(x & 0xff);
}

/**
 * onesCount16 returns the number of one bits ("population count") in x.
 * x wraps to a uint16 like Go's `uint16(x)`.
 *
 * @example
 * ```ts
 * import { onesCount16 } from '@gostd/math-bits';
 * console.log(`OnesCount16(${(14).toString(2).padStart(16, '0')}) = ${onesCount16(14)}`);
 * // Output:
 * // OnesCount16(0000000000001110) = 3
 * ```
 */
export function onesCount16(x: number): number {
  if (typeof x !== 'number' || (x & 0xffff) !== x) badUint('onesCount16', 'x', 16, x);
  return pop32(x & 0xffff);
}

/**
 * onesCount32 returns the number of one bits ("population count") in x.
 * x wraps to a uint32 like Go's `uint32(x)`.
 *
 * @example
 * ```ts
 * import { onesCount32 } from '@gostd/math-bits';
 * console.log(`OnesCount32(${(14).toString(2).padStart(32, '0')}) = ${onesCount32(14)}`);
 * // Output:
 * // OnesCount32(00000000000000000000000000001110) = 3
 * ```
 */
export function onesCount32(x: number): number {
  if (typeof x !== 'number' || x >>> 0 !== x) badUint('onesCount32', 'x', 32, x);
  return pop32(x | 0);
}

/**
 * onesCount64 returns the number of one bits ("population count") in x.
 * x wraps modulo 2^64.
 *
 * @example
 * ```ts
 * import { onesCount64 } from '@gostd/math-bits';
 * console.log(`OnesCount64(${(14n).toString(2).padStart(64, '0')}) = ${onesCount64(14n)}`);
 * // Output:
 * // OnesCount64(0000000000000000000000000000000000000000000000000000000000001110) = 3
 * ```
 */
export function onesCount64(x: bigint): number {
  if (typeof x !== 'bigint' || x < 0n || x > maxUint64) badUint('onesCount64', 'x', 64, x);
  b64[0] = x;
  return pop32(u32[LO]!) + pop32(u32[HI]!);
}
