// TestLeadingZeros from $GOROOT/src/math/bits/bits_test.go: every byte shifted to every position.
import { describe, expect, it } from 'vitest';
import { leadingZeros, leadingZeros8, leadingZeros16, leadingZeros32, leadingZeros64 } from './leading-zeros';
import { tab } from './testdata/go-tables';

describe('TestLeadingZeros (bits_test.go)', () => {
  it('matches tab for every byte shifted left by 0..55', () => {
    let checked = 0;
    for (let i = 0; i < 256; i++) {
      const nlz = tab[i]!.nlz;
      for (let k = 0; k < 64 - 8; k++) {
        const x = BigInt(i) << BigInt(k);
        const want = (w: number) => (x === 0n ? w : nlz - k + (w - 8));
        if (x <= 0xffn) expect(leadingZeros8(Number(x))).toBe(want(8));
        if (x <= 0xffffn) expect(leadingZeros16(Number(x))).toBe(want(16));
        if (x <= 0xffffffffn) expect(leadingZeros32(Number(x))).toBe(want(32));
        expect(leadingZeros64(x)).toBe(want(64));
        expect(leadingZeros(x)).toBe(want(64));
        checked++;
      }
    }
    expect(checked).toBe(256 * 56);
  });
});

describe('out-of-width inputs', () => {
  it('throw a RangeError instead of wrapping (issue 13)', () => {
    expect(() => leadingZeros8(0x100)).toThrow(RangeError);
    expect(() => leadingZeros8(-1)).toThrow(RangeError);
    expect(() => leadingZeros16(0x1_0001)).toThrow(RangeError);
    expect(() => leadingZeros32(2 ** 32 + 1)).toThrow(RangeError);
    expect(() => leadingZeros32(-1)).toThrow(RangeError);
    expect(() => leadingZeros64(1n << 64n)).toThrow(RangeError);
    expect(() => leadingZeros64(-1n)).toThrow(RangeError);
  });
});
