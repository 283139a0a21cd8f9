// eval of formatShell's output in a real sh gives back every value, byte for byte.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatShell } from './shell';
import { decodeBytes, encodeBytes } from './utf8';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-env-sh-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Any string a variable can hold: no NUL. Arbitrary bytes too (invalid UTF-8 as lone surrogates).
const nasty = fc.constantFrom(
  "'",
  '"',
  '\\',
  '$',
  '`',
  '!',
  '\n',
  ' ',
  '\t',
  '*',
  '~',
  ';',
  '&',
  '|',
  '#',
  '$(id)',
);
const value = fc
  .oneof(
    fc.string({ unit: fc.oneof(nasty, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) }),
    fc.string({ unit: 'binary' }),
    fc.uint8Array({ maxLength: 20 }).map(decodeBytes),
  )
  .map((s) => decodeBytes(encodeBytes(s)).replaceAll('\0', ''));

describe('formatShell for sh', () => {
  const shells = ['sh', 'bash'].filter((sh) => spawnSync(sh, ['-c', 'true']).status === 0);
  it('has a POSIX sh', () => {
    expect(shells).toContain('sh');
  });
  it.each(shells)('round-trips arbitrary values through eval in %s', (shell) => {
    let runs = 0;
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 30 }), (values) => {
        const vars = values.map((v, i): [string, string] => [`V${i}`, v]);
        const script = path.join(dir, `vars-${runs}.sh`);
        fs.writeFileSync(script, encodeBytes(formatShell(vars, 'sh')));
        // Each value goes to its own file with printf, which adds and removes nothing.
        const out = path.join(dir, `out-${runs++}`);
        const prog = `eval "$(cat "$1")"; i=0; while [ $i -lt ${values.length} ]; do eval "printf '%s' \\"\\$V$i\\"" > "$2.$i"; i=$((i+1)); done`;
        const r = spawnSync(shell, ['-c', prog, shell, script, out]);
        expect(r.status, r.stderr.toString()).toBe(0);
        values.forEach((v, i) => {
          expect(fs.readFileSync(`${out}.${i}`).equals(Buffer.from(encodeBytes(v))), JSON.stringify(v)).toBe(
            true,
          );
        });
      }),
      { numRuns: 60 },
    );
    console.log(`formatShell: ${runs} listings evaluated in ${shell}`);
  });
});
