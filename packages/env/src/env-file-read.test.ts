// Reading the env file cannot take the machine's memory: at most 64 MiB of it is read (maxEnvFileBytes),
// where Go (and this package before) read on forever from /dev/zero (19 GB in 90 s here before the system
// would kill it), and every read failure is in Go's words and names the file. The cases run in a child
// process with a time limit, against the built package, so that a regression fails instead of filling
// the memory of the machine running the tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { maxEnvFileBytes } from './env-file';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = pathToFileURL(path.resolve(here, '../dist/index.js')).href;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-env-read-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** What nodeEnv over GOSTDENV=file does for op (a listing, or -w), in a child given 10 s. */
function run(file: string, op: 'get' | 'write'): { ok: boolean; out: string; ms: number } {
  const script = `
    import { nodeEnv } from ${JSON.stringify(dist)};
    const env = nodeEnv({ HOME: ${JSON.stringify(work)}, GOSTDENV: process.argv[1] });
    try {
      const out = process.argv[2] === 'get' ? env.get('TZ') : env.write({ TZ: 'Europe/Paris' }).join(';');
      console.log(JSON.stringify({ ok: true, out }));
    } catch (e) {
      console.log(JSON.stringify({ ok: false, out: e.message }));
    }`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, file, op], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`child ${op} ${file}: status ${r.status} signal ${r.signal}: ${r.stderr}`);
  return { ...JSON.parse(r.stdout), ms };
}

describe('reading the env file', () => {
  it.skipIf(!fs.existsSync('/dev/zero'))('stops at 64 MiB of /dev/zero with Go-shaped words', () => {
    const r = run('/dev/zero', 'get');
    expect(r).toMatchObject({ ok: false, out: 'reading gostd-env config: read /dev/zero: file too large' });
    expect(r.ms).toBeLessThan(10_000);
  });

  it('reads a file of exactly 64 MiB, and refuses one byte more, for listings and -w alike', () => {
    const exact = path.join(work, 'exact');
    const line = 'TZ=UTC\n';
    const comment = `#${'x'.repeat(maxEnvFileBytes - line.length - 2)}\n`;
    fs.writeFileSync(exact, comment + line);
    expect(fs.statSync(exact).size).toBe(maxEnvFileBytes);
    expect(run(exact, 'get')).toMatchObject({ ok: true, out: 'UTC' });

    const over = path.join(work, 'over');
    fs.writeFileSync(over, `#${comment}${line}`);
    for (const op of ['get', 'write'] as const) {
      expect(run(over, op)).toMatchObject({
        ok: false,
        out: `reading gostd-env config: read ${over}: file too large`,
      });
    }
    expect(fs.statSync(over).size).toBe(maxEnvFileBytes + 1); // -w left it alone
  });

  it('refuses a sparse 100 GiB file at once, without reading it all', () => {
    const sparse = path.join(work, 'sparse');
    fs.closeSync(fs.openSync(sparse, 'w'));
    fs.truncateSync(sparse, 100 * 2 ** 30);
    for (const op of ['get', 'write'] as const) {
      const r = run(sparse, op);
      expect(r).toMatchObject({ ok: false, out: `reading gostd-env config: read ${sparse}: file too large` });
    }
  });

  it('names a directory in the words of go env -w, for listings too', () => {
    expect(run(work, 'get')).toMatchObject({
      ok: false,
      out: `reading gostd-env config: read ${work}: is a directory`,
    });
  });
});
