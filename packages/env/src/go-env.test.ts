// Differential test against the real `go env`: a defineEnv declaring some of Go's own variables, with the
// defaults this machine's Go reports, must print what `go env` prints, byte for byte, for random OS
// environments and env files (GOENV): `-json`, `-changed`, `-changed -json` and bare values.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { go, goVersion, requireGo } from '@gostd/testing';
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
