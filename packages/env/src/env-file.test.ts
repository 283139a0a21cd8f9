import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { go, requireGo } from '@gostd/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { editEnvFile, parseEnvFile, readEnvFile, updateEnvFile } from './env-file';
import { decodeBytes } from './utf8';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-env-file-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines verbatim, the last duplicate winning, skipping comments and blank lines', () => {
    const text = '# comment\n\n  \t\nA=1\nB= spaced = value \nA=2\n#A=3\nC=\nlower_case=ok\r\nD=no newline';
    expect([...parseEnvFile(text)]).toEqual([
      ['B', ' spaced = value '],
      ['A', '2'],
      ['C', ''],
      ['lower_case', 'ok\r'],
      ['D', 'no newline'],
    ]);
  });
  it.each([
    ['oops', 1, '"oops"'],
    ['A=1\n=x', 2, '"=x"'],
    ['A=1\n\n1A=x', 3, '"1A=x"'],
    [' A=1', 1, '" A=1"'],
    ['A B=1', 1, '"A B=1"'],
    ['A=1\nexport A=2', 2, '"export A=2"'],
    ['\u00e9=1', 1, '"\u00e9=1"'],
  ])('names the malformed line of %j', (text, line, quoted) => {
    expect(() => parseEnvFile(text, '/cfg/env')).toThrow(
      `/cfg/env:${line}: malformed line ${quoted}: want KEY=VALUE, a # comment or a blank line`,
    );
  });
});

describe('updateEnvFile', () => {
  // The rules of Go's updateEnvFile (src/cmd/go/internal/envcmd/env.go) and env_write.txt's
  // "file is maintained in sorted order: grep 'CC=xyc\nGOOS=' $GOENV".
  it.each([
    ['adds to an empty file', '', { GOOS: 'linux', CC: 'xyc' }, [], 'CC=xyc\nGOOS=linux\n'],
    ['updates in place', 'A=1\nB=2\n', { A: '3' }, [], 'A=3\nB=2\n'],
    ['keeps only the last duplicate', 'B=1\nA=1\nB=2\n', {}, [], 'A=1\nB=2\n'],
    [
      'keeps comments, sorting each run',
      '# x\nZ=1\nY=2\n\nB=1\nA=2\n',
      { C: '3' },
      [],
      '# x\nY=2\nZ=1\n\nA=2\nB=1\nC=3\n',
    ],
    ['deletes', '# x\nA=1\nB=2\n', {}, ['A', 'Q'], '# x\nB=2\n'],
    ['adds a newline to the last line', 'A=1', { B: '2' }, [], 'A=1\nB=2\n'],
    ['keeps values verbatim', 'A= x=y #z \n', { B: '' }, [], 'A= x=y #z \nB=\n'],
    // The removed first A=1 ends a run: D=1 is sorted apart from the rest.
    ['sorts runs split by a removed duplicate', 'D=1\nA=1\nB=1\nA=2\nC=1\n', {}, [], 'D=1\nA=2\nB=1\nC=1\n'],
  ] as const)('%s', (_, text, add, del, want) => {
    expect(updateEnvFile(text, add, del)).toBe(want);
  });
  it('adds any number of keys at once', () => {
    // lines.push(...appended) passed one argument a new key and threw a RangeError past about 120,000.
    const add: Record<string, string> = {};
    for (let i = 0; i < 200_000; i++) add[`K${String(i).padStart(6, '0')}`] = String(i);
    const lines = updateEnvFile('A=1\n', add).split('\n');
    expect(lines.length).toBe(200_002);
    expect(lines.slice(0, 3)).toEqual(['A=1', 'K000000=0', 'K000001=1']);
    expect(lines[200_000]).toBe('K199999=199999');
  });
  it('refuses a malformed file, naming the line', () => {
    expect(() => updateEnvFile('A=1\nbad line\n', { A: '2' }, [], 'f')).toThrow(
      'f:2: malformed line "bad line"',
    );
  });
});

