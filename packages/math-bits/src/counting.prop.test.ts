// fast-check properties of the 32- and 64-bit counting, rotating and reversing forms: equal to the plain
// bigint reference (testdata/reference.ts) and the algebraic identities that tie them together.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  leadingZeros,
  leadingZeros32,
  leadingZeros64,
  len,
  len32,
  len64,
  onesCount,
  onesCount32,
  onesCount64,
  reverse,
  reverse32,
  reverse64,
  reverseBytes,
  reverseBytes32,
  reverseBytes64,
  rotateLeft,
  rotateLeft32,
  rotateLeft64,
  trailingZeros,
  trailingZeros32,
  trailingZeros64,
} from './index';
import {
  refLeadingZeros,
  refLen,
  refOnesCount,
  refReverse,
  refReverseBytes,
  refRotateLeft,
  refTrailingZeros,
} from './testdata/reference';

const M64 = (1n << 64n) - 1n;
const runs = { numRuns: 2000 };

/** uint32 values: uniform, plus single bits, low masks and their complements. */
const u32 = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.integer({ min: 0, max: 31 }).map((i) => 2 ** i),
  fc.integer({ min: 0, max: 32 }).map((i) => 2 ** i - 1),
  fc.integer({ min: 0, max: 32 }).map((i) => 0xffffffff - (2 ** i - 1)),
);

/** uint64 values: uniform, plus single bits, low masks, and values of every bit length. */
const u64 = fc.oneof(
  fc.bigInt({ min: 0n, max: M64 }),
  fc.integer({ min: 0, max: 63 }).map((i) => 1n << BigInt(i)),
  fc.integer({ min: 0, max: 64 }).map((i) => (1n << BigInt(i)) - 1n),
  fc.tuple(fc.bigInt({ min: 0n, max: M64 }), fc.integer({ min: 0, max: 64 })).map(([v, s]) => v >> BigInt(s)),
);

const k = fc.oneof(fc.integer({ min: -200, max: 200 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }));

describe('32-bit forms equal the bigint reference', () => {
  it('leadingZeros32, trailingZeros32, onesCount32, len32', () => {
    fc.assert(
      fc.property(u32, (x) => {
        const b = BigInt(x);
        expect(leadingZeros32(x)).toBe(refLeadingZeros(b, 32));
        expect(trailingZeros32(x)).toBe(refTrailingZeros(b, 32));
        expect(onesCount32(x)).toBe(refOnesCount(b, 32));
        expect(len32(x)).toBe(refLen(b, 32));
      }),
      runs,
    );
  });
  it('rotateLeft32, reverse32, reverseBytes32', () => {
    fc.assert(
      fc.property(u32, k, (x, k) => {
        const b = BigInt(x);
        expect(BigInt(rotateLeft32(x, k))).toBe(refRotateLeft(b, k, 32));
        expect(BigInt(reverse32(x))).toBe(refReverse(b, 32));
        expect(BigInt(reverseBytes32(x))).toBe(refReverseBytes(b, 32));
      }),
      runs,
    );
  });
});

describe('64-bit forms equal the bigint reference', () => {
  it('leadingZeros64, trailingZeros64, onesCount64, len64 and the unsuffixed forms', () => {
    fc.assert(
      fc.property(u64, (x) => {
        expect(leadingZeros64(x)).toBe(refLeadingZeros(x, 64));
        expect(trailingZeros64(x)).toBe(refTrailingZeros(x, 64));
        expect(onesCount64(x)).toBe(refOnesCount(x, 64));
        expect(len64(x)).toBe(refLen(x, 64));
        expect(leadingZeros(x)).toBe(leadingZeros64(x));
        expect(trailingZeros(x)).toBe(trailingZeros64(x));
        expect(onesCount(x)).toBe(onesCount64(x));
        expect(len(x)).toBe(len64(x));
      }),
      runs,
    );
  });
  it('rotateLeft64, reverse64, reverseBytes64 and the unsuffixed forms', () => {
    fc.assert(
      fc.property(u64, k, (x, k) => {
        expect(rotateLeft64(x, k)).toBe(refRotateLeft(x, k, 64));
        expect(reverse64(x)).toBe(refReverse(x, 64));
        expect(reverseBytes64(x)).toBe(refReverseBytes(x, 64));
        expect(rotateLeft(x, k)).toBe(rotateLeft64(x, k));
        expect(reverse(x)).toBe(reverse64(x));
        expect(reverseBytes(x)).toBe(reverseBytes64(x));
      }),
      runs,
    );
  });
  it('rejects any bigint outside [0, 2^64) with a RangeError (issue 13)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 100n), max: 1n << 100n }), k, (x, k) => {
        const fits = x >= 0n && x < 1n << 64n;
        for (const f of [
          () => leadingZeros64(x),
          () => onesCount64(x),
          () => rotateLeft64(x, k),
          () => reverseBytes64(x),
        ]) {
          if (fits) expect(f).not.toThrow();
          else expect(f).toThrow(RangeError);
        }
      }),
      runs,
    );
  });
});

describe('identities', () => {
  it('rotating by k then -k is the identity (32 and 64)', () => {
    fc.assert(
      fc.property(u32, u64, k, (x, y, k) => {
        expect(rotateLeft32(rotateLeft32(x, k), -k)).toBe(x);
        expect(rotateLeft64(rotateLeft64(y, k), -k)).toBe(y);
        expect(rotateLeft64(y, k + 64)).toBe(rotateLeft64(y, k));
      }),
      runs,
    );
  });
  it('reverse and reverseBytes are involutions (32 and 64)', () => {
    fc.assert(
      fc.property(u32, u64, (x, y) => {
        expect(reverse32(reverse32(x))).toBe(x);
        expect(reverseBytes32(reverseBytes32(x))).toBe(x);
        expect(reverse64(reverse64(y))).toBe(y);
        expect(reverseBytes64(reverseBytes64(y))).toBe(y);
        expect(leadingZeros64(reverse64(y))).toBe(trailingZeros64(y));
        expect(onesCount64(reverse64(y))).toBe(onesCount64(y));
      }),
      runs,
    );
  });
  it('len + leadingZeros is the width; trailing zeros of x are the ones of (x & -x) - 1', () => {
    fc.assert(
      fc.property(u32, u64, (x, y) => {
        expect(len32(x) + leadingZeros32(x)).toBe(32);
        expect(len64(y) + leadingZeros64(y)).toBe(64);
        if (y !== 0n) expect(trailingZeros64(y)).toBe(onesCount64((y & -y) - 1n));
        if (x !== 0) expect(trailingZeros32(x)).toBe(onesCount32(((x & -x) >>> 0) - 1));
      }),
      runs,
    );
  });
});
