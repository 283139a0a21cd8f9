// TestRotateLeft from $GOROOT/src/math/bits/bits_test.go: DeBruijn64 rotated by k = 0..127 and back.
import { describe, expect, it } from 'vitest';
import { rotateLeft, rotateLeft8, rotateLeft16, rotateLeft32, rotateLeft64 } from './rotate-left';
import { DeBruijn64 } from './testdata/go-tables';

describe('TestRotateLeft (bits_test.go)', () => {
  it('rotates by k and back by -k for k in 0..127', () => {
    const m = DeBruijn64;
    for (let k = 0; k < 128; k++) {
      const x8 = Number(m & 0xffn);
      const want8 = ((x8 << (k & 7)) | (x8 >> ((8 - k) & 7))) & 0xff;
      expect(rotateLeft8(x8, k)).toBe(want8);
      expect(rotateLeft8(want8, -k)).toBe(x8);

      const x16 = Number(m & 0xffffn);
      const want16 = ((x16 << (k & 15)) | (x16 >> ((16 - k) & 15))) & 0xffff;
      expect(rotateLeft16(x16, k)).toBe(want16);
      expect(rotateLeft16(want16, -k)).toBe(x16);

      const x32 = Number(m & 0xffffffffn);
      const want32 = Number(
        BigInt.asUintN(32, (BigInt(x32) << BigInt(k & 31)) | (BigInt(x32) >> BigInt((32 - k) & 31))),
      );
      expect(rotateLeft32(x32, k)).toBe(want32);
      expect(rotateLeft32(want32, -k)).toBe(x32);

      const want64 = BigInt.asUintN(64, (m << BigInt(k & 63)) | (m >> BigInt((64 - k) & 63)));
      expect(rotateLeft64(m, k)).toBe(want64);
      expect(rotateLeft64(want64, -k)).toBe(m);
      expect(rotateLeft(m, k)).toBe(want64);
      expect(rotateLeft(want64, -k)).toBe(m);
    }
  });
});

describe('k', () => {
  it('is taken mod the width for any integer, negative or beyond 32 bits', () => {
    expect(rotateLeft32(1, 2 ** 40 + 3)).toBe(8);
    expect(rotateLeft32(1, -(2 ** 40) - 1)).toBe(2 ** 31);
    expect(rotateLeft64(1n, 2 ** 40 + 65)).toBe(2n);
    expect(rotateLeft64(1n, -1)).toBe(1n << 63n);
    expect(rotateLeft64(1n, 32)).toBe(1n << 32n);
    expect(rotateLeft64(1n << 32n, -32)).toBe(1n);
    expect(rotateLeft8(1, -9)).toBe(0x80);
    expect(rotateLeft16(0x8001, 1)).toBe(3);
  });
});
