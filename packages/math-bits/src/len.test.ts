// TestLen from $GOROOT/src/math/bits/bits_test.go: every byte shifted to every position.
import { describe, expect, it } from 'vitest';
import { len, len8, len16, len32, len64 } from './len';
import { tab } from './testdata/go-tables';

describe('TestLen (bits_test.go)', () => {
  it('matches tab for every byte shifted left by 0..55', () => {
    for (let i = 0; i < 256; i++) {
      const l = 8 - tab[i]!.nlz;
      for (let k = 0; k < 64 - 8; k++) {
        const x = BigInt(i) << BigInt(k);
        const want = x === 0n ? 0 : l + k;
        if (x <= 0xffn) expect(len8(Number(x))).toBe(want);
        if (x <= 0xffffn) expect(len16(Number(x))).toBe(want);
        if (x <= 0xffffffffn) expect(len32(Number(x))).toBe(want);
        expect(len64(x)).toBe(want);
        expect(len(x)).toBe(want);
      }
    }
  });
});

describe('out-of-width inputs', () => {
  it('throw a RangeError instead of wrapping (issue 13)', () => {
    expect(() => len8(0x100)).toThrow(RangeError);
    expect(() => len16(-1)).toThrow(RangeError);
    expect(() => len32(-1)).toThrow(RangeError);
    expect(() => len64(-1n)).toThrow(RangeError);
    expect(() => len64(1n << 64n)).toThrow(RangeError);
  });
});
