// TestAddSubUint, TestAddSubUint32, TestAddSubUint64 and TestAdd64OverflowPanic from
// $GOROOT/src/math/bits/bits_test.go (the Sub half of those tests is in sub.test.ts).
import { describe, expect, it } from 'vitest';
import { add, add32, add64 } from './add';
import { add64Overflow, addSub32Tests, addSub64Tests, M64 } from './testdata/go-tables';

describe('TestAddSubUint32 (bits_test.go)', () => {
  it.each(addSub32Tests)('Add32(%d, %d, %d) = %d, %d and symmetric', (x, y, c, z, cout) => {
    expect(add32(x, y, c)).toEqual([z, cout]);
    expect(add32(y, x, c)).toEqual([z, cout]);
  });
});

describe('TestAddSubUint64 and TestAddSubUint (bits_test.go)', () => {
  it.each(addSub64Tests)('Add64(%d, %d, %d) = %d, %d and symmetric', (x, y, c, z, cout) => {
    expect(add64(x, y, c)).toEqual([z, cout]);
    expect(add64(y, x, c)).toEqual([z, cout]);
    expect(add(x, y, c)).toEqual([z, cout]);
    expect(add(y, x, c)).toEqual([z, cout]);
  });
});

describe('TestAdd64OverflowPanic (bits_test.go)', () => {
  it('carries exactly on overflow', () => {
    for (const [a, b] of add64Overflow.overflow) expect(add64(a, b, 0n)[1]).toBe(1n);
    for (const [a, b] of add64Overflow.ok) expect(add64(a, b, 0n)[1]).toBe(0n);
  });
});

describe('carry chains', () => {
  it('adds 128-bit numbers limb by limb', () => {
    const [lo, c] = add64(M64, 2n, 0n);
    const [hi, c2] = add64(5n, 6n, c);
    expect([hi, lo, c2]).toEqual([12n, 1n, 0n]);
  });
  it('rejects operands outside the width instead of wrapping (issue 13)', () => {
    expect(() => add32(2 ** 32 + 1, 1, 0)).toThrow(RangeError);
    expect(() => add32(1, -1, 0)).toThrow(RangeError);
    expect(() => add64(1n << 64n, 1n, 1n)).toThrow(RangeError);
    expect(() => add64(1n, -1n, 1n)).toThrow(RangeError);
  });
  it('treats a carry other than 0 or 1 as Go 1.19 on amd64 does (undefined in Go’s docs)', () => {
    // Go's Add64 is a compiler intrinsic there: any nonzero carry adds 1. Add32 is plain Go:
    // sum = x + y + carry; carryOut = ((x & y) | ((x | y) &^ sum)) >> 31. Observed with go1.19 linux/amd64.
    expect(add64(1n, 1n, 5n)).toEqual([3n, 0n]);
    expect(add(1n, 1n, 5n)).toEqual([3n, 0n]);
    expect(add64(M64, 0n, 2n)).toEqual([0n, 1n]);
    expect(add64(1n, 1n, M64)).toEqual([3n, 0n]);
    expect(add32(1, 1, 5)).toEqual([7, 0]);
  });
});
