// TestTrailingZeros from $GOROOT/src/math/bits/bits_test.go: every byte shifted to every position.
import { describe, expect, it } from 'vitest';
import { tab } from './testdata/go-tables';
import {
  trailingZeros,
  trailingZeros8,
  trailingZeros16,
  trailingZeros32,
  trailingZeros64,
} from './trailing-zeros';

describe('TestTrailingZeros (bits_test.go)', () => {
  it('matches tab for every byte shifted left by 0..55', () => {
    for (let i = 0; i < 256; i++) {
      const ntz = tab[i]!.ntz;
      for (let k = 0; k < 64 - 8; k++) {
        const x = BigInt(i) << BigInt(k);
        const want = (w: number) => (x === 0n ? w : ntz + k);
        if (x <= 0xffn) expect(trailingZeros8(Number(x))).toBe(want(8));
        if (x <= 0xffffn) expect(trailingZeros16(Number(x))).toBe(want(16));
        if (x <= 0xffffffffn) expect(trailingZeros32(Number(x))).toBe(want(32));
        expect(trailingZeros64(x)).toBe(want(64));
        expect(trailingZeros(x)).toBe(want(64));
      }
    }
  });
});

describe('out-of-width inputs', () => {
  it('throw a RangeError instead of wrapping (issue 13)', () => {
    expect(() => trailingZeros8(0x100)).toThrow(RangeError);
    expect(() => trailingZeros16(0x3_0000)).toThrow(RangeError);
    expect(() => trailingZeros32(2 ** 32)).toThrow(RangeError);
    expect(trailingZeros32(2 ** 31)).toBe(31);
    expect(() => trailingZeros32(-8)).toThrow(RangeError);
    expect(() => trailingZeros64(1n << 64n)).toThrow(RangeError);
    expect(trailingZeros64(1n << 63n)).toBe(63);
    expect(() => trailingZeros64(-(1n << 40n))).toThrow(RangeError);
  });
});
