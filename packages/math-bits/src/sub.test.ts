// TestAddSubUint, TestAddSubUint32, TestAddSubUint64 (the Sub half) and TestSub64OverflowPanic from
// $GOROOT/src/math/bits/bits_test.go.
import { describe, expect, it } from 'vitest';
import { sub, sub32, sub64 } from './sub';
import { addSub32Tests, addSub64Tests, M64, sub64Overflow } from './testdata/go-tables';

describe('TestAddSubUint32 (bits_test.go)', () => {
  it.each(addSub32Tests)('Sub32 undoes Add32(%d, %d, %d) = %d, %d', (x, y, c, z, cout) => {
    expect(sub32(z, x, c)).toEqual([y, cout]);
    expect(sub32(z, y, c)).toEqual([x, cout]);
  });
});

describe('TestAddSubUint64 and TestAddSubUint (bits_test.go)', () => {
  it.each(addSub64Tests)('Sub64 undoes Add64(%d, %d, %d) = %d, %d', (x, y, c, z, cout) => {
    expect(sub64(z, x, c)).toEqual([y, cout]);
    expect(sub64(z, y, c)).toEqual([x, cout]);
    expect(sub(z, x, c)).toEqual([y, cout]);
    expect(sub(z, y, c)).toEqual([x, cout]);
  });
});

describe('TestSub64OverflowPanic (bits_test.go)', () => {
  it('borrows exactly on underflow', () => {
    for (const [a, b] of sub64Overflow.overflow) expect(sub64(a, b, 0n)[1]).toBe(1n);
    for (const [a, b] of sub64Overflow.ok) expect(sub64(a, b, 0n)[1]).toBe(0n);
  });
});

describe('borrow chains', () => {
  it('subtracts 128-bit numbers limb by limb', () => {
    const [lo, b] = sub64(1n, 2n, 0n);
    const [hi, b2] = sub64(5n, 3n, b);
    expect([hi, lo, b2]).toEqual([1n, M64, 0n]);
  });
  it('rejects operands outside the width instead of wrapping (issue 13)', () => {
    expect(() => sub32(2 ** 32, 1, 0)).toThrow(RangeError);
    expect(() => sub64(1n << 64n, 1n, 0n)).toThrow(RangeError);
  });
  it('treats a borrow other than 0 or 1 as Go 1.19 on amd64 does (undefined in Go’s docs)', () => {
    // Go's Sub64 is a compiler intrinsic there: any nonzero borrow subtracts 1. Sub32 is plain Go:
    // diff = x - y - borrow; borrowOut = ((^x & y) | (^(x ^ y) & diff)) >> 31. Observed with go1.19 linux/amd64.
    expect(sub64(10n, 1n, 5n)).toEqual([8n, 0n]);
    expect(sub(10n, 1n, 5n)).toEqual([8n, 0n]);
    expect(sub64(0n, 0n, 2n)).toEqual([M64, 1n]);
    expect(sub32(10, 1, 5)).toEqual([4, 0]);
  });
});
