// TestRem32, TestRem32Overflow, TestRem64 and TestRem64Overflow from $GOROOT/src/math/bits/bits_test.go.
import { describe, expect, it } from 'vitest';
import { div32, div64 } from './div';
import { rem, rem32, rem64 } from './rem';
import { RuntimeError } from './runtime-error';
import { divZeroError, rem64OverflowTests } from './testdata/go-tables';

describe('TestRem32 (bits_test.go)', () => {
  it('agrees with Div32 when the quotient does not overflow', () => {
    const hi = 510510;
    const lo = 9699690;
    let y = 510510 + 1;
    for (let i = 0; i < 1000; i++) {
      expect(rem32(hi, lo, y)).toBe(div32(hi, lo, y)[1]);
      y += 13;
    }
  });
});

describe('TestRem32Overflow (bits_test.go)', () => {
  it('agrees with Div64 of the whole 64-bit dividend when hi >= y', () => {
    const hi = 510510;
    const lo = 9699690;
    let y = 7;
    for (let i = 0; i < 1000; i++) {
      const [, r2] = div64(0n, (BigInt(hi) << 32n) | BigInt(lo), BigInt(y));
      expect(rem32(hi, lo, y)).toBe(Number(r2));
      y += 13;
    }
  });
});

describe('TestRem64 (bits_test.go)', () => {
  it('agrees with Div64 when the quotient does not overflow', () => {
    const hi = 510510n;
    const lo = 9699690n;
    let y = 510510n + 1n;
    for (let i = 0; i < 1000; i++) {
      expect(rem64(hi, lo, y)).toBe(div64(hi, lo, y)[1]);
      expect(rem(hi, lo, y)).toBe(div64(hi, lo, y)[1]);
      y += 13n;
    }
  });
});

describe('TestRem64Overflow (bits_test.go)', () => {
  it.each(rem64OverflowTests)('Rem64(%d, %d, %d) = %d', (hi, lo, y, want) => {
    expect(hi >= y).toBe(true);
    expect(rem64(hi, lo, y)).toBe(want);
    expect(rem(hi, lo, y)).toBe(want);
  });
});

describe('division by zero', () => {
  it.each([
    ['Rem32', () => rem32(1, 1, 0)],
    ['Rem64', () => rem64(1n, 1n, 0n)],
    ['Rem', () => rem(0n, 0n, 0n)],
  ] as const)('%s throws Go’s divide-by-zero RuntimeError', (_, f) => {
    expect(f).toThrow(RuntimeError);
    expect(f).toThrow(divZeroError);
  });
  it('never overflows', () => {
    expect(rem32(0xffffffff, 0xffffffff, 1)).toBe(0);
    expect(rem64((1n << 64n) - 1n, (1n << 64n) - 1n, 1n)).toBe(0n);
    expect(rem64((1n << 64n) - 1n, (1n << 64n) - 1n, 10n)).toBe(((1n << 128n) - 1n) % 10n);
  });
});
