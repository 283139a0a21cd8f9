// Arguments of the wrong JavaScript type fail loudly (TypeScript's types rule them out; at run time the
// engine's conversions throw), and out-of-width values wrap instead of giving a wrong answer.
import { describe, expect, it } from 'vitest';
import * as bits from './index';

const loose = bits as unknown as Record<string, (...args: unknown[]) => unknown>;

describe('a number where a bigint is expected', () => {
  it.each([
    'leadingZeros64',
    'trailingZeros64',
    'onesCount64',
    'len64',
    'reverse64',
    'reverseBytes64',
    'len',
  ])('%s(1) throws a TypeError', (name) => {
    expect(() => loose[name]!(1)).toThrow(TypeError);
  });
  it('add64, mul64, div64, rem64 and rotateLeft64 throw a TypeError', () => {
    expect(() => loose.add64!(1, 2n, 0n)).toThrow(TypeError);
    expect(() => loose.mul64!(1n, 2)).toThrow(TypeError);
    expect(() => loose.div64!(0n, 1n, 3)).toThrow(TypeError);
    expect(() => loose.rem64!(0n, 1, 3n)).toThrow(TypeError);
    expect(() => loose.rotateLeft64!(1, 2)).toThrow(TypeError);
    expect(() => loose.onesCount64!(undefined)).toThrow(TypeError);
  });
});

describe('a bigint where a number is expected', () => {
  it.each([
    'leadingZeros8',
    'leadingZeros16',
    'leadingZeros32',
    'trailingZeros32',
    'onesCount32',
    'len32',
    'reverse32',
    'reverseBytes32',
  ])('%s(1n) throws a TypeError', (name) => {
    expect(() => loose[name]!(1n)).toThrow(TypeError);
  });
  it('add32, mul32, div32, rem32 and rotateLeft64’s k throw a TypeError', () => {
    expect(() => loose.add32!(1n, 2, 0)).toThrow(TypeError);
    expect(() => loose.mul32!(1, 2n)).toThrow(TypeError);
    expect(() => loose.div32!(0, 1, 3n)).toThrow(TypeError);
    expect(() => loose.rem32!(0, 1n, 3)).toThrow(TypeError);
    expect(() => loose.rotateLeft64!(1n, 2n)).toThrow(TypeError);
  });
});

describe('the shared scratch', () => {
  it('is not corrupted when converting an argument runs code that calls the package again', () => {
    // A BigUint64Array store converts an object through Symbol.toPrimitive, which here uses the same
    // scratch cells (with other values) before handing back its bigint.
    const sneaky = (v: bigint) =>
      ({
        [Symbol.toPrimitive]: () => {
          bits.div64(5n, 6n, 7n);
          bits.rem64(9n, 9n, 5n);
          bits.mul64(-1n, -1n);
          return v;
        },
      }) as unknown as bigint;
    const M64 = (1n << 64n) - 1n;
    expect(bits.div64(sneaky(1n), sneaky(2n), sneaky(3n))).toEqual([
      ((1n << 64n) + 2n) / 3n,
      ((1n << 64n) + 2n) % 3n,
    ]);
    expect(bits.rem64(sneaky(10n), sneaky(2n), sneaky(3n))).toBe(((10n << 64n) + 2n) % 3n);
    expect(bits.mul64(sneaky(M64), sneaky(2n))).toEqual([1n, M64 - 1n]);
    expect(bits.add64(sneaky(M64), sneaky(1n), sneaky(1n))).toEqual([1n, 1n]);
    expect(bits.sub64(sneaky(0n), sneaky(1n), sneaky(0n))).toEqual([M64, 1n]);
    expect(bits.rotateLeft64(sneaky(1n), 1)).toBe(2n);
  });
});
