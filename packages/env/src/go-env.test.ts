// Differential test against the real `go env`: a defineEnv declaring some of Go's own variables, with the
// defaults this machine's Go reports, must print what `go env` prints, byte for byte, for random OS
// environments and env files (GOENV): `-json`, `-changed`, `-changed -json` and bare values.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { go, goPath, goVersion, requireGo } from '@gostd/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIO, defineEnv, type Var } from './define-env';

// Variables whose default is a constant and whose value Go shows as it is: no derived defaults (GONOPROXY's
// from GOPRIVATE), no checks (GOFLAGS), no re-quoting (CGO_CFLAGS and the other flags are split and
// re-joined by cmd/internal/quoted).
const names = ['AR', 'CC', 'CXX', 'GOAUTH', 'GOINSECURE', 'GOPRIVATE', 'GOTMPDIR', 'GOVCS'] as const;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-go-env-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The environment go runs in: nothing of the caller's but PATH, and the given variables. */
function goEnviron(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: tmp, GOTOOLCHAIN: 'local', GO111MODULE: 'off', ...extra };
}

/** Runs a defineEnv's cli and returns what it printed, as go's output would be compared. */
function ours(env: ReturnType<typeof defineEnv>, argv: string[]): string {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (d) => {
      out += Buffer.from(d).toString('utf8');
    },
    stderr: (s) => {
      err += s;
    },
    shell: 'sh',
  };
  const code = env.cli(argv, io);
  if (code !== 0) throw new Error(`exit ${code}: ${err}`);
  return out;
}

describe.skipIf(!requireGo('defineEnv vs go env -json/-changed'))(
  'defineEnv prints what go env prints',
  () => {
    it('for random OS environments and env files', () => {
      // The defaults: what go env says with no env file and none of the variables in the environment.
      const defaults = JSON.parse(
        go(['env', '-json', ...names], { env: goEnviron({ GOENV: 'off' }), cwd: tmp }),
      ) as Record<string, string>;
      const vars: Record<string, Var> = {};
      for (const n of names) vars[n] = { default: defaults[n] ?? '' };

      const name = fc.constantFrom(...names);
      // Values: the default itself (not a change), empty (falls through, as in Go), and ones a shell must
      // quote. Go marks CC and CXX changed whenever they are set, even to the default, against its
      // documented rule (README, Deviations): they never get their default here.
      const value = (n: string) =>
        fc.oneof(
          fc.constant(n === 'CC' || n === 'CXX' ? 'cc -std=c99' : (defaults[n] ?? '')),
          fc.constantFrom('', 'x', 'a b', "it's", '$HOME', 'clang -Wall', '-O3', '*.corp.example', 'é'),
        );
      const setting = name.chain((n) => value(n).map((v) => [n, v] as const));
      const scenario = fc.record({
        environ: fc.array(setting, { maxLength: 4 }).map((a) => Object.fromEntries(a)),
        file: fc.array(setting, { maxLength: 6 }),
        asked: fc.uniqueArray(name, { minLength: 1, maxLength: names.length }),
      });
      const cases = fc.sample(scenario, { numRuns: 60, seed: 1023 });
      const file = path.join(tmp, 'goenv');
      let compared = 0;
      for (const c of cases) {
        fs.writeFileSync(file, c.file.map(([k, v]) => `${k}=${v}\n`).join(''));
        const osEnv = { GOENV: file, ...c.environ };
        const env = defineEnv({ name: 'go', file, vars, environ: osEnv });
        for (const argv of [
          ['-json', ...c.asked],
          ['-changed', '-json', ...c.asked],
          ['-changed', ...c.asked],
          [...c.asked],
        ]) {
          const want = go(['env', ...argv], { env: goEnviron(osEnv), cwd: tmp });
          expect(ours(env, argv), JSON.stringify({ argv, ...c })).toBe(want);
          compared++;
        }
      }
      console.log(
        `defineEnv: ${compared} command lines over ${cases.length} environments compared with ${goVersion()} env`,
      );
    });
  },
);

