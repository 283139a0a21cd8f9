// fast-check properties of add, sub, mul, div and rem in their 32- and 64-bit forms: equal to exact
// bigint arithmetic (testdata/reference.ts), mul/div round trips, and multi-limb carry chains.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  add32,
  add64,
  div,
  div32,
  div64,
  mul,
  mul32,
  mul64,
  rem,
  rem32,
  rem64,
  sub,
  sub32,
  sub64,
} from './index';
import { refAdd, refDiv, refMul, refRem, refSub } from './testdata/reference';

const M64 = (1n << 64n) - 1n;
const runs = { numRuns: 3000 };

const u32 = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.integer({ min: 0, max: 32 }).map((i) => 2 ** i - 1),
  fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 31 })).map(([v, s]) => v >>> s),
);
const u64 = fc.oneof(
  fc.bigInt({ min: 0n, max: M64 }),
  fc.integer({ min: 0, max: 64 }).map((i) => (1n << BigInt(i)) - 1n),
  fc.integer({ min: 0, max: 63 }).map((i) => 1n << BigInt(i)),
  fc.tuple(fc.bigInt({ min: 0n, max: M64 }), fc.integer({ min: 0, max: 64 })).map(([v, s]) => v >> BigInt(s)),
);
const bit = fc.integer({ min: 0, max: 1 });

function caught(f: () => unknown): unknown {
  try {
    return f();
  } catch (err) {
    return (err as Error).message;
  }
}

describe('equal to exact bigint arithmetic', () => {
  it('add32, sub32, mul32', () => {
    fc.assert(
      fc.property(u32, u32, bit, (x, y, c) => {
        const [bx, by, bc] = [BigInt(x), BigInt(y), BigInt(c)];
        expect(add32(x, y, c).map(BigInt)).toEqual(refAdd(bx, by, bc, 32));
        expect(sub32(x, y, c).map(BigInt)).toEqual(refSub(bx, by, bc, 32));
        expect(mul32(x, y).map(BigInt)).toEqual(refMul(bx, by, 32));
      }),
      runs,
    );
  });
  it('add64, sub64, mul64 and the unsuffixed forms', () => {
    fc.assert(
      fc.property(u64, u64, bit, (x, y, c) => {
        const bc = BigInt(c);
        expect(add64(x, y, bc)).toEqual(refAdd(x, y, bc, 64));
        expect(sub64(x, y, bc)).toEqual(refSub(x, y, bc, 64));
        expect(mul64(x, y)).toEqual(refMul(x, y, 64));
        expect(add(x, y, bc)).toEqual(add64(x, y, bc));
        expect(sub(x, y, bc)).toEqual(sub64(x, y, bc));
        expect(mul(x, y)).toEqual(mul64(x, y));
      }),
      runs,
    );
  });
  it('div32 and rem32, including their panics', () => {
    fc.assert(
      fc.property(u32, u32, u32, (hi, lo, y) => {
        const want = refDiv(BigInt(hi), BigInt(lo), BigInt(y), 32);
        const got = caught(() => div32(hi, lo, y).map(BigInt));
        expect(got).toEqual(want);
        expect(caught(() => BigInt(rem32(hi, lo, y)))).toEqual(refRem(BigInt(hi), BigInt(lo), BigInt(y), 32));
      }),
      runs,
    );
  });
  it('div64 and rem64, including their panics', () => {
    fc.assert(
      fc.property(u64, u64, u64, (hi, lo, y) => {
        expect(caught(() => div64(hi, lo, y))).toEqual(refDiv(hi, lo, y, 64));
        expect(caught(() => rem64(hi, lo, y))).toEqual(refRem(hi, lo, y, 64));
        expect(caught(() => div(hi, lo, y))).toEqual(caught(() => div64(hi, lo, y)));
        expect(caught(() => rem(hi, lo, y))).toEqual(caught(() => rem64(hi, lo, y)));
      }),
      runs,
    );
  });
  it('div64 with hi < y always (every divisor length, so every normalization shift)', () => {
    fc.assert(
      fc.property(u64, u64, u64, (a, lo, y) => {
        if (y === 0n) return;
        const hi = a % y;
        expect(div64(hi, lo, y)).toEqual(refDiv(hi, lo, y, 64));
        expect(rem64(hi, lo, y)).toBe(refRem(hi, lo, y, 64));
      }),
      { numRuns: 10000 },
    );
  });
});

