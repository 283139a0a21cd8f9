// The @example blocks of the sized forms are Go's examples from
// $GOROOT/src/math/bits/example_test.go (Go 1.19), printing the same lines.
import { badUint, maxUint64 } from './check';
import { b64, HI, LO, u32 } from './halves';

/**
 * trailingZeros returns the number of trailing zero bits in x; the result is UintSize (64) for x == 0.
 * Go's `uint` is 64 bits, so x is a bigint; it wraps modulo 2^64.
 *
 * @example
 * ```ts
 * import { trailingZeros } from '@gostd/math-bits';
 * console.log(`TrailingZeros(${(14n).toString(2)}) = ${trailingZeros(14n)}`);
 * console.log(`TrailingZeros(0) = ${trailingZeros(0n)}`);
 * // Output:
 * // TrailingZeros(1110) = 1
 * // TrailingZeros(0) = 64
 * ```
 */
export function trailingZeros(x: bigint): number {
  return trailingZeros64(x);
}

/**
 * trailingZeros8 returns the number of trailing zero bits in x; the result is 8 for x == 0.
 * x wraps to a uint8 like Go's `uint8(x)`.
 *
 * @example
 * ```ts
 * import { trailingZeros8 } from '@gostd/math-bits';
 * console.log(`TrailingZeros8(${(14).toString(2).padStart(8, '0')}) = ${trailingZeros8(14)}`);
 * // Output:
 * // TrailingZeros8(00001110) = 1
 * ```
 */
export function trailingZeros8(x: number): number {
  if (typeof x !== 'number' || (x & 0xff) !== x) badUint('trailingZeros8', 'x', 8, x);
  x = (x & 0xff) | 0x100;
  return 32 - Math.clz32(~x & (x - 1));
}

/**
 * trailingZeros16 returns the number of trailing zero bits in x; the result is 16 for x == 0.
 * x wraps to a uint16 like Go's `uint16(x)`.
 *
 * @example
 * ```ts
 * import { trailingZeros16 } from '@gostd/math-bits';
 * console.log(`TrailingZeros16(${(14).toString(2).padStart(16, '0')}) = ${trailingZeros16(14)}`);
 * // Output:
 * // TrailingZeros16(0000000000001110) = 1
 * ```
 */
export function trailingZeros16(x: number): number {
  if (typeof x !== 'number' || (x & 0xffff) !== x) badUint('trailingZeros16', 'x', 16, x);
  x = (x & 0xffff) | 0x10000;
  return 32 - Math.clz32(~x & (x - 1));
}

/**
 * trailingZeros32 returns the number of trailing zero bits in x; the result is 32 for x == 0.
 * x wraps to a uint32 like Go's `uint32(x)`.
 *
 * @example
 * ```ts
 * import { trailingZeros32 } from '@gostd/math-bits';
 * console.log(`TrailingZeros32(${(14).toString(2).padStart(32, '0')}) = ${trailingZeros32(14)}`);
 * // Output:
 * // TrailingZeros32(00000000000000000000000000001110) = 1
 * ```
 */
export function trailingZeros32(x: number): number {
  if (typeof x !== 'number' || x >>> 0 !== x) badUint('trailingZeros32', 'x', 32, x);
  // ~x & (x - 1) keeps exactly the trailing zeros as ones (all 32 for x == 0).
  x |= 0;
  return 32 - Math.clz32(~x & (x - 1));
}

/**
 * trailingZeros64 returns the number of trailing zero bits in x; the result is 64 for x == 0.
 * x wraps modulo 2^64.
 *
 * @example
 * ```ts
 * import { trailingZeros64 } from '@gostd/math-bits';
 * console.log(`TrailingZeros64(${(14n).toString(2).padStart(64, '0')}) = ${trailingZeros64(14n)}`);
 * // Output:
 * // TrailingZeros64(0000000000000000000000000000000000000000000000000000000000001110) = 1
 * ```
 */
export function trailingZeros64(x: bigint): number {
  if (typeof x !== 'bigint' || x < 0n || x > maxUint64) badUint('trailingZeros64', 'x', 64, x);
  b64[0] = x;
  let w = u32[LO]! | 0;
  if (w !== 0) return 32 - Math.clz32(~w & (w - 1));
  w = u32[HI]! | 0;
  return 64 - Math.clz32(~w & (w - 1));
}