/** writeFileAtomic replaces the text of file with text, as -w does. */
const writeFileAtomic = (file: string, text: string) => editEnvFile(file, () => text);

describe('editEnvFile', () => {
  it('creates the directory, replaces the file, keeps its mode and leaves no temporary file', () => {
    const file = path.join(tmp, 'a/b/env');
    writeFileAtomic(file, 'A=1\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('A=1\n');
    fs.chmodSync(file, 0o600);
    writeFileAtomic(file, 'A=2\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('A=2\n');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['.env.lock', 'env']);
    expect(
      fs.readdirSync(path.join(path.dirname(file), '.env.lock')).filter((f) => f.endsWith('.tmp')),
    ).toEqual([]);
  });
  it.skipIf(process.platform === 'win32')('writes through a symlink to its target', () => {
    const target = path.join(tmp, 'target');
    const link = path.join(tmp, 'link');
    fs.writeFileSync(target, 'A=1\n');
    fs.symlinkSync(target, link);
    writeFileAtomic(link, 'A=2\n');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('A=2\n');
  });
  it('keeps bytes that are not UTF-8', () => {
    const file = path.join(tmp, 'bytes');
    fs.writeFileSync(file, Uint8Array.of(0x41, 0x3d, 0xff, 0xfe, 0x0a));
    const text = readEnvFile(file)!;
    expect(text).toBe(decodeBytes(Uint8Array.of(0x41, 0x3d, 0xff, 0xfe, 0x0a)));
    writeFileAtomic(file, updateEnvFile(text, { B: '1' }));
    expect([...fs.readFileSync(file)]).toEqual([0x41, 0x3d, 0xff, 0xfe, 0x0a, 0x42, 0x3d, 0x31, 0x0a]);
  });
  it('removes its temporary file when the rename fails', () => {
    const dir = path.join(tmp, 'rename-fails');
    const file = path.join(dir, 'env');
    writeFileAtomic(file, 'A=1\n');
    // A directory put in the file's place between the read and the rename.
    expect(() =>
      editEnvFile(file, () => {
        fs.rmSync(file);
        fs.mkdirSync(file);
        return 'A=2\n';
      }),
    ).toThrow();
    expect(fs.readdirSync(path.join(dir, '.env.lock')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(fs.readdirSync(file)).toEqual([]);
  });
  it('passes the current text to edit, null when there is no file, and throws what edit throws', () => {
    const file = path.join(tmp, 'edit', 'env');
    const seen: (string | null)[] = [];
    const edit = (next: string) => (t: string | null) => {
      seen.push(t);
      return next;
    };
    editEnvFile(file, edit('A=1\n'));
    editEnvFile(file, edit('A=2\n'));
    expect(seen).toEqual([null, 'A=1\n']);
    expect(() =>
      editEnvFile(file, () => {
        throw new RangeError('no');
      }),
    ).toThrow(RangeError);
    expect(fs.readFileSync(file, 'utf8')).toBe('A=2\n');
    expect(() => editEnvFile(path.join(tmp, 'edit', 'none'), () => '', true)).toThrow(
      `open ${path.join(tmp, 'edit', 'none')}: no such file or directory`,
    );
    expect(fs.existsSync(path.join(tmp, 'edit', '.none.lock'))).toBe(false);
  });
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'leaves the old file whole when it cannot write',
    () => {
      const dir = path.join(tmp, 'ro');
      fs.mkdirSync(dir);
      const file = path.join(dir, 'env');
      fs.writeFileSync(file, 'A=1\n');
      fs.chmodSync(dir, 0o500);
      try {
        expect(() => writeFileAtomic(file, 'A=2\n')).toThrow(/permission denied/);
        expect(fs.readFileSync(file, 'utf8')).toBe('A=1\n');
      } finally {
        fs.chmodSync(dir, 0o700);
      }
    },
  );
  it('never shows a half-written file to a reader in another process', async () => {
    const file = path.join(tmp, 'race');
    const big = (c: string) =>
      `${Array.from({ length: 4000 }, (_, i) => `K${i}=${c.repeat(40)}`).join('\n')}\n`;
    const a = big('a');
    const b = big('b');
    writeFileAtomic(file, a);
    // The reader reads the file as fast as it can until told to stop, and counts reads that are neither a nor b.
    const reader = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); const file = process.argv[1]; let reads = 0, torn = 0, stop = false;
         const big = ${big.toString()}; const a = big('a'), b = big('b');
         process.stdin.on('data', () => { stop = true; }); process.stdin.resume();
         (function loop() { for (let i = 0; i < 50; i++) { const s = fs.readFileSync(file, 'latin1'); reads++;
           if (s !== a && s !== b) torn++; } if (stop) console.log(JSON.stringify({ reads, torn })); else setImmediate(loop); })();`,
        file,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let out = '';
    reader.stdout.on('data', (d) => {
      out += d;
    });
    const done = new Promise((resolve) => reader.on('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    let writes = 0;
    for (const start = Date.now(); Date.now() - start < 400 || writes < 20; writes++) {
      writeFileAtomic(file, writes % 2 ? a : b);
    }
    reader.stdin.end('stop');
    await done;
    const { reads, torn } = JSON.parse(out) as { reads: number; torn: number };
    expect(reads).toBeGreaterThan(0);
    expect(torn).toBe(0);
  });
});

// Differential test: updateEnvFile against what real `go env -w` / `go env -u` leave in GOENV.
describe.skipIf(!requireGo('updateEnvFile vs go env -w'))('updateEnvFile matches go env -w and -u', () => {
  // Variables `go env -w` accepts without checking their values, and one it does not know (kept as is).
  const keys = ['AR', 'CC', 'CXX', 'GOPRIVATE', 'GONOSUMDB', 'GOINSECURE', 'CGO_CFLAGS', 'FOO'] as const;
  const goKeys = keys.filter((k) => k !== 'FOO');
  const val = fc.stringMatching(/^[a-z0-9,._]{0,6}$/);
  const line = fc.oneof(
    fc.constantFrom('# comment\n', '\n', '#CC=commented\n'),
    fc.tuple(fc.constantFrom(...keys), val).map(([k, v]) => `${k}=${v}\n`),
  );
  const op = fc.oneof(
    fc.record({ w: fc.dictionary(fc.constantFrom(...goKeys), val, { minKeys: 1, maxKeys: 3 }) }),
    fc.record({ u: fc.uniqueArray(fc.constantFrom(...goKeys), { minLength: 1, maxLength: 3 }) }),
  );
  it('on random files and changes', () => {
    const cases = fc.sample(fc.tuple(fc.array(line, { maxLength: 8 }), op), { numRuns: 150, seed: 8 });
    const file = path.join(tmp, 'goenv');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: tmp,
      GOENV: file,
      GOFLAGS: '',
      GO111MODULE: 'off',
      GOTOOLCHAIN: 'local',
    };
    if (process.env.GOROOT) env.GOROOT = process.env.GOROOT;
    for (const [lines, change] of cases) {
      const text = lines.join('');
      fs.writeFileSync(file, text);
      const args =
        'w' in change
          ? ['-w', ...Object.entries(change.w).map(([k, v]) => `${k}=${v}`)]
          : ['-u', ...change.u];
      go(['env', ...args], { env, cwd: tmp });
      const want = fs.readFileSync(file, 'utf8');
      const got = 'w' in change ? updateEnvFile(text, change.w) : updateEnvFile(text, {}, change.u);
      expect(got, JSON.stringify({ text, args })).toBe(want);
    }
    console.log(`updateEnvFile: ${cases.length} files compared with go env -w/-u`);
  });
});
