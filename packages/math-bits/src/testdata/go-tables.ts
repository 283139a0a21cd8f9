// Test tables of Go's math/bits, ported as data from
// $GOROOT/src/math/bits/bits_test.go (Go 1.19; the file is unchanged in the
// parts ported here in later releases). Each export names the Go test it came
// from. Values are bigints where Go's are uint64 and numbers where uint32.

/** `_M64` (and `_M`, since UintSize == 64) in bits_test.go: 1<<64 - 1. */
export const M64 = (1n << 64n) - 1n;

/** `_M32` in bits_test.go: 1<<32 - 1. */
export const M32 = 2 ** 32 - 1;

/** `DeBruijn64`, the input TestRotateLeft rotates (export_test.go: DeBruijn64 = deBruijn64). */
export const DeBruijn64 = 0x03f79d71b4ca8b09n;

/** One row of `tab` in bits_test.go: leading zeros, trailing zeros and population count of a byte. */
export interface Entry {
  nlz: number;
  ntz: number;
  pop: number;
}

/** `tab` in bits_test.go: results for all uint8 values, computed by plain loops as Go's init() does. */
export const tab: Entry[] = Array.from({ length: 256 }, (_, i) => {
  if (i === 0) return { nlz: 8, ntz: 8, pop: 0 };
  let nlz = 0;
  for (let x = i; (x & 0x80) === 0; x <<= 1) nlz++;
  let ntz = 0;
  for (let x = i; (x & 1) === 0; x >>= 1) ntz++;
  let pop = 0;
  for (let x = i; x !== 0; x >>= 1) pop += x & 1;
  return { nlz, ntz, pop };
});

/** TestReverse: the patterns {x, r} (besides every single bit), tested both ways. */
export const reverseTests: ReadonlyArray<readonly [x: bigint, r: bigint]> = [
  [0n, 0n],
  [0x1n, 0x8n << 60n],
  [0x2n, 0x4n << 60n],
  [0x3n, 0xcn << 60n],
  [0x4n, 0x2n << 60n],
  [0x5n, 0xan << 60n],
  [0x6n, 0x6n << 60n],
  [0x7n, 0xen << 60n],
  [0x8n, 0x1n << 60n],
  [0x9n, 0x9n << 60n],
  [0xan, 0x5n << 60n],
  [0xbn, 0xdn << 60n],
  [0xcn, 0x3n << 60n],
  [0xdn, 0xbn << 60n],
  [0xen, 0x7n << 60n],
  [0xfn, 0xfn << 60n],
  [0x5686487n, 0xe12616a000000000n],
  [0x0123456789abcdefn, 0xf7b3d591e6a2c480n],
];

/** TestReverseBytes: {x, r}, tested both ways. */
export const reverseBytesTests: ReadonlyArray<readonly [x: bigint, r: bigint]> = [
  [0n, 0n],
  [0x01n, 0x01n << 56n],
  [0x0123n, 0x2301n << 48n],
  [0x012345n, 0x452301n << 40n],
  [0x01234567n, 0x67452301n << 32n],
  [0x0123456789n, 0x8967452301n << 24n],
  [0x0123456789abn, 0xab8967452301n << 16n],
  [0x0123456789abcdn, 0xcdab8967452301n << 8n],
  [0x0123456789abcdefn, 0xefcdab8967452301n << 0n],
];

/** One row of TestAddSubUint32: x + y + c = z with carry cout (and z - x - c = y with borrow cout). */
export type AddSubRow<T> = readonly [x: T, y: T, c: T, z: T, cout: T];

/** TestAddSubUint32. */
export const addSub32Tests: ReadonlyArray<AddSubRow<number>> = [
  [0, 0, 0, 0, 0],
  [0, 1, 0, 1, 0],
  [0, 0, 1, 1, 0],
  [0, 1, 1, 2, 0],
  [12345, 67890, 0, 80235, 0],
  [12345, 67890, 1, 80236, 0],
  [M32, 1, 0, 0, 1],
  [M32, 0, 1, 0, 1],
  [M32, 1, 1, 1, 1],
  [M32, M32, 0, M32 - 1, 1],
  [M32, M32, 1, M32, 1],
];

/** TestAddSubUint64 (and TestAddSubUint, whose _M is _M64 when UintSize == 64). */
export const addSub64Tests: ReadonlyArray<AddSubRow<bigint>> = [
  [0n, 0n, 0n, 0n, 0n],
  [0n, 1n, 0n, 1n, 0n],
  [0n, 0n, 1n, 1n, 0n],
  [0n, 1n, 1n, 2n, 0n],
  [12345n, 67890n, 0n, 80235n, 0n],
  [12345n, 67890n, 1n, 80236n, 0n],
  [M64, 1n, 0n, 0n, 1n],
  [M64, 0n, 1n, 0n, 1n],
  [M64, 1n, 1n, 1n, 1n],
  [M64, M64, 0n, M64 - 1n, 1n],
  [M64, M64, 1n, M64, 1n],
];

/** TestAdd64OverflowPanic / TestSub64OverflowPanic: operand pairs that do and do not carry (borrow). */
export const add64Overflow = {
  overflow: [
    [M64, 1n],
    [1n, M64],
    [M64, M64],
  ],
  ok: [
    [M64, 0n],
    [0n, 0n],
    [1n, 1n],
  ],
} as const;
export const sub64Overflow = {
  overflow: [
    [0n, 1n],
    [1n, M64],
    [M64 - 1n, M64],
  ],
  ok: [
    [M64, 0n],
    [0n, 0n],
    [1n, 1n],
  ],
} as const;

/** One row of TestMulDiv32/64: x * y = (hi, lo); (hi, lo + r) / y = (x, r) and / x = (y, r). */
export type MulDivRow<T> = readonly [x: T, y: T, hi: T, lo: T, r: T];

/** TestMulDiv32. */
export const mulDiv32Tests: ReadonlyArray<MulDivRow<number>> = [
  [2 ** 31, 2, 1, 0, 1],
  [0xc47dfa8c, 50911, 0x98a4, 0x998587f4, 13],
  [M32, M32, M32 - 1, 1, 42],
];

/** TestMulDiv64. */
export const mulDiv64Tests: ReadonlyArray<MulDivRow<bigint>> = [
  [1n << 63n, 2n, 1n, 0n, 1n],
  [0x3626229738a3b9n, 0xd8988a9f1cc4a61n, 0x2dd0712657fe8n, 0x9dd6a3364c358319n, 13n],
  [M64, M64, M64 - 1n, 1n, 42n],
];

/** TestMulDiv (UintSize == 64). */
export const mulDivTests: ReadonlyArray<MulDivRow<bigint>> = [
  [1n << 63n, 2n, 1n, 0n, 1n],
  [M64, M64, M64 - 1n, 1n, 42n],
];

/** The panic messages of TestDiv*Panic*: `divZeroError` and `overflowError` in bits_test.go. */
export const divZeroError = 'runtime error: integer divide by zero';
export const overflowError = 'runtime error: integer overflow';

/** TestRem64Overflow: {hi, lo, y, rem} with hi >= y (computed in Go's test with Python 3). */
export const rem64OverflowTests: ReadonlyArray<readonly [hi: bigint, lo: bigint, y: bigint, rem: bigint]> = [
  [42n, 1119n, 42n, 27n],
  [42n, 1119n, 38n, 9n],
  [42n, 1119n, 26n, 23n],
  [469n, 0n, 467n, 271n],
  [469n, 0n, 113n, 58n],
  [111111n, 111111n, 1171n, 803n],
  [3968194946088682615n, 3192705705065114702n, 1000037n, 56067n],
];
