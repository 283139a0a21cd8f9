// The @example blocks of the sized forms are Go's examples from
// $GOROOT/src/math/bits/example_test.go (Go 1.19), printing the same lines.
import { badInt, badUint, maxUint64 } from './check';
import { b64, HI, LO, u32 } from './halves';

/**
 * rotateLeft returns the value of x rotated left by (k mod UintSize) bits.
 * To rotate x right by k bits, call RotateLeft(x, -k).
 * Go's `uint` is 64 bits, so x is a bigint; it wraps modulo 2^64. k is an integer number.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { rotateLeft } from '@gostd/math-bits';
 * console.log(rotateLeft(15n, 2).toString(2).padStart(64, '0'));
 * console.log(rotateLeft(15n, -2).toString(2).padStart(64, '0'));
 * // Output:
 * // 0000000000000000000000000000000000000000000000000000000000111100
 * // 1100000000000000000000000000000000000000000000000000000000000011
 * ```
 */
export function rotateLeft(x: bigint, k: number): bigint {
  return rotateLeft64(x, k);
}

/**
 * rotateLeft8 returns the value of x rotated left by (k mod 8) bits.
 * To rotate x right by k bits, call RotateLeft8(x, -k).
 * x wraps to a uint8 like Go's `uint8(x)`; k is an integer number.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { rotateLeft8 } from '@gostd/math-bits';
 * console.log((15).toString(2).padStart(8, '0'));
 * console.log(rotateLeft8(15, 2).toString(2).padStart(8, '0'));
 * console.log(rotateLeft8(15, -2).toString(2).padStart(8, '0'));
 * // Output:
 * // 00001111
 * // 00111100
 * // 11000011
 * ```
 */
export function rotateLeft8(x: number, k: number): number {
  if (typeof x !== 'number' || (x & 0xff) !== x) badUint('rotateLeft8', 'x', 8, x);
  if (typeof k !== 'number' || ((k | 0) !== k && !Number.isSafeInteger(k))) badInt('rotateLeft8', 'k', k);
  const s = k & 7;
  x &= 0xff;
  return ((x << s) | (x >>> (8 - s))) & 0xff;
}

/**
 * rotateLeft16 returns the value of x rotated left by (k mod 16) bits.
 * To rotate x right by k bits, call RotateLeft16(x, -k).
 * x wraps to a uint16 like Go's `uint16(x)`; k is an integer number.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { rotateLeft16 } from '@gostd/math-bits';
 * console.log((15).toString(2).padStart(16, '0'));
 * console.log(rotateLeft16(15, 2).toString(2).padStart(16, '0'));
 * console.log(rotateLeft16(15, -2).toString(2).padStart(16, '0'));
 * // Output:
 * // 0000000000001111
 * // 0000000000111100
 * // 1100000000000011
 * ```
 */
export function rotateLeft16(x: number, k: number): number {
  if (typeof x !== 'number' || (x & 0xffff) !== x) badUint('rotateLeft16', 'x', 16, x);
  if (typeof k !== 'number' || ((k | 0) !== k && !Number.isSafeInteger(k))) badInt('rotateLeft16', 'k', k);
  const s = k & 15;
  x &= 0xffff;
  return ((x << s) | (x >>> (16 - s))) & 0xffff;
}

/**
 * rotateLeft32 returns the value of x rotated left by (k mod 32) bits.
 * To rotate x right by k bits, call RotateLeft32(x, -k).
 * x wraps to a uint32 like Go's `uint32(x)`; k is an integer number.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { rotateLeft32 } from '@gostd/math-bits';
 * console.log((15).toString(2).padStart(32, '0'));
 * console.log(rotateLeft32(15, 2).toString(2).padStart(32, '0'));
 * console.log(rotateLeft32(15, -2).toString(2).padStart(32, '0'));
 * // Output:
 * // 00000000000000000000000000001111
 * // 00000000000000000000000000111100
 * // 11000000000000000000000000000011
 * ```
 */
export function rotateLeft32(x: number, k: number): number {
  if (typeof x !== 'number' || x >>> 0 !== x) badUint('rotateLeft32', 'x', 32, x);
  if (typeof k !== 'number' || ((k | 0) !== k && !Number.isSafeInteger(k))) badInt('rotateLeft32', 'k', k);
  // JS shift counts are taken mod 32, so a shift by (32 - 0) is a shift by 0: x | x.
  return ((x << k) | (x >>> -k)) >>> 0;
}

/**
 * rotateLeft64 returns the value of x rotated left by (k mod 64) bits.
 * To rotate x right by k bits, call RotateLeft64(x, -k).
 * x wraps modulo 2^64; k is an integer number.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { rotateLeft64 } from '@gostd/math-bits';
 * console.log((15n).toString(2).padStart(64, '0'));
 * console.log(rotateLeft64(15n, 2).toString(2).padStart(64, '0'));
 * console.log(rotateLeft64(15n, -2).toString(2).padStart(64, '0'));
 * // Output:
 * // 0000000000000000000000000000000000000000000000000000000000001111
 * // 0000000000000000000000000000000000000000000000000000000000111100
 * // 1100000000000000000000000000000000000000000000000000000000000011
 * ```
 */
export function rotateLeft64(x: bigint, k: number): bigint {
  if (typeof x !== 'bigint' || x < 0n || x > maxUint64) badUint('rotateLeft64', 'x', 64, x);
  if (typeof k !== 'number' || ((k | 0) !== k && !Number.isSafeInteger(k))) badInt('rotateLeft64', 'k', k);
  b64[0] = x;
  let lo = u32[LO]!;
  let hi = u32[HI]!;
  if (k & 32) {
    const t = lo;
    lo = hi;
    hi = t;
  }
  const s = k & 31;
  if (s !== 0) {
    const h = (hi << s) | (lo >>> (32 - s));
    lo = (lo << s) | (hi >>> (32 - s));
    hi = h;
  }
  u32[HI] = hi;
  u32[LO] = lo;
  return b64[0];
}
