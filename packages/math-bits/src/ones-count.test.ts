// TestOnesCount from $GOROOT/src/math/bits/bits_test.go.
import { describe, expect, it } from 'vitest';
import { onesCount, onesCount8, onesCount16, onesCount32, onesCount64 } from './ones-count';
import { tab } from './testdata/go-tables';

function testOnesCount(x: bigint, want: number): void {
  if (x <= 0xffn) expect(onesCount8(Number(x))).toBe(want);
  if (x <= 0xffffn) expect(onesCount16(Number(x))).toBe(want);
  if (x <= 0xffffffffn) expect(onesCount32(Number(x))).toBe(want);
  expect(onesCount64(x)).toBe(want);
  expect(onesCount(x)).toBe(want);
}

describe('TestOnesCount (bits_test.go)', () => {
  it('counts runs of ones filling up and draining out', () => {
    let x = 0n;
    for (let i = 0; i <= 64; i++) {
      testOnesCount(x, i);
      x = BigInt.asUintN(64, (x << 1n) | 1n);
    }
    for (let i = 64; i >= 0; i--) {
      testOnesCount(x, i);
      x = BigInt.asUintN(64, x << 1n);
    }
  });
  it('matches tab for every byte shifted left by 0..55', () => {
    for (let i = 0; i < 256; i++) {
      for (let k = 0; k < 64 - 8; k++) testOnesCount(BigInt(i) << BigInt(k), tab[i]!.pop);
    }
  });
});

describe('out-of-width inputs', () => {
  it('throw a RangeError instead of wrapping (issue 13)', () => {
    expect(() => onesCount8(0x1ff)).toThrow(RangeError);
    expect(() => onesCount16(-1)).toThrow(RangeError);
    expect(() => onesCount32(-1)).toThrow(RangeError);
    expect(() => onesCount32(2 ** 32 + 3)).toThrow(RangeError);
    expect(() => onesCount64(-1n)).toThrow(RangeError);
    expect(() => onesCount64((1n << 64n) | 1n)).toThrow(RangeError);
  });
});
