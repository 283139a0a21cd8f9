// The @example blocks of the sized forms are Go's examples from
// $GOROOT/src/math/bits/example_test.go (Go 1.19), printing the same lines.
import { badUint, maxUint64 } from './check';
import { b64, HI, LO, u32 } from './halves';

/**
 * len returns the minimum number of bits required to represent x; the result is 0 for x == 0.
 * Go's `uint` is 64 bits, so x is a bigint; it wraps modulo 2^64.
 *
 * @example
 * ```ts
 * import { len } from '@gostd/math-bits';
 * console.log(`Len(${(8n).toString(2)}) = ${len(8n)}`);
 * console.log(`Len(2^64-1) = ${len(2n ** 64n - 1n)}`);
 * // Output:
 * // Len(1000) = 4
 * // Len(2^64-1) = 64
 * ```
 */
export function len(x: bigint): number {
  return len64(x);
}

/**
 * len8 returns the minimum number of bits required to represent x; the result is 0 for x == 0.
 * x wraps to a uint8 like Go's `uint8(x)`.
 *
 * @example
 * ```ts
 * import { len8 } from '@gostd/math-bits';
 * console.log(`Len8(${(8).toString(2).padStart(8, '0')}) = ${len8(8)}`);
 * // Output:
 * // Len8(00001000) = 4
 * ```
 */
export function len8(x: number): number {
  if (typeof x !== 'number' || (x & 0xff) !== x) badUint('len8', 'x', 8, x);
  return 32 - Math.clz32(x & 0xff);
}

/**
 * len16 returns the minimum number of bits required to represent x; the result is 0 for x == 0.
 * x wraps to a uint16 like Go's `uint16(x)`.
 *
 * @example
 * ```ts
 * import { len16 } from '@gostd/math-bits';
 * console.log(`Len16(${(8).toString(2).padStart(16, '0')}) = ${len16(8)}`);
 * // Output:
 * // Len16(0000000000001000) = 4
 * ```
 */
export function len16(x: number): number {
  if (typeof x !== 'number' || (x & 0xffff) !== x) badUint('len16', 'x', 16, x);
  return 32 - Math.clz32(x & 0xffff);
}

/**
 * len32 returns the minimum number of bits required to represent x; the result is 0 for x == 0.
 * x wraps to a uint32 like Go's `uint32(x)`.
 *
 * @example
 * ```ts
 * import { len32 } from '@gostd/math-bits';
 * console.log(`Len32(${(8).toString(2).padStart(32, '0')}) = ${len32(8)}`);
 * // Output:
 * // Len32(00000000000000000000000000001000) = 4
 * ```
 */
export function len32(x: number): number {
  if (typeof x !== 'number' || x >>> 0 !== x) badUint('len32', 'x', 32, x);
  return 32 - Math.clz32(x);
}

/**
 * len64 returns the minimum number of bits required to represent x; the result is 0 for x == 0.
 * x wraps modulo 2^64.
 *
 * @example
 * ```ts
 * import { len64 } from '@gostd/math-bits';
 * console.log(`Len64(${(8n).toString(2).padStart(64, '0')}) = ${len64(8n)}`);
 * // Output:
 * // Len64(0000000000000000000000000000000000000000000000000000000000001000) = 4
 * ```
 */
export function len64(x: bigint): number {
  if (typeof x !== 'bigint' || x < 0n || x > maxUint64) badUint('len64', 'x', 64, x);
  b64[0] = x;
  const hi = u32[HI]!;
  return hi !== 0 ? 64 - Math.clz32(hi) : 32 - Math.clz32(u32[LO]!);
}
