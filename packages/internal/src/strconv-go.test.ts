// @gostd/internal against the machine's Go: Go's own strconv test tables read from its GOROOT, the
// generated IsPrint table, and Quote on random strings and bytes.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { go, goRun, requireGo, SplitMix64 } from '@gostd/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeRanges, isPrint } from './is-print';
import { newerRanges } from './newer-unicode';
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
    // On an engine with a newer Unicode than newer-unicode.ts was made with, rewrite the file:
    // GOSTD_UPDATE=1 npx vitest run src/strconv-go.test.ts
    expect(wrong).toEqual([]);
  });

  it('newer-unicode.ts lists nothing Go prints (GOSTD_UPDATE=1 rewrites it for this engine)', () => {
    const go = goRun(strconv, ['isprint']);
    const want = newerThanGo(go);
    const file = fileURLToPath(new URL('newer-unicode.ts', import.meta.url));
    if (process.env.GOSTD_UPDATE === '1')
      fs.writeFileSync(file, newerUnicodeFile(want, process.versions.unicode ?? ''));
    const listed = decodeRanges(newerRanges);
    for (let i = 0; i < listed.length; i += 2) {
      for (let r = listed[i] ?? 0; r < (listed[i + 1] ?? 0); r++)
        expect(go[r], `U+${r.toString(16)}`).toBe('0');
    }
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

/** The code points above U+00FF this engine's \\p{L,M,N,P,S} call printable and Go (bitmap go) does not, as ranges. */
function newerThanGo(go: string): string {
  const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
  const parts: string[] = [];
  let end = 0;
  let start = -1;
  for (let r = 0x100; r <= 0x110000; r++) {
    const newer =
      r < 0x110000 && (r < 0xd800 || r > 0xdfff) && go[r] !== '1' && printable.test(String.fromCodePoint(r));
    if (newer && start < 0) start = r;
    if (!newer && start >= 0) {
      parts.push(`${(start - end).toString(36)}.${(r - start).toString(36)}`);
      end = r;
      start = -1;
    }
  }
  return parts.join(',');
}

function newerUnicodeFile(list: string, engineUnicode: string): string {
  const lines: string[] = [];
  let line = '';
  for (const p of list.split(',').map((p, i, a) => (i < a.length - 1 ? `${p},` : p))) {
    if (line.length + p.length > 96) {
      lines.push(line);
      line = '';
    }
    line += p;
  }
  lines.push(line);
  return `// Generated by strconv-go.test.ts (GOSTD_UPDATE=1) on an engine with Unicode ${engineUnicode}; do not edit.

/**
 * The code points above U+00FF that Unicode assigned as letters, marks, numbers, punctuation or symbols
 * after Go's tables (Go 1.26: Unicode 15.0): a newer JavaScript engine calls them printable, Go's
 * strconv.IsPrint does not. Ranges as "gap.length" in base 36: the gap from the end of the range before,
 * then its length.
 */
export const newerRanges =
${lines.map((l) => `  '${l}'`).join(' +\n')};
`;
}
