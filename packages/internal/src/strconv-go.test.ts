// @gostd/internal against the machine's Go: Go's own strconv test tables read from its GOROOT, the
// generated IsPrint table, and Quote on random strings and bytes.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { go, goRun, requireGo, SplitMix64 } from '@gostd/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPrint } from './is-print';
import { parseBool } from './parse-bool';
import { quote } from './quote';

const testdata = (f: string) => fileURLToPath(new URL(`testdata/${f}`, import.meta.url));
const strconv = testdata('strconv.go');
const fromHex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const text = (h: string) => Buffer.from(h, 'hex').toString('utf8');

describe.skipIf(!requireGo('@gostd/internal vs Go strconv'))('@gostd/internal vs Go strconv', () => {
  let tables: { quotetests: string[][]; atobtests: string[][] };
  beforeAll(() => {
    tables = JSON.parse(goRun(strconv, ['tables', go(['env', 'GOROOT']).trim()]));
  }, 120_000);

  it("quote passes Go's quotetests, read from $GOROOT/src/strconv/quote_test.go", () => {
    expect(tables.quotetests.length).toBeGreaterThanOrEqual(8);
    for (const [input = '', out = ''] of tables.quotetests) {
      expect(quote(fromHex(input)), input).toBe(text(out));
      const s = text(input);
      if (Buffer.from(s).toString('hex') === input) expect(quote(s), input).toBe(text(out));
    }
  });

  it("parseBool passes Go's atobtests, read from $GOROOT/src/strconv/number_test.go", () => {
    expect(tables.atobtests.length).toBeGreaterThanOrEqual(5);
    for (const [input = '', out, err] of tables.atobtests) {
      if (err === 'nil') expect(parseBool(text(input))).toBe(out === 'true');
      else expect(() => parseBool(text(input))).toThrow(/invalid syntax/);
    }
  });

  it('isPrint agrees with Go on every code point', () => {
    const want = goRun(strconv, ['isprint']);
    expect(want.length).toBe(0x110000);
    const wrong: string[] = [];
    for (let r = 0; r < want.length; r++) {
      if (isPrint(r) !== (want[r] === '1') && wrong.push(`U+${r.toString(16)}`) >= 10) break;
    }
    expect(wrong).toEqual([]);
  });

  it('print-ranges.ts is what src/testdata/isprint.go writes with this Go', () => {
    const file = fileURLToPath(new URL('print-ranges.ts', import.meta.url));
    expect(fs.readFileSync(file, 'utf8')).toBe(goRun(testdata('isprint.go')));
  });

  it('quote matches Go on random bytes and strings', () => {
    const rng = new SplitMix64(0x9017n);
    const int = (n: number) => rng.below(n);
    const inputs: Uint8Array[] = [];
    const strings: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const len = int(12);
      const units: number[] = [];
      const kind = i % 3;
      for (let j = 0; j < len; j++) {
        if (kind === 0)
          units.push(int(256)); // any bytes: invalid UTF-8 included
        else if (kind === 1)
          units.push(int(0x80)); // ASCII: every control character
        else {
          // code points from every plane, surrogates (lone or paired by chance) included
          const c =
            [int(0x80), 0x80 + int(0x780), int(0x10000), 0xd800 + int(0x800), int(0x110000)][int(5)] ?? 0;
          units.push(c);
        }
      }
      if (kind === 2) {
        const s = units.map((c) => String.fromCodePoint(c)).join('');
        strings.push(s);
        inputs.push(new TextEncoder().encode(s));
      } else inputs.push(Uint8Array.from(units));
    }
    const input = inputs.map((b) => Buffer.from(b).toString('hex')).join('\n');
    const want = goRun(strconv, ['quote'], `${input}\n`).trimEnd().split('\n').map(text);
    expect(want.length).toBe(inputs.length);
    let s = 0;
    for (let i = 0; i < inputs.length; i++) {
      const b = inputs[i] as Uint8Array;
      expect(quote(b), Buffer.from(b).toString('hex')).toBe(want[i]);
      if (i % 3 === 2) expect(quote(strings[s++] ?? ''), JSON.stringify(strings[s - 1])).toBe(want[i]);
    }
  });
});
