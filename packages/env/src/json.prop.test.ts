// Differential test: formatJSON against real Go's encoding/json (src/testdata/marshal.go) on random maps.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goRun, goVersion, requireGo } from '@gostd/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ControlEscapes, formatJSON } from './json';
import { decodeBytes, encodeBytes } from './utf8';

const marshal = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata/marshal.go');

// Go 1.22 changed \u0008 and \u000c to \b and \f; compare with the conventions of the Go the tests use.
function escapesOfGo(): ControlEscapes {
  const v = /go1\.(\d+)/.exec(goVersion());
  return v && Number(v[1]) >= 22 ? 'go1.22' : 'go1.19';
}

const special = fc.constantFrom(
  '<',
  '>',
  '&',
  '"',
  '\\',
  '\u2028',
  '\u2029',
  '\b',
  '\f',
  '\x7f',
  '\ufffd',
  '\u{1f600}',
);
const text = fc.oneof(
  fc.string({
    unit: fc.oneof(special, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
    maxLength: 12,
  }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
  // Arbitrary bytes: invalid UTF-8 becomes lone surrogates, which stand for the same bytes.
  fc.uint8Array({ maxLength: 12 }).map((b) => decodeBytes(b)),
);
// A key is normalized to the one string that stands for its bytes (a lone U+D800 and U+FFFD are both EF BF
// BD), so that two keys Go's map would merge are one key here too.
const key = text.map((k) => decodeBytes(encodeBytes(k)));
const map = fc.array(fc.tuple(key, text), { maxLength: 8 });

const hex = (s: string) => Buffer.from(encodeBytes(s)).toString('hex');

describe.skipIf(!requireGo('formatJSON vs encoding/json'))(
  'formatJSON matches Go encoding/json MarshalIndent',
  () => {
    it('on random maps of random strings', () => {
      const maps = fc.sample(map, { numRuns: 3000, seed: 8 });
      maps.push(
        [],
        [['<>&', '\u2028\u2029\x00\x1f']],
        [
          ['K', '1'],
          ['K', '2'],
        ],
      );
      const input = maps.map((m) => m.map(([k, v]) => `${hex(k)}=${hex(v)}`).join(' ')).join('\n');
      const want = goRun(marshal, [], `${input}\n`).trimEnd().split('\n');
      expect(want.length).toBe(maps.length);
      const escapes = escapesOfGo();
      let compared = 0;
      for (let i = 0; i < maps.length; i++) {
        const got = Buffer.from(formatJSON(maps[i]!, escapes), 'utf8').toString('hex');
        expect(got, JSON.stringify(maps[i])).toBe(want[i]);
        compared++;
      }
      console.log(`formatJSON: ${compared} maps compared byte for byte with Go (${escapes} escapes)`);
    });
  },
);
