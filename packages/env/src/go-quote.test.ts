import { describe, expect, it } from 'vitest';
import { goQuote, splitQuoted } from './go-quote';
import { decodeBytes, encodeBytes } from './utf8';

describe('goQuote', () => {
  // Go's quotetests (src/strconv/quote_test.go); Go's byte string "abc\xffdef" is here the string that
  // stands for those bytes, the byte 0xff as a lone surrogate.
  const table: [string, string][] = [
    ['\x07\b\f\r\n\t\v', '"\\a\\b\\f\\r\\n\\t\\v"'],
    ['\\', '"\\\\"'],
    [decodeBytes(Uint8Array.of(0x61, 0x62, 0x63, 0xff, 0x64, 0x65, 0x66)), '"abc\\xffdef"'],
    ['\u263a', '"☺"'],
    ['\u{10ffff}', '"\\U0010ffff"'],
    ['\x04', '"\\x04"'],
    ['!\u00a0!\u2000!\u3000!', '"!\\u00a0!\\u2000!\\u3000!"'],
    ['\x7f', '"\\x7f"'],
  ];
  it.each(table)('goQuote(%j) = %s', (s, want) => {
    expect(goQuote(s)).toBe(want);
  });
});

describe('splitQuoted', () => {
  // Go's TestSplit table (src/cmd/internal/quoted/quoted_test.go).
  const table: [string, string[] | string][] = [
    ['', []],
    [' ', []],
    ['a', ['a']],
    [' a', ['a']],
    ['a ', ['a']],
    ['a b', ['a', 'b']],
    ['a  b', ['a', 'b']],
    ['a\tb', ['a', 'b']],
    ['a\nb', ['a', 'b']],
    ["'a b'", ['a b']],
    ['"a b"', ['a b']],
    ['\'a \'"b "', ['a ', 'b ']],
    ['\'a "\'"\'b"', ['a "', "'b"]],
    ["\\'", ["\\'"]],
    ["'a", "unterminated ' string"],
  ];
  it.each(table)('splitQuoted(%j)', (s, want) => {
    if (typeof want === 'string') expect(() => splitQuoted(s)).toThrow(want);
    else expect(splitQuoted(s)).toEqual(want);
  });
});

// strconv.Quote itself is compared with Go on random bytes and strings in @gostd/internal
// (strconv-go.test.ts), and encodeBytes(decodeBytes(b)) gives b back (utf8.prop.test.ts).
describe('goQuote quotes the bytes a string stands for', () => {
  it('surrogate-escaped bytes that together are valid UTF-8 are that character, as Go sees them', () => {
    // encodeBytes('\udcc3\udca9') is C3 A9, "é" to Go: strconv.Quote writes it as it is.
    expect(Buffer.from(encodeBytes('\udcc3\udca9')).toString('hex')).toBe('c3a9');
    expect(goQuote('\udcc3\udca9')).toBe('"é"');
  });
  it("answers from Go's Unicode tables, not the engine's newer ones", () => {
    // U+2EBF0 came in Unicode 15.1; Go 1.26 (Unicode 15.0) escapes it.
    expect(goQuote('\u{2ebf0}')).toBe('"\\U0002ebf0"');
  });
});
