// TestReverse from $GOROOT/src/math/bits/bits_test.go.
import { describe, expect, it } from 'vitest';
import { reverse, reverse8, reverse16, reverse32, reverse64 } from './reverse';
import { reverseTests } from './testdata/go-tables';

function testReverse(x64: bigint, want64: bigint): void {
  expect(reverse8(Number(x64 & 0xffn))).toBe(Number(want64 >> 56n));
  expect(reverse16(Number(x64 & 0xffffn))).toBe(Number(want64 >> 48n));
  expect(reverse32(Number(x64 & 0xffffffffn))).toBe(Number(want64 >> 32n));
  expect(reverse64(x64)).toBe(want64);
  expect(reverse(x64)).toBe(want64);
}

describe('TestReverse (bits_test.go)', () => {
  it('reverses each single bit', () => {
    for (let i = 0n; i < 64n; i++) testReverse(1n << i, 1n << (63n - i));
  });
  it('reverses the patterns both ways', () => {
    for (const [x, r] of reverseTests) {
      testReverse(x, r);
      testReverse(r, x);
    }
  });
});
