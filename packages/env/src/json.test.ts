import { describe, expect, it } from 'vitest';
import { formatJSON, quoteJSON } from './json';
import { decodeBytes } from './utf8';

describe('quoteJSON', () => {
  // Escapes from Go's encoding/json encodeState.string (src/encoding/json/encode.go) and the Go 1.22 release
  // notes (\b and \f); expected literals as Go writes them.
  const table: [string, string, string?][] = [
    ['', '""'],
    ['plain', '"plain"'],
    ['"\\', '"\\"\\\\"'],
    ['<a href="x">&amp;</a>', '"\\u003ca href=\\"x\\"\\u003e\\u0026amp;\\u003c/a\\u003e"'],
    ['\n\r\t', '"\\n\\r\\t"'],
    ['\b\f', '"\\b\\f"', '"\\u0008\\u000c"'],
    ['\x00\x01\x1f\x7f', '"\\u0000\\u0001\\u001f\x7f"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['é日本😀\ufffd', '"é日本😀\ufffd"'],
    ['/', '"/"'],
  ];
  it.each(table)('quoteJSON(%j) = %s', (s, want, want119) => {
    expect(quoteJSON(s)).toBe(want);
    expect(quoteJSON(s, 'go1.19')).toBe(want119 ?? want);
  });

  it('writes \\ufffd for each byte that is not UTF-8, as Go does', () => {
    // 0xff, a truncated 3-byte sequence, and an encoded surrogate (ED A0 80): one \ufffd per byte.
    const s = decodeBytes(Uint8Array.of(0x61, 0xff, 0xe2, 0x82, 0x62, 0xed, 0xa0, 0x80));
    expect(quoteJSON(s)).toBe('"a\\ufffd\\ufffd\\ufffdb\\ufffd\\ufffd\\ufffd"');
    expect(quoteJSON('\ud800x\udfff')).toBe('"\\ufffdx\\ufffd"');
  });
});

describe('formatJSON', () => {
  it('prints an empty map as {} and a newline', () => {
    expect(formatJSON([])).toBe('{}\n');
  });
  it('sorts keys by their bytes, indents with a tab and ends with a newline', () => {
    // U+FF5E sorts before U+1F600 in UTF-8 byte order but after it in UTF-16 order.
    expect(
      formatJSON([
        ['b', '2'],
        ['\u{1f600}', 'x'],
        ['a', '1'],
        ['\uff5e', 'y'],
        ['B', '&'],
      ]),
    ).toBe('{\n\t"B": "\\u0026",\n\t"a": "1",\n\t"b": "2",\n\t"\uff5e": "y",\n\t"\u{1f600}": "x"\n}\n');
  });
  it('keeps the last of duplicate keys, as a Go map does', () => {
    expect(
      formatJSON([
        ['K', '1'],
        ['K', '2'],
      ]),
    ).toBe('{\n\t"K": "2"\n}\n');
  });
});
