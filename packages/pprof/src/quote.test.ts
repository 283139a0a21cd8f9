import { expect, it } from 'vitest';
import { quote } from './quote';

// From Go's src/strconv/quote_test.go (quotetests, the Quote column). The row
// "abc\xffdef" (invalid UTF-8) has no JavaScript string and is left out.
const quotetests: [string, string][] = [
  ['\x07\b\f\r\n\t\v', String.raw`"\a\b\f\r\n\t\v"`],
  ['\\', String.raw`"\\"`],
  ['\u263a', '"☺"'],
  ['\u{10ffff}', String.raw`"\U0010ffff"`],
  ['\x04', String.raw`"\x04"`],
  ['!\u00a0!\u2000!\u3000!', String.raw`"!\u00a0!\u2000!\u3000!"`],
  ['\x7f', String.raw`"\x7f"`],
];

it.each(quotetests)('quote(%j) = %s, as Go strconv.Quote', (input, want) => {
  expect(quote(input)).toBe(want);
});

it('quotes a lone surrogate as the replacement character, as Go sees it after UTF-8 encoding', () => {
  expect(quote('a\ud800b')).toBe('"a\ufffdb"');
});
