// The @example blocks of the 32- and 64-bit forms are Go's examples from
// $GOROOT/src/math/bits/example_math_test.go (Go 1.19), printing the same lines.
import { badUint, maxUint64 } from './check';
import { b64, HI, LO, TWO32, u32 } from './halves';

/**
 * add returns the sum with carry of x, y and carry: sum = x + y + carry.
 * The carry input must be 0 or 1; otherwise the behavior is undefined.
 * The carryOut output is guaranteed to be 0 or 1.
 * Go's `uint` is 64 bits, so the operands are bigints; they wrap modulo 2^64.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { add } from '@gostd/math-bits';
 * console.log(add(2n ** 64n - 1n, 1n, 0n));
 * // Output:
 * // [ 0n, 1n ]
 * ```
 */
export function add(x: bigint, y: bigint, carry: bigint): [sum: bigint, carryOut: bigint] {
  return add64(x, y, carry);
}

/**
 * add32 returns the sum with carry of x, y and carry: sum = x + y + carry.
 * The carry input must be 0 or 1; otherwise the behavior is undefined.
 * The carryOut output is guaranteed to be 0 or 1.
 * The operands wrap to uint32 like Go's `uint32(x)`.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { add32 } from '@gostd/math-bits';
 * // First number is 33<<32 + 12
 * let n1 = [33, 12];
 * // Second number is 21<<32 + 23
 * let n2 = [21, 23];
 * // Add them together without producing carry.
 * let [d1, carry] = add32(n1[1]!, n2[1]!, 0);
 * let [d0] = add32(n1[0]!, n2[0]!, carry);
 * let nsum = [d0, d1];
 * console.log(`[${n1.join(' ')}] + [${n2.join(' ')}] = [${nsum.join(' ')}] (carry bit was ${carry})`);
 *
 * // First number is 1<<32 + 2147483648
 * n1 = [1, 0x80000000];
 * // Second number is 1<<32 + 2147483648
 * n2 = [1, 0x80000000];
 * // Add them together producing carry.
 * [d1, carry] = add32(n1[1]!, n2[1]!, 0);
 * [d0] = add32(n1[0]!, n2[0]!, carry);
 * nsum = [d0, d1];
 * console.log(`[${n1.join(' ')}] + [${n2.join(' ')}] = [${nsum.join(' ')}] (carry bit was ${carry})`);
 * // Output:
 * // [33 12] + [21 23] = [54 35] (carry bit was 0)
 * // [1 2147483648] + [1 2147483648] = [3 0] (carry bit was 1)
 * ```
 */
export function add32(x: number, y: number, carry: number): [sum: number, carryOut: number] {
  if (typeof x !== 'number' || x >>> 0 !== x) badUint('add32', 'x', 32, x);
  if (typeof y !== 'number' || y >>> 0 !== y) badUint('add32', 'y', 32, y);
  if (typeof carry !== 'number' || carry >>> 0 !== carry) badUint('add32', 'carry', 32, carry);
  const sum = ((x >>> 0) + (y >>> 0) + (carry >>> 0)) >>> 0;
  return [sum, ((x & y) | ((x | y) & ~sum)) >>> 31];
}

/**
 * add64 returns the sum with carry of x, y and carry: sum = x + y + carry.
 * The carry input must be 0 or 1; otherwise the behavior is undefined.
 * The carryOut output is guaranteed to be 0 or 1.
 * The operands wrap modulo 2^64.
 *
 * Unlike Go's, its execution time is not guaranteed to be independent of the inputs (JavaScript engines
 * make no such promise).
 *
 * @example
 * ```ts
 * import { add64 } from '@gostd/math-bits';
 * // First number is 33<<64 + 12
 * let n1 = [33n, 12n];
 * // Second number is 21<<64 + 23
 * let n2 = [21n, 23n];
 * // Add them together without producing carry.
 * let [d1, carry] = add64(n1[1]!, n2[1]!, 0n);
 * let [d0] = add64(n1[0]!, n2[0]!, carry);
 * let nsum = [d0, d1];
 * console.log(`[${n1.join(' ')}] + [${n2.join(' ')}] = [${nsum.join(' ')}] (carry bit was ${carry})`);
 *
 * // First number is 1<<64 + 9223372036854775808
 * n1 = [1n, 0x8000000000000000n];
 * // Second number is 1<<64 + 9223372036854775808
 * n2 = [1n, 0x8000000000000000n];
 * // Add them together producing carry.
 * [d1, carry] = add64(n1[1]!, n2[1]!, 0n);
 * [d0] = add64(n1[0]!, n2[0]!, carry);
 * nsum = [d0, d1];
 * console.log(`[${n1.join(' ')}] + [${n2.join(' ')}] = [${nsum.join(' ')}] (carry bit was ${carry})`);
 * // Output:
 * // [33 12] + [21 23] = [54 35] (carry bit was 0)
 * // [1 9223372036854775808] + [1 9223372036854775808] = [3 0] (carry bit was 1)
 * ```
 */
export function add64(x: bigint, y: bigint, carry: bigint): [sum: bigint, carryOut: bigint] {
  if (typeof x !== 'bigint' || x < 0n || x > maxUint64) badUint('add64', 'x', 64, x);
  if (typeof y !== 'bigint' || y < 0n || y > maxUint64) badUint('add64', 'y', 64, y);
  if (typeof carry !== 'bigint' || carry < 0n || carry > maxUint64) badUint('add64', 'carry', 64, carry);
  b64[0] = x;
  const xl = u32[LO]!;
  const xh = u32[HI]!;
  b64[0] = y;
  const yl = u32[LO]!;
  const yh = u32[HI]!;
  b64[0] = carry;
  // Any carry other than 0 counts as 1, as in Go's Add64 on amd64 and arm64 (undefined in Go's docs).
  const low = xl + yl + ((u32[LO]! | u32[HI]!) !== 0 ? 1 : 0);
  const sl = low >>> 0;
  const sh = (xh + yh + (low - sl) / TWO32) >>> 0;
  u32[LO] = sl;
  u32[HI] = sh;
  return [b64[0], ((xh & yh) | ((xh | yh) & ~sh)) < 0 ? 1n : 0n];
}