describe('round trips', () => {
  it('div32 undoes mul32 plus a remainder', () => {
    fc.assert(
      fc.property(u32, u32, u32, (x, y, r0) => {
        if (y === 0) return;
        const r = r0 % y;
        const [hi, lo] = mul32(x, y);
        const [lo2, c] = add32(lo, r, 0);
        expect(div32(hi + c, lo2, y)).toEqual([x, r]);
      }),
      runs,
    );
  });
  it('div64 undoes mul64 plus a remainder', () => {
    fc.assert(
      fc.property(u64, u64, u64, (x, y, r0) => {
        if (y === 0n) return;
        const r = r0 % y;
        const [hi, lo] = mul64(x, y);
        const [lo2, c] = add64(lo, r, 0n);
        expect(div64(hi + c, lo2, y)).toEqual([x, r]);
        expect(rem64(hi + c, lo2, y)).toBe(r);
      }),
      runs,
    );
  });
});

describe('carry chains', () => {
  const limbs = fc.array(u64, { minLength: 1, maxLength: 6 });
  const toBig = (ls: readonly bigint[]) => ls.reduceRight((acc, l) => (acc << 64n) | l, 0n);

  it('add64 limb by limb is multi-precision addition; sub64 undoes it', () => {
    fc.assert(
      fc.property(limbs, limbs, (a0, b0) => {
        const n = Math.max(a0.length, b0.length);
        const a = Array.from({ length: n }, (_, i) => a0[i] ?? 0n);
        const b = Array.from({ length: n }, (_, i) => b0[i] ?? 0n);
        const sum: bigint[] = [];
        let carry = 0n;
        for (let i = 0; i < n; i++) [sum[i], carry] = add64(a[i]!, b[i]!, carry) as [bigint, bigint];
        expect(toBig(sum) + (carry << BigInt(64 * n))).toBe(toBig(a) + toBig(b));
        const back: bigint[] = [];
        let borrow = 0n;
        for (let i = 0; i < n; i++) [back[i], borrow] = sub64(sum[i]!, b[i]!, borrow) as [bigint, bigint];
        expect(back).toEqual(a);
        expect(borrow).toBe(carry);
      }),
      { numRuns: 1000 },
    );
  });
  it('add32/sub32 chains agree with bigint arithmetic', () => {
    fc.assert(
      fc.property(
        fc.array(u32, { minLength: 1, maxLength: 6 }),
        fc.array(u32, { minLength: 1, maxLength: 6 }),
        (a0, b0) => {
          const n = Math.max(a0.length, b0.length);
          const a = Array.from({ length: n }, (_, i) => a0[i] ?? 0);
          const b = Array.from({ length: n }, (_, i) => b0[i] ?? 0);
          const big = (ls: readonly number[]) => ls.reduceRight((acc, l) => (acc << 32n) | BigInt(l), 0n);
          const diff: number[] = [];
          let borrow = 0;
          for (let i = 0; i < n; i++) [diff[i], borrow] = sub32(a[i]!, b[i]!, borrow) as [number, number];
          expect(big(diff) - (BigInt(borrow) << BigInt(32 * n))).toBe(big(a) - big(b));
          let carry = 0;
          const sum: number[] = [];
          for (let i = 0; i < n; i++) [sum[i], carry] = add32(diff[i]!, b[i]!, carry) as [number, number];
          expect(sum).toEqual(a);
          expect(carry).toBe(borrow);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