// The command line: flags as `go env` reads them (Go's flag package) and the errors that follow from them.
// Each row: argv, the exit status, and the message go env prints on stderr (none for status 0). A
// command-line mistake (2) is the message and the usage line; Go adds "Run 'go help env' for details.",
// which a tool without a help command leaves out. Go's -x, -n and -C (build flags go env also takes) are
// not in the rows: a tool has only -json, -changed, -u and -w.
const cmdLines: [argv: string[], status: 0 | 1 | 2, message: string][] = [
  [['-q'], 2, 'flag provided but not defined: -q'],
  [['-Json'], 2, 'flag provided but not defined: -Json'],
  [['-json', '-q=1'], 2, 'flag provided but not defined: -q'],
  [['---json'], 2, 'bad flag syntax: ---json'],
  [['-=json'], 2, 'bad flag syntax: -=json'],
  [['--=x'], 2, 'bad flag syntax: --=x'],
  [['-json=maybe'], 2, 'invalid boolean value "maybe" for -json: parse error'],
  [['--changed='], 2, 'invalid boolean value "" for -changed: parse error'],
  [['-w=tRue'], 2, 'invalid boolean value "tRue" for -w: parse error'],
  [['-u=é\t'], 2, 'invalid boolean value "é\\t" for -u: parse error'],
  [['GOOS', '-q'], 0, ''],
  [['--', '-q'], 0, ''],
  [['-', 'GOOS'], 0, ''],
  [['-json', '-json=false', '--changed=0', 'GOOS'], 0, ''],
  [['-w=false', '-u=F', '-json=1', 'GOOS'], 0, ''],
  [['-json', '-u', 'CC'], 1, 'cannot use -json with -u'],
  [['-json=t', '-w', 'CC=x'], 1, 'cannot use -json with -w'],
  [['-u', '--w', 'CC'], 1, 'cannot use -u with -w'],
  [['-json=false', '-u=0', '-w'], 1, 'no KEY=VALUE arguments given'],
  [['-w', 'GOOS'], 1, 'arguments must be KEY=VALUE: invalid argument: GOOS'],
  [['-changed=f', '-json=F', 'A=B'], 1, 'invalid variable name "A=B" (use -w to set variable)'],
];

/** The stderr of a run that ended with status and message; usage is the usage line's command. */
function stderrOf(status: number, message: string, usage: string, more = ''): string {
  if (status === 0) return '';
  if (status === 1) return `go: ${message}\n`;
  return `${message}\nusage: ${usage} [-json] [-changed] [-u] [-w] [var ...]\n${more}`;
}

describe('the command line is read as go env reads it', () => {
  const file = path.join(tmp, 'cmdline-env');
  const env = defineEnv({
    name: 'go',
    file,
    environ: {},
    vars: { CC: { default: 'gcc' }, GOOS: { default: 'linux' }, GOPRIVATE: {} },
  });
  it.each(cmdLines)('%j', (argv, status, message) => {
    let err = '';
    const code = env.cli(argv, { stdout: () => {}, stderr: (s) => (err += s), shell: 'sh' });
    expect({ code, err }).toEqual({ code: status, err: stderrOf(status, message, 'go') });
  });
  describe.skipIf(!requireGo('go env command lines'))('and the real go env agrees', () => {
    it.each(cmdLines)('%j', (argv, status, message) => {
      const r = spawnSync(goPath()!, ['env', ...argv], {
        encoding: 'utf8',
        env: goEnviron({ GOENV: file, GOFLAGS: '' }),
        cwd: tmp,
      });
      const more = "Run 'go help env' for details.\n";
      expect({ code: r.status, err: r.stderr }).toEqual({
        code: status,
        err: stderrOf(status, message, 'go env', more),
      });
    });
    it('but answers -h with the usage and status 2, where a tool prints its help and exits 0 (README)', () => {
      const r = spawnSync(goPath()!, ['env', '-h'], {
        encoding: 'utf8',
        env: goEnviron({ GOENV: file }),
        cwd: tmp,
      });
      expect({ code: r.status, err: r.stderr }).toEqual({
        code: 2,
        err: "usage: go env [-json] [-changed] [-u] [-w] [var ...]\nRun 'go help env' for details.\n",
      });
      let out = '';
      expect(env.cli(['-h'], { stdout: (d) => (out += Buffer.from(d).toString()), stderr: () => {} })).toBe(
        0,
      );
      expect(out.startsWith('usage: go [-json] [-changed] [-u] [-w] [var ...]\n\n')).toBe(true);
      expect(out).toContain('\nVariables:\n  CC ');
    });
  });
});
