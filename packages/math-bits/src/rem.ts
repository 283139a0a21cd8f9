import { badUint, maxUint64 } from './check';
import { divmod, dm } from './divmod';
import { b64, HI, LO, u32 } from './halves';
import { divideError } from './runtime-error';

/**
 * rem returns the remainder of (hi, lo) divided by y. Rem panics for
 * y == 0 (division by zero) but, unlike Div, it doesn't panic on a
 * quotient overflow. The panic is a thrown RuntimeError with Go's message.
 * Go's `uint` is 64 bits, so the operands are bigints; they wrap modulo 2^64.
 *
 * @example
 * ```ts
 * import { rem } from '@gostd/math-bits';
 * console.log(rem(42n, 1119n, 38n));
 * // Output:
 * // 9n
 * ```
 */
export function rem(hi: bigint, lo: bigint, y: bigint): bigint {
  return rem64(hi, lo, y);
}

/**
 * rem32 returns the remainder of (hi, lo) divided by y. Rem32 panics
 * for y == 0 (division by zero) but, unlike Div32, it doesn't panic
 * on a quotient overflow. The panic is a thrown RuntimeError with Go's message,
 * "runtime error: integer divide by zero". The operands wrap to uint32 like Go's `uint32(x)`.
 *
 * @example
 * ```ts
 * import { rem32 } from '@gostd/math-bits';
 * // (42 << 32 + 1119) mod 38: hi >= y, which Div32 would reject.
 * console.log(rem32(42, 1119, 38));
 * try {
 *   rem32(1, 2, 0);
 * } catch (err) {
 *   console.log((err as Error).message);
 * }
 * // Output:
 * // 3
 * // runtime error: integer divide by zero
 * ```
 */
export function rem32(hi: number, lo: number, y: number): number {
  if (typeof hi !== 'number' || hi >>> 0 !== hi) badUint('rem32', 'hi', 32, hi);
  if (typeof lo !== 'number' || lo >>> 0 !== lo) badUint('rem32', 'lo', 32, lo);
  if (typeof y !== 'number' || y >>> 0 !== y) badUint('rem32', 'y', 32, y);
  lo >>>= 0;
  y >>>= 0;
  if (y === 0) divideError();
  // (hi*2^32 + lo) mod y, taking hi mod y first, then two exact base-2^16 steps.
  let c = ((hi >>> 0) % y) * 65536 + (lo >>> 16);
  c = (c % y) * 65536 + (lo & 0xffff);
  return c % y;
}

/**
 * rem64 returns the remainder of (hi, lo) divided by y. Rem64 panics
 * for y == 0 (division by zero) but, unlike Div64, it doesn't panic
 * on a quotient overflow. The panic is a thrown RuntimeError with Go's message,
 * "runtime error: integer divide by zero". The operands wrap modulo 2^64.
 *
 * @example
 * ```ts
 * import { rem64 } from '@gostd/math-bits';
 * // (3968194946088682615 << 64 + 3192705705065114702) mod 1000037: hi >= y, which Div64 would reject.
 * console.log(rem64(3968194946088682615n, 3192705705065114702n, 1000037n));
 * // Output:
 * // 56067n
 * ```
 */
export function rem64(hi: bigint, lo: bigint, y: bigint): bigint {
  if (typeof hi !== 'bigint' || hi < 0n || hi > maxUint64) badUint('rem64', 'hi', 64, hi);
  if (typeof lo !== 'bigint' || lo < 0n || lo > maxUint64) badUint('rem64', 'lo', 64, lo);
  if (typeof y !== 'bigint' || y < 0n || y > maxUint64) badUint('rem64', 'y', 64, y);
  b64[0] = y;
  const y0 = u32[LO]!;
  const y1 = u32[HI]!;
  if (y0 === 0 && y1 === 0) divideError();
  b64[0] = hi;
  let h0 = u32[LO]!;
  let h1 = u32[HI]!;
  b64[0] = lo;
  const l0 = u32[LO]!;
  const l1 = u32[HI]!;
  dm[4] = y0;
  dm[5] = y1;
  if (y1 < h1 || (y1 === h1 && y0 <= h0)) {
    // Reduce hi mod y first, as Go does: (hi, lo) mod y == (hi mod y, lo) mod y.
    dm[0] = h0;
    dm[1] = h1;
    dm[2] = 0;
    dm[3] = 0;
    divmod();
    h0 = dm[2]!;
    h1 = dm[3]!;
  }
  dm[0] = l0;
  dm[1] = l1;
  dm[2] = h0;
  dm[3] = h1;
  divmod();
  u32[LO] = dm[2]!;
  u32[HI] = dm[3]!;
  return b64[0];
}
