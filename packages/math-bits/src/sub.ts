// The @example blocks of the 32- and 64-bit forms are Go's examples from
// $GOROOT/src/math/bits/example_math_test.go (Go 1.19), printing the same lines.
import { badUint, maxUint64 } from './check';
import { b64, HI, LO, TWO32, u32 } from './halves';

/**
 * sub returns the difference of x, y and borrow: diff = x - y - borrow.
 * The borrow input must be 0 or 1; otherwise the behavior is undefined.
 * The borrowOut output is guaranteed to be 0 or 1.
 * Go's `uint` is 64 bits, so the operands are bigints; they wrap modulo 2^64.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { sub } from '@gostd/math-bits';
 * console.log(sub(0n, 1n, 0n));
 * // Output:
 * // [ 18446744073709551615n, 1n ]
 * ```
 */
export function sub(x: bigint, y: bigint, borrow: bigint): [diff: bigint, borrowOut: bigint] {
  return sub64(x, y, borrow);
}

/**
 * sub32 returns the difference of x, y and borrow, diff = x - y - borrow.
 * The borrow input must be 0 or 1; otherwise the behavior is undefined.
 * The borrowOut output is guaranteed to be 0 or 1.
 * The operands wrap to uint32 like Go's `uint32(x)`.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { sub32 } from '@gostd/math-bits';
 * // First number is 33<<32 + 23
 * let n1 = [33, 23];
 * // Second number is 21<<32 + 12
 * let n2 = [21, 12];
 * // Sub them together without producing carry.
 * let [d1, carry] = sub32(n1[1]!, n2[1]!, 0);
 * let [d0] = sub32(n1[0]!, n2[0]!, carry);
 * let nsum = [d0, d1];
 * console.log(`[${n1.join(' ')}] - [${n2.join(' ')}] = [${nsum.join(' ')}] (carry bit was ${carry})`);
 *
 * // First number is 3<<32 + 2147483647
 * n1 = [3, 0x7fffffff];
 * // Second number is 1<<32 + 2147483648
 * n2 = [1, 0x80000000];
 * // Sub them together producing carry.
 * [d1, carry] = sub32(n1[1]!, n2[1]!, 0);
 * [d0] = sub32(n1[0]!, n2[0]!, carry);
 * nsum = [d0, d1];
 * console.log(`[${n1.join(' ')}] - [${n2.join(' ')}] = [${nsum.join(' ')}] (carry bit was ${carry})`);
 * // Output:
 * // [33 23] - [21 12] = [12 11] (carry bit was 0)
 * // [3 2147483647] - [1 2147483648] = [1 4294967295] (carry bit was 1)
 * ```
 */
export function sub32(x: number, y: number, borrow: number): [diff: number, borrowOut: number] {
  if (typeof x !== 'number' || x >>> 0 !== x) badUint('sub32', 'x', 32, x);
  if (typeof y !== 'number' || y >>> 0 !== y) badUint('sub32', 'y', 32, y);
  if (typeof borrow !== 'number' || borrow >>> 0 !== borrow) badUint('sub32', 'borrow', 32, borrow);
  const diff = ((x >>> 0) - (y >>> 0) - (borrow >>> 0)) >>> 0;
  return [diff, ((~x & y) | (~(x ^ y) & diff)) >>> 31];
}

/**
 * sub64 returns the difference of x, y and borrow: diff = x - y - borrow.
 * The borrow input must be 0 or 1; otherwise the behavior is undefined.
 * The borrowOut output is guaranteed to be 0 or 1.
 * The operands wrap modulo 2^64.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { sub64 } from '@gostd/math-bits';
 * // First number is 33<<64 + 23
 * let n1 = [33n, 23n];
 * // Second number is 21<<64 + 12
 * let n2 = [21n, 12n];
 * // Sub them together without producing carry.
 * let [d1, carry] = sub64(n1[1]!, n2[1]!, 0n);
 * let [d0] = sub64(n1[0]!, n2[0]!, carry);
 * let nsum = [d0, d1];
 * console.log(`[${n1.join(' ')}] - [${n2.join(' ')}] = [${nsum.join(' ')}] (carry bit was ${carry})`);
 *
 * // First number is 3<<64 + 9223372036854775807
 * n1 = [3n, 0x7fffffffffffffffn];
 * // Second number is 1<<64 + 9223372036854775808
 * n2 = [1n, 0x8000000000000000n];
 * // Sub them together producing carry.
 * [d1, carry] = sub64(n1[1]!, n2[1]!, 0n);
 * [d0] = sub64(n1[0]!, n2[0]!, carry);
 * nsum = [d0, d1];
 * console.log(`[${n1.join(' ')}] - [${n2.join(' ')}] = [${nsum.join(' ')}] (carry bit was ${carry})`);
 * // Output:
 * // [33 23] - [21 12] = [12 11] (carry bit was 0)
 * // [3 9223372036854775807] - [1 9223372036854775808] = [1 18446744073709551615] (carry bit was 1)
 * ```
 */
export function sub64(x: bigint, y: bigint, borrow: bigint): [diff: bigint, borrowOut: bigint] {
  if (typeof x !== 'bigint' || x < 0n || x > maxUint64) badUint('sub64', 'x', 64, x);
  if (typeof y !== 'bigint' || y < 0n || y > maxUint64) badUint('sub64', 'y', 64, y);
  if (typeof borrow !== 'bigint' || borrow < 0n || borrow > maxUint64) badUint('sub64', 'borrow', 64, borrow);
  b64[0] = x;
  const xl = u32[LO]!;
  const xh = u32[HI]!;
  b64[0] = y;
  const yl = u32[LO]!;
  const yh = u32[HI]!;
  b64[0] = borrow;
  // Any borrow other than 0 counts as 1, as in Go's Sub64 on amd64 and arm64 (undefined in Go's docs).
  const low = xl - yl - ((u32[LO]! | u32[HI]!) !== 0 ? 1 : 0);
  const dl = low >>> 0;
  const dh = (xh - yh - (dl - low) / TWO32) >>> 0;
  u32[LO] = dl;
  u32[HI] = dh;
  return [b64[0], ((~xh & yh) | (~(xh ^ yh) & dh)) < 0 ? 1n : 0n];
}
