import { expect, it } from 'vitest';
import { quote } from './quote';

const bytes = (...b: number[]) => Uint8Array.from(b);

// Go's quotetests (src/strconv/quote_test.go), the Quote column; go-tables.test.ts also reads the table
// from the machine's Go. A Go string's bytes are a Uint8Array here, so the invalid UTF-8 row is exact.
const quotetests: [string | Uint8Array, string][] = [
  ['\x07\b\f\r\n\t\v', String.raw`"\a\b\f\r\n\t\v"`],
  ['\\', String.raw`"\\"`],
  [bytes(0x61, 0x62, 0x63, 0xff, 0x64, 0x65, 0x66), String.raw`"abc\xffdef"`],
  ['\u263a', '"☺"'],
  ['\u{10ffff}', String.raw`"\U0010ffff"`],
  ['\x04', String.raw`"\x04"`],
  ['!\u00a0!\u2000!\u3000!', String.raw`"!\u00a0!\u2000!\u3000!"`],
  ['\x7f', String.raw`"\x7f"`],
];

it.each(quotetests)('quote(%j) = %s, as Go strconv.Quote', (input, want) => {
  expect(quote(input)).toBe(want);
  if (typeof input === 'string') expect(quote(new TextEncoder().encode(input))).toBe(want);
});

it('writes each byte that starts no valid UTF-8 sequence as \\xNN, as Go does', () => {
  // Overlong, surrogate (ED A0 80), above U+10FFFF, truncated, and a lone continuation byte.
  expect(quote(bytes(0xc0, 0x80))).toBe(String.raw`"\xc0\x80"`);
  expect(quote(bytes(0xed, 0xa0, 0x80))).toBe(String.raw`"\xed\xa0\x80"`);
  expect(quote(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(String.raw`"\xf4\x90\x80\x80"`);
  expect(quote(bytes(0xe2, 0x98))).toBe(String.raw`"\xe2\x98"`);
  expect(quote(bytes(0x80, 0x22))).toBe(String.raw`"\x80\""`);
  expect(quote(bytes(0xef, 0xbf, 0xbd))).toBe('"\ufffd"');
});

it('reads a lone surrogate as U+FFFD, as Go (utf16.Decode) and TextEncoder do', () => {
  for (const s of ['\ud800', '\udc80', '\udcff', 'a\udbffb', '\udfff\ud800']) {
    expect(quote(s)).toBe(quote(new TextEncoder().encode(s)));
  }
  expect(quote('a\udc80b')).toBe('"a\ufffdb"');
});

it("answers from Go's Unicode tables, not the JavaScript engine's", () => {
  // U+2EBF0 (CJK Extension I) and U+1FAE9 came in Unicode 15.1 and 16.0: letters and symbols to a newer
  // engine, unassigned to Go 1.26's Unicode 15.0, whose Quote escapes them.
  expect(quote('\u{2ebf0}')).toBe(String.raw`"\U0002ebf0"`);
  expect(quote('\u{1fae9}')).toBe(String.raw`"\U0001fae9"`);
  expect(quote('\u0378\u00ad\u2028\ufeff')).toBe(String.raw`"\u0378\u00ad\u2028\ufeff"`);
});
