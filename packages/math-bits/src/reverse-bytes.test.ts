// TestReverseBytes from $GOROOT/src/math/bits/bits_test.go.
import { describe, expect, it } from 'vitest';
import { reverseBytes, reverseBytes16, reverseBytes32, reverseBytes64 } from './reverse-bytes';
import { reverseBytesTests } from './testdata/go-tables';

function testReverseBytes(x64: bigint, want64: bigint): void {
  expect(reverseBytes16(Number(x64 & 0xffffn))).toBe(Number(want64 >> 48n));
  expect(reverseBytes32(Number(x64 & 0xffffffffn))).toBe(Number(want64 >> 32n));
  expect(reverseBytes64(x64)).toBe(want64);
  expect(reverseBytes(x64)).toBe(want64);
}

describe('TestReverseBytes (bits_test.go)', () => {
  it('reverses the patterns both ways', () => {
    for (const [x, r] of reverseBytesTests) {
      testReverseBytes(x, r);
      testReverseBytes(r, x);
    }
  });
});

describe('out-of-width inputs', () => {
  it('throw a RangeError instead of wrapping (issue 13)', () => {
    expect(() => reverseBytes16(0x1_0102)).toThrow(RangeError);
    expect(() => reverseBytes32(-1)).toThrow(RangeError);
    expect(() => reverseBytes64(-1n)).toThrow(RangeError);
    expect(() => reverseBytes64((1n << 64n) | 0xffn)).toThrow(RangeError);
  });
});
