// The @example blocks of the sized forms are Go's examples from
// $GOROOT/src/math/bits/example_test.go (Go 1.19), printing the same lines.
import { badUint, maxUint64 } from './check';
import { b64, HI, LO, u32 } from './halves';

/**
 * leadingZeros returns the number of leading zero bits in x; the result is UintSize (64) for x == 0.
 * Go's `uint` is 64 bits, so x is a bigint; it wraps modulo 2^64.
 *
 * @example
 * ```ts
 * import { leadingZeros } from '@gostd/math-bits';
 * console.log(`LeadingZeros(${(1n).toString(2).padStart(64, '0')}) = ${leadingZeros(1n)}`);
 * // Output:
 * // LeadingZeros(0000000000000000000000000000000000000000000000000000000000000001) = 63
 * ```
 */
export function leadingZeros(x: bigint): number {
  return leadingZeros64(x);
}

/**
 * leadingZeros8 returns the number of leading zero bits in x; the result is 8 for x == 0.
 * x wraps to a uint8 like Go's `uint8(x)`.
 *
 * @example
 * ```ts
 * import { leadingZeros8 } from '@gostd/math-bits';
 * console.log(`LeadingZeros8(${(1).toString(2).padStart(8, '0')}) = ${leadingZeros8(1)}`);
 * // Output:
 * // LeadingZeros8(00000001) = 7
 * ```
 */
export function leadingZeros8(x: number): number {
  if (typeof x !== 'number' || (x & 0xff) !== x) badUint('leadingZeros8', 'x', 8, x);
  return Math.clz32(x & 0xff) - 24;
}

/**
 * leadingZeros16 returns the number of leading zero bits in x; the result is 16 for x == 0.
 * x wraps to a uint16 like Go's `uint16(x)`.
 *
 * @example
 * ```ts
 * import { leadingZeros16 } from '@gostd/math-bits';
 * console.log(`LeadingZeros16(${(1).toString(2).padStart(16, '0')}) = ${leadingZeros16(1)}`);
 * // Output:
 * // LeadingZeros16(0000000000000001) = 15
 * ```
 */
export function leadingZeros16(x: number): number {
  if (typeof x !== 'number' || (x & 0xffff) !== x) badUint('leadingZeros16', 'x', 16, x);
  return Math.clz32(x & 0xffff) - 16;
}

/**
 * leadingZeros32 returns the number of leading zero bits in x; the result is 32 for x == 0.
 * x wraps to a uint32 like Go's `uint32(x)`.
 *
 * @example
 * ```ts
 * import { leadingZeros32 } from '@gostd/math-bits';
 * console.log(`LeadingZeros32(${(1).toString(2).padStart(32, '0')}) = ${leadingZeros32(1)}`);
 * // Output:
 * // LeadingZeros32(00000000000000000000000000000001) = 31
 * ```
 */
export function leadingZeros32(x: number): number {
  if (typeof x !== 'number' || x >>> 0 !== x) badUint('leadingZeros32', 'x', 32, x);
  return Math.clz32(x);
}

/**
 * leadingZeros64 returns the number of leading zero bits in x; the result is 64 for x == 0.
 * x wraps modulo 2^64.
 *
 * @example
 * ```ts
 * import { leadingZeros64 } from '@gostd/math-bits';
 * console.log(`LeadingZeros64(${(1n).toString(2).padStart(64, '0')}) = ${leadingZeros64(1n)}`);
 * // Output:
 * // LeadingZeros64(0000000000000000000000000000000000000000000000000000000000000001) = 63
 * ```
 */
export function leadingZeros64(x: bigint): number {
  if (typeof x !== 'bigint' || x < 0n || x > maxUint64) badUint('leadingZeros64', 'x', 64, x);
  b64[0] = x;
  const hi = u32[HI]!;
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(u32[LO]!);
}
