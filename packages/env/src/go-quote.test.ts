import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goRun, requireGo } from '@gostd/testing';
import fc from 'fast-check';
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

const quote = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata/quote.go');

describe.skipIf(!requireGo('goQuote vs strconv.Quote'))('goQuote matches Go strconv.Quote', () => {
  it('on random strings', () => {
    // Characters whose class is the same in Go 1.19's Unicode 13 tables and Node's newer ones.
    const chars = fc.constantFrom(
      'a',
      ' ',
      '"',
      '\\',
      "'",
      '\x00',
      '\x07',
      '\x1b',
      '\x7f',
      '\u0085',
      '\u00a0',
      '\u00ad',
      'é',
      '\u0301',
      '\u0378',
      '\u200b',
      '\u2028',
      '\u3000',
      '日',
      '\ue000',
      '\ufeff',
      '\ufffd',
      '\u{1f600}',
      '\u{10ffff}',
    );
    const strings = fc.sample(
      fc.oneof(
        fc.string({ unit: chars, maxLength: 10 }),
        // ASCII and bytes that start no UTF-8 sequence, so no character whose class depends on the tables.
        fc
          .array(fc.oneof(fc.integer({ min: 0, max: 0xbf }), fc.integer({ min: 0xf5, max: 0xff })), {
            maxLength: 10,
          })
          .map((b) => decodeBytes(Uint8Array.from(b))),
      ),
      { numRuns: 2000, seed: 8 },
    );
    const input = strings.map((s) => Buffer.from(encodeBytes(s)).toString('hex')).join('\n');
    const want = goRun(quote, [], `${input}\n`).trimEnd().split('\n');
    for (let i = 0; i < strings.length; i++) {
      expect(Buffer.from(goQuote(strings[i]!), 'utf8').toString('hex'), JSON.stringify(strings[i])).toBe(
        want[i],
      );
    }
    console.log(`goQuote: ${strings.length} strings compared with Go's strconv.Quote`);
  });
});

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
