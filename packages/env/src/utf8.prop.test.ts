import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, encodeBytes, validUTF8 } from './utf8';

describe('decodeBytes and encodeBytes', () => {
  it('give back any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const s = decodeBytes(b);
        expect(Buffer.from(encodeBytes(s)).equals(Buffer.from(b))).toBe(true);
        expect(validUTF8(s)).toBe(isUtf8(b));
      }),
      { numRuns: 5000 },
    );
  });
  it('decode valid UTF-8 as TextDecoder does, and any string without lone surrogates back to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
        expect(decodeBytes(Buffer.from(s, 'utf8'))).toBe(s);
        expect(Buffer.from(encodeBytes(s)).toString('utf8')).toBe(s);
      }),
    );
  });
});

describe('decodeBytes', () => {
  // One escaped byte per byte that Go's utf8.DecodeRune rejects with size 1 (src/unicode/utf8/utf8_test.go
  // invalidSequenceTests).
  const table: [number[], string][] = [
    [[0xed, 0xa0, 0x80, 0x80], '\udced\udca0\udc80\udc80'], // surrogate half
    [[0xed, 0xbf, 0xbf, 0x80], '\udced\udcbf\udcbf\udc80'],
    [[0xf0, 0x8f, 0xbf, 0xbf], '\udcf0\udc8f\udcbf\udcbf'], // overlong
    [[0xf4, 0x90, 0x80, 0x80], '\udcf4\udc90\udc80\udc80'], // past U+10FFFF
    [[0xf7, 0xbf, 0xbf, 0xbf], '\udcf7\udcbf\udcbf\udcbf'],
    [[0xc0, 0x80], '\udcc0\udc80'],
    [[0xe2, 0x82, 0x41], '\udce2\udc82A'],
    [[0xef, 0xbb, 0xbf, 0x41], '\ufeffA'], // a byte order mark is kept
  ];
  it.each(table)('decodeBytes(%j)', (b, want) => {
    expect(decodeBytes(Uint8Array.from(b))).toBe(want);
  });
});
