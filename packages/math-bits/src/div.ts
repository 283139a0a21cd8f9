// The @example blocks of the 32- and 64-bit forms are Go's examples from
// $GOROOT/src/math/bits/example_math_test.go (Go 1.19), printing the same lines.
import { badUint, maxUint64 } from './check';
import { divmod, dm } from './divmod';
import { b64, HI, LO, u32 } from './halves';
import { divideError, overflowError } from './runtime-error';

/**
 * div returns the quotient and remainder of (hi, lo) divided by y:
 * quo = (hi, lo)/y, rem = (hi, lo)%y with the dividend bits' upper
 * half in parameter hi and the lower half in parameter lo.
 * Div panics for y == 0 (division by zero) or y <= hi (quotient overflow): it throws a RuntimeError
 * with Go's message. Go's `uint` is 64 bits, so the operands are bigints; they wrap modulo 2^64.
 *
 * @example
 * ```ts
 * import { div } from '@gostd/math-bits';
 * console.log(div(1n, 0n, 3n));
 * // Output:
 * // [ 6148914691236517205n, 1n ]
 * ```
 */
export function div(hi: bigint, lo: bigint, y: bigint): [quo: bigint, rem: bigint] {
  return div64(hi, lo, y);
}

/**
 * div32 returns the quotient and remainder of (hi, lo) divided by y:
 * quo = (hi, lo)/y, rem = (hi, lo)%y with the dividend bits' upper
 * half in parameter hi and the lower half in parameter lo.
 * Div32 panics for y == 0 (division by zero) or y <= hi (quotient overflow): it throws a RuntimeError
 * with Go's message, "runtime error: integer divide by zero" or "runtime error: integer overflow".
 * The operands wrap to uint32 like Go's `uint32(x)`.
 *
 * @example
 * ```ts
 * import { div32 } from '@gostd/math-bits';
 * // First number is 0<<32 + 6
 * let n1 = [0, 6];
 * // Second number is 0<<32 + 3
 * let n2 = [0, 3];
 * // Divide them together.
 * let [quo, rem] = div32(n1[0]!, n1[1]!, n2[1]!);
 * let nsum = [quo, rem];
 * console.log(`[${n1[0]} ${n1[1]}] / ${n2[1]} = [${nsum.join(' ')}]`);
 *
 * // First number is 2<<32 + 2147483648
 * n1 = [2, 0x80000000];
 * // Second number is 0<<32 + 2147483648
 * n2 = [0, 0x80000000];
 * // Divide them together.
 * [quo, rem] = div32(n1[0]!, n1[1]!, n2[1]!);
 * nsum = [quo, rem];
 * console.log(`[${n1[0]} ${n1[1]}] / ${n2[1]} = [${nsum.join(' ')}]`);
 * // Output:
 * // [0 6] / 3 = [2 0]
 * // [2 2147483648] / 2147483648 = [5 0]
 * ```
 */
export function div32(hi: number, lo: number, y: number): [quo: number, rem: number] {
  if (typeof hi !== 'number' || hi >>> 0 !== hi) badUint('div32', 'hi', 32, hi);
  if (typeof lo !== 'number' || lo >>> 0 !== lo) badUint('div32', 'lo', 32, lo);
  if (typeof y !== 'number' || y >>> 0 !== y) badUint('div32', 'y', 32, y);
  hi >>>= 0;
  lo >>>= 0;
  y >>>= 0;
  if (y === 0) divideError();
  if (y <= hi) overflowError();
  // Two base-2^16 steps: each partial dividend is below y * 2^16 <= 2^48, exact in a double.
  let c = hi * 65536 + (lo >>> 16);
  const q1 = Math.floor(c / y);
  c = (c - q1 * y) * 65536 + (lo & 0xffff);
  const q0 = Math.floor(c / y);
  return [q1 * 65536 + q0, c - q0 * y];
}

/**
 * div64 returns the quotient and remainder of (hi, lo) divided by y:
 * quo = (hi, lo)/y, rem = (hi, lo)%y with the dividend bits' upper
 * half in parameter hi and the lower half in parameter lo.
 * Div64 panics for y == 0 (division by zero) or y <= hi (quotient overflow): it throws a RuntimeError
 * with Go's message, "runtime error: integer divide by zero" or "runtime error: integer overflow".
 * The operands wrap modulo 2^64.
 *
 * @example
 * ```ts
 * import { div64 } from '@gostd/math-bits';
 * // First number is 0<<64 + 6
 * let n1 = [0n, 6n];
 * // Second number is 0<<64 + 3
 * let n2 = [0n, 3n];
 * // Divide them together.
 * let [quo, rem] = div64(n1[0]!, n1[1]!, n2[1]!);
 * let nsum = [quo, rem];
 * console.log(`[${n1[0]} ${n1[1]}] / ${n2[1]} = [${nsum.join(' ')}]`);
 *
 * // First number is 2<<64 + 9223372036854775808
 * n1 = [2n, 0x8000000000000000n];
 * // Second number is 0<<64 + 9223372036854775808
 * n2 = [0n, 0x8000000000000000n];
 * // Divide them together.
 * [quo, rem] = div64(n1[0]!, n1[1]!, n2[1]!);
 * nsum = [quo, rem];
 * console.log(`[${n1[0]} ${n1[1]}] / ${n2[1]} = [${nsum.join(' ')}]`);
 * // Output:
 * // [0 6] / 3 = [2 0]
 * // [2 9223372036854775808] / 9223372036854775808 = [5 0]
 * ```
 */
export function div64(hi: bigint, lo: bigint, y: bigint): [quo: bigint, rem: bigint] {
  if (typeof hi !== 'bigint' || hi < 0n || hi > maxUint64) badUint('div64', 'hi', 64, hi);
  if (typeof lo !== 'bigint' || lo < 0n || lo > maxUint64) badUint('div64', 'lo', 64, lo);
  if (typeof y !== 'bigint' || y < 0n || y > maxUint64) badUint('div64', 'y', 64, y);
  b64[0] = y;
  const y0 = u32[LO]!;
  const y1 = u32[HI]!;
  b64[0] = hi;
  const h0 = u32[LO]!;
  const h1 = u32[HI]!;
  if (y0 === 0 && y1 === 0) divideError();
  if (y1 < h1 || (y1 === h1 && y0 <= h0)) overflowError();
  b64[0] = lo;
  dm[0] = u32[LO]!;
  dm[1] = u32[HI]!;
  dm[2] = h0;
  dm[3] = h1;
  dm[4] = y0;
  dm[5] = y1;
  divmod();
  u32[LO] = dm[0]!;
  u32[HI] = dm[1]!;
  const quo = b64[0];
  u32[LO] = dm[2]!;
  u32[HI] = dm[3]!;
  return [quo, b64[0]];
}
