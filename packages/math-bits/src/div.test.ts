// TestMulDiv*, TestDiv*PanicOverflow and TestDiv*PanicZero from $GOROOT/src/math/bits/bits_test.go.
import { describe, expect, it } from 'vitest';
import { div, div32, div64 } from './div';
import { RuntimeError } from './runtime-error';
import {
  divZeroError,
  M32,
  M64,
  mulDiv32Tests,
  mulDiv64Tests,
  mulDivTests,
  overflowError,
} from './testdata/go-tables';

describe('TestMulDiv32 (bits_test.go)', () => {
  it.each(mulDiv32Tests)('Div32 undoes Mul32(%d, %d) = %d, %d (+ r %d)', (x, y, hi, lo, r) => {
    expect(div32(hi, lo + r, y)).toEqual([x, r]);
    expect(div32(hi, lo + r, x)).toEqual([y, r]);
  });
});

describe('TestMulDiv64 (bits_test.go)', () => {
  it.each(mulDiv64Tests)('Div64 undoes Mul64(%d, %d) = %d, %d (+ r %d)', (x, y, hi, lo, r) => {
    expect(div64(hi, lo + r, y)).toEqual([x, r]);
    expect(div64(hi, lo + r, x)).toEqual([y, r]);
  });
});

describe('TestMulDiv (bits_test.go)', () => {
  it.each(mulDivTests)('Div undoes Mul(%d, %d) = %d, %d (+ r %d)', (x, y, hi, lo, r) => {
    expect(div(hi, lo + r, y)).toEqual([x, r]);
    expect(div(hi, lo + r, x)).toEqual([y, r]);
  });
});

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
}

describe('TestDiv*PanicOverflow and TestDiv*PanicZero (bits_test.go)', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['Div(1, 0, 1)', () => div(1n, 0n, 1n), overflowError],
    ['Div32(1, 0, 1)', () => div32(1, 0, 1), overflowError],
    ['Div64(1, 0, 1)', () => div64(1n, 0n, 1n), overflowError],
    ['Div(1, 1, 0)', () => div(1n, 1n, 0n), divZeroError],
    ['Div32(1, 1, 0)', () => div32(1, 1, 0), divZeroError],
    ['Div64(1, 1, 0)', () => div64(1n, 1n, 0n), divZeroError],
  ];
  it.each(cases)('%s throws a RuntimeError with Go’s message', (_, f, message) => {
    const err = thrown(f);
    expect(err).toBeInstanceOf(RuntimeError);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(message);
    expect((err as Error).name).toBe('RuntimeError');
  });
  it('checks y == 0 before y <= hi, as Go does', () => {
    expect((thrown(() => div64(5n, 0n, 0n)) as Error).message).toBe(divZeroError);
    expect((thrown(() => div32(5, 0, 0)) as Error).message).toBe(divZeroError);
  });
  it('overflows for y == hi; a y outside the width is rejected, not wrapped to 0', () => {
    expect((thrown(() => div64(M64, 0n, M64)) as Error).message).toBe(overflowError);
    expect((thrown(() => div32(M32, 0, M32)) as Error).message).toBe(overflowError);
    expect(thrown(() => div64(0n, 0n, 1n << 64n))).toBeInstanceOf(RangeError);
    expect(thrown(() => div32(0, 0, 2 ** 32))).toBeInstanceOf(RangeError);
  });
});

describe('edges', () => {
  it('divides the extremes exactly', () => {
    expect(div64(M64 - 1n, M64, M64)).toEqual([M64, M64 - 1n]);
    expect(div64(0n, M64, 1n)).toEqual([M64, 0n]);
    expect(div64(0xffffffffn, M64, 0x100000000n)).toEqual([M64, 0xffffffffn]);
    expect(div64(0n, 0n, 7n)).toEqual([0n, 0n]);
    expect(div32(M32 - 1, M32, M32)).toEqual([M32, M32 - 1]);
    expect(div32(0, M32, 1)).toEqual([M32, 0]);
  });
  it('takes Knuth’s add-back step when the trial quotient digit is one too large', () => {
    // Dividends chosen so the base-2^16 trial quotient is one too large.
    const y = 0x800000000001n;
    const n = y * 0xfffffffffffen + (y - 1n);
    expect(div64(n >> 64n, BigInt.asUintN(64, n), y)).toEqual([0xfffffffffffen, y - 1n]);
  });
});
