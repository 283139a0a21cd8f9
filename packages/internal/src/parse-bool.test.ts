import { expect, it } from 'vitest';
import { parseBool } from './parse-bool';

// Go's atobtests (src/strconv/number_test.go), plus every spelling ParseBool's doc comment lists.
it.each<[string, boolean]>([
  ['0', false],
  ['false', false],
  ['true', true],
  ...['1', 't', 'T', 'TRUE', 'true', 'True'].map((s): [string, boolean] => [s, true]),
  ...['0', 'f', 'F', 'FALSE', 'false', 'False'].map((s): [string, boolean] => [s, false]),
])('parseBool(%j) = %s', (s, want) => {
  expect(parseBool(s)).toBe(want);
});

it.each(['', 'asdf', 'tRUE', 'yes', ' true', '\u00ff'])('parseBool(%j) throws Go’s syntax error', (s) => {
  expect(() => parseBool(s)).toThrow(`strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`);
});
