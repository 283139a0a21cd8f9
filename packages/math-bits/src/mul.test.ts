// TestMulDiv, TestMulDiv32 and TestMulDiv64 from $GOROOT/src/math/bits/bits_test.go (the Mul half; the
// Div half is in div.test.ts).
import { describe, expect, it } from 'vitest';
import { mul, mul32, mul64 } from './mul';
import { M32, M64, mulDiv32Tests, mulDiv64Tests, mulDivTests } from './testdata/go-tables';

describe('TestMulDiv32 (bits_test.go)', () => {
  it.each(mulDiv32Tests)('Mul32(%d, %d) = %d, %d and symmetric', (x, y, hi, lo) => {
    expect(mul32(x, y)).toEqual([hi, lo]);
    expect(mul32(y, x)).toEqual([hi, lo]);
  });
});

describe('TestMulDiv64 (bits_test.go)', () => {
  it.each(mulDiv64Tests)('Mul64(%d, %d) = %d, %d and symmetric', (x, y, hi, lo) => {
    expect(mul64(x, y)).toEqual([hi, lo]);
    expect(mul64(y, x)).toEqual([hi, lo]);
  });
});

describe('TestMulDiv (bits_test.go)', () => {
  it.each(mulDivTests)('Mul(%d, %d) = %d, %d and symmetric', (x, y, hi, lo) => {
    expect(mul(x, y)).toEqual([hi, lo]);
    expect(mul(y, x)).toEqual([hi, lo]);
  });
});

describe('edges', () => {
  it('multiplies the extremes exactly', () => {
    expect(mul32(M32, 1)).toEqual([0, M32]);
    expect(mul32(0, M32)).toEqual([0, 0]);
    expect(mul32(0x10000, 0x10000)).toEqual([1, 0]);
    expect(mul64(M64, 1n)).toEqual([0n, M64]);
    expect(mul64(1n << 32n, 1n << 32n)).toEqual([1n, 0n]);
    expect(mul64(0xffffffffn, 0xffffffffn)).toEqual([0n, 0xfffffffe00000001n]);
  });
  it('rejects operands outside the width instead of wrapping (issue 13)', () => {
    expect(() => mul32(-1, 1)).toThrow(RangeError);
    expect(() => mul64(1n, -1n)).toThrow(RangeError);
    expect(mul32(M32, M32)).toEqual([M32 - 1, 1]);
    expect(mul64(M64, M64)).toEqual([M64 - 1n, 1n]);
  });
});
