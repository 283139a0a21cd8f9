// parseFlags alone: Go's flag package cases ($(go env GOROOT)/src/flag/flag_test.go and flag.go's parseOne),
// then a differential test against Go's flag package itself (src/testdata/flags.go) on random command lines.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goRun, requireGo } from '@gostd/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags } from './flags';

const names = ['json', 'changed', 'u', 'w'] as const;
const none = { json: false, changed: false, u: false, w: false };

/** What parseFlags gives for argv, as the Go oracle writes it: help, an error's message, or flags and args. */
function ours(argv: readonly string[]): { help?: true; err?: string; set?: typeof none; args?: string[] } {
  try {
    const r = parseFlags(argv, names);
    return r.help ? { help: true } : { set: r.set, args: r.args };
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    return { err: e.message };
  }
}

// argv, then what it parses to. Rows marked flag_test.go come from Go's tests; the rest from parseOne's rules.
const table: [string[], ReturnType<typeof ours>][] = [
  [[], { set: none, args: [] }],
  // flag_test.go testParse: "-bool", "-bool2=true", "--int" ..., then the arguments left over.
  [
    ['-json', '-changed=true', '--u', 'extra'],
    { set: { ...none, json: true, changed: true, u: true }, args: ['extra'] },
  ],
  // flag_test.go TestHelp: "-flag=true" sets it, "-help" (not defined) asks for help.
  [['-w=true'], { set: { ...none, w: true }, args: [] }],
  [['-help'], { help: true }],
  [['-h'], { help: true }],
  [['--help=nonsense'], { help: true }],
  [['-json', '-h', '-nope'], { help: true }],
  [['-nope', '-h'], { err: 'flag provided but not defined: -nope' }],
  // flag_test.go TestParseError: "-bool=x" is a parse error.
  [['-json=x'], { err: 'invalid boolean value "x" for -json: parse error' }],
  [['--changed='], { err: 'invalid boolean value "" for -changed: parse error' }],
  [['-w=tRue'], { err: 'invalid boolean value "tRue" for -w: parse error' }],
  [['-u=é\t'], { err: 'invalid boolean value "é\\t" for -u: parse error' }],
  // strconv.ParseBool's spellings, and the last occurrence wins.
  [
    ['-json=1', '-u=t', '-w=T', '-changed=TRUE'],
    { set: { json: true, changed: true, u: true, w: true }, args: [] },
  ],
  [['-json=True', '-json=0'], { set: none, args: [] }],
  [['-u=f', '-w=F', '-changed=FALSE', '-json=False', 'x'], { set: none, args: ['x'] }],
  // Flags end at "--" (dropped), "-" and the first argument that is not a flag (both kept).
  [['--', '-json'], { set: none, args: ['-json'] }],
  [['-json', '--', '--'], { set: { ...none, json: true }, args: ['--'] }],
  [['-', '-json'], { set: none, args: ['-', '-json'] }],
  [['GOOS', '-json'], { set: none, args: ['GOOS', '-json'] }],
  [['-json', 'false'], { set: { ...none, json: true }, args: ['false'] }],
  // bad flag syntax: a third minus, or "=" first.
  [['---json'], { err: 'bad flag syntax: ---json' }],
  [['-=json'], { err: 'bad flag syntax: -=json' }],
  [['--=x'], { err: 'bad flag syntax: --=x' }],
  [['-='], { err: 'bad flag syntax: -=' }],
  // Names are exact: case counts, and only the part before the first "=" is the name.
  [['-Json'], { err: 'flag provided but not defined: -Json' }],
  [['-x=1'], { err: 'flag provided but not defined: -x' }],
  [['-json==1'], { err: 'invalid boolean value "=1" for -json: parse error' }],
];

describe('parseFlags reads a command line as Go flag package does', () => {
  it.each(table)('%j', (argv, want) => {
    expect(ours(argv)).toEqual(want);
  });
  it('a flag named h or help is a flag, not a request for help (flag_test.go TestHelp)', () => {
    expect(parseFlags(['-help', '-h=false'], ['help', 'h'])).toEqual({
      help: false,
      set: { help: true, h: false },
      args: [],
    });
  });
  it('leaves argv as it was', () => {
    const argv = ['-json', '--', 'x'];
    parseFlags(argv, names);
    expect(argv).toEqual(['-json', '--', 'x']);
  });
});

const oracle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata/flags.go');

// Command lines made of what matters to the parser: minuses, names (defined, help, unknown, empty), "=" and
// values strconv.ParseBool takes or refuses, plain arguments, and arbitrary short strings.
const value = fc.constantFrom(
  'true',
  'false',
  '1',
  '0',
  't',
  'F',
  'TRUE',
  'False',
  'tRue',
  '',
  'maybe',
  'é',
  '\t',
  '=',
);
const flagName = fc.constantFrom(
  'json',
  'changed',
  'u',
  'w',
  'h',
  'help',
  'Json',
  'x',
  '',
  '=',
  '-',
  'json ',
);
const flagArg = fc
  .tuple(fc.constantFrom('-', '--', '---'), flagName, fc.option(value, { nil: undefined }))
  .map(([minus, name, v]) => (v === undefined ? `${minus}${name}` : `${minus}${name}=${v}`));
const arg = fc.oneof(
  { arbitrary: flagArg, weight: 6 },
  { arbitrary: fc.constantFrom('-', '--', 'GOOS', 'A=B', 'false'), weight: 2 },
  { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
);

describe.skipIf(!requireGo("parseFlags vs Go's flag package"))("parseFlags matches Go's flag package", () => {
  it('on random command lines', () => {
    const lines = fc.sample(fc.array(arg, { maxLength: 6 }), { numRuns: 3000, seed: 26 });
    lines.push(...table.map(([argv]) => argv));
    const input = lines.map((l) => JSON.stringify(l)).join('\n');
    const want = goRun(oracle, [], `${input}\n`).trimEnd().split('\n');
    expect(want.length).toBe(lines.length);
    const seen = { help: 0, err: 0, set: 0 };
    for (let i = 0; i < lines.length; i++) {
      const w = JSON.parse(want[i]!) as ReturnType<typeof ours>;
      if (w.set) w.args ??= [];
      const got = ours(lines[i]!);
      expect(got, JSON.stringify(lines[i])).toEqual(w);
      seen[got.help ? 'help' : got.err ? 'err' : 'set']++;
    }
    // Each outcome must come up often, or the comparison proves little.
    for (const n of Object.values(seen)) expect(n).toBeGreaterThan(lines.length / 20);
    console.log(`parseFlags: ${lines.length} command lines compared with Go's flag package`, seen);
  });
});
