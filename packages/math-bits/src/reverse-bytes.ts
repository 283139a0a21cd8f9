// The @example blocks of the sized forms are Go's examples from
// $GOROOT/src/math/bits/example_test.go (Go 1.19), printing the same lines.
import { badUint, maxUint64 } from './check';
import { b64, HI, LO, u32 } from './halves';

/** The bytes of a 32-bit word in reversed order, as an int32. */
function bswap32(x: number): number {
  return (x >>> 24) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24);
}

/**
 * reverseBytes returns the value of x with its bytes in reversed order.
 * Go's `uint` is 64 bits, so x is a bigint; it wraps modulo 2^64.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { reverseBytes } from '@gostd/math-bits';
 * console.log(reverseBytes(0x0123456789abcdefn).toString(16));
 * // Output:
 * // efcdab8967452301
 * ```
 */
export function reverseBytes(x: bigint): bigint {
  return reverseBytes64(x);
}

/**
 * reverseBytes16 returns the value of x with its bytes in reversed order.
 * x wraps to a uint16 like Go's `uint16(x)`.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { reverseBytes16 } from '@gostd/math-bits';
 * console.log((15).toString(2).padStart(16, '0'));
 * console.log(reverseBytes16(15).toString(2).padStart(16, '0'));
 * // Output:
 * // 0000000000001111
 * // 0000111100000000
 * ```
 */
export function reverseBytes16(x: number): number {
  if (typeof x !== 'number' || (x & 0xffff) !== x) badUint('reverseBytes16', 'x', 16, x);
  return ((x >>> 8) & 0xff) | ((x & 0xff) << 8);
}

/**
 * reverseBytes32 returns the value of x with its bytes in reversed order.
 * x wraps to a uint32 like Go's `uint32(x)`.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { reverseBytes32 } from '@gostd/math-bits';
 * console.log((15).toString(2).padStart(32, '0'));
 * console.log(reverseBytes32(15).toString(2).padStart(32, '0'));
 * // Output:
 * // 00000000000000000000000000001111
 * // 00001111000000000000000000000000
 * ```
 */
export function reverseBytes32(x: number): number {
  if (typeof x !== 'number' || x >>> 0 !== x) badUint('reverseBytes32', 'x', 32, x);
  return bswap32(x) >>> 0;
}

/**
 * reverseBytes64 returns the value of x with its bytes in reversed order.
 * x wraps modulo 2^64.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { reverseBytes64 } from '@gostd/math-bits';
 * console.log((15n).toString(2).padStart(64, '0'));
 * console.log(reverseBytes64(15n).toString(2).padStart(64, '0'));
 * // Output:
 * // 0000000000000000000000000000000000000000000000000000000000001111
 * // 0000111100000000000000000000000000000000000000000000000000000000
 * ```
 */
export function reverseBytes64(x: bigint): bigint {
  if (typeof x !== 'bigint' || x < 0n || x > maxUint64) badUint('reverseBytes64', 'x', 64, x);
  b64[0] = x;
  const lo = u32[LO]!;
  u32[LO] = bswap32(u32[HI]!);
  u32[HI] = bswap32(lo);
  return b64[0];
}
