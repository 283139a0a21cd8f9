// The @example blocks of the sized forms are Go's examples from
// $GOROOT/src/math/bits/example_test.go (Go 1.19), printing the same lines.
import { badUint, maxUint64 } from './check';
import { b64, HI, LO, u32 } from './halves';

/** The bits of a 32-bit word in reversed order, as an int32 (swap adjacent bits, pairs, nibbles, bytes, halves). */
function rev32(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return (x >>> 16) | (x << 16);
}

/**
 * reverse returns the value of x with its bits in reversed order.
 * Go's `uint` is 64 bits, so x is a bigint; it wraps modulo 2^64.
 *
 * @example
 * ```ts
 * import { reverse } from '@gostd/math-bits';
 * console.log(reverse(19n).toString(2).padStart(64, '0'));
 * // Output:
 * // 1100100000000000000000000000000000000000000000000000000000000000
 * ```
 */
export function reverse(x: bigint): bigint {
  return reverse64(x);
}

/**
 * reverse8 returns the value of x with its bits in reversed order.
 * x wraps to a uint8 like Go's `uint8(x)`.
 *
 * @example
 * ```ts
 * import { reverse8 } from '@gostd/math-bits';
 * console.log((19).toString(2).padStart(8, '0'));
 * console.log(reverse8(19).toString(2).padStart(8, '0'));
 * // Output:
 * // 00010011
 * // 11001000
 * ```
 */
export function reverse8(x: number): number {
  if (typeof x !== 'number' || (x & 0xff) !== x) badUint('reverse8', 'x', 8, x);
  return rev32(x) >>> 24;
}

/**
 * reverse16 returns the value of x with its bits in reversed order.
 * x wraps to a uint16 like Go's `uint16(x)`.
 *
 * @example
 * ```ts
 * import { reverse16 } from '@gostd/math-bits';
 * console.log((19).toString(2).padStart(16, '0'));
 * console.log(reverse16(19).toString(2).padStart(16, '0'));
 * // Output:
 * // 0000000000010011
 * // 1100100000000000
 * ```
 */
export function reverse16(x: number): number {
  if (typeof x !== 'number' || (x & 0xffff) !== x) badUint('reverse16', 'x', 16, x);
  return rev32(x) >>> 16;
}

/**
 * reverse32 returns the value of x with its bits in reversed order.
 * x wraps to a uint32 like Go's `uint32(x)`.
 *
 * @example
 * ```ts
 * import { reverse32 } from '@gostd/math-bits';
 * console.log((19).toString(2).padStart(32, '0'));
 * console.log(reverse32(19).toString(2).padStart(32, '0'));
 * // Output:
 * // 00000000000000000000000000010011
 * // 11001000000000000000000000000000
 * ```
 */
export function reverse32(x: number): number {
  if (typeof x !== 'number' || x >>> 0 !== x) badUint('reverse32', 'x', 32, x);
  return rev32(x) >>> 0;
}

/**
 * reverse64 returns the value of x with its bits in reversed order.
 * x wraps modulo 2^64.
 *
 * @example
 * ```ts
 * import { reverse64 } from '@gostd/math-bits';
 * console.log((19n).toString(2).padStart(64, '0'));
 * console.log(reverse64(19n).toString(2).padStart(64, '0'));
 * // Output:
 * // 0000000000000000000000000000000000000000000000000000000000010011
 * // 1100100000000000000000000000000000000000000000000000000000000000
 * ```
 */
export function reverse64(x: bigint): bigint {
  if (typeof x !== 'bigint' || x < 0n || x > maxUint64) badUint('reverse64', 'x', 64, x);
  b64[0] = x;
  const lo = u32[LO]!;
  u32[LO] = rev32(u32[HI]!);
  u32[HI] = rev32(lo);
  return b64[0];
}
