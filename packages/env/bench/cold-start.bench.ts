// Cold start of the command: `node dist/cli.js -json` (a fresh node process each time, as a user runs
// gostd-env) against `node -e 0` (node starting and doing nothing: the floor) and, when Go is on PATH,
// `go env -json`. Build first (npx tsup). Each task is one spawnSync of the whole process. vitest runs the
// tasks one after the other, so load from other processes can favour one; bench/cold-start.mjs interleaves
// the commands and reports medians (the README's numbers).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bench, describe } from 'vitest';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');
// An env file that does not exist: what a user who never ran -w has.
const env = { ...process.env, GOSTDENV: path.join(os.tmpdir(), 'gostd-env-bench-none') };
const hasGo = spawnSync('go', ['version']).status === 0;

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
}

const opts = { iterations: 60, warmupIterations: 5, time: 0 };

describe('cold start', () => {
  bench('node -e 0', () => run(process.execPath, ['-e', '0']), opts);
  bench('gostd-env -json', () => run(process.execPath, [cli, '-json']), opts);
  bench.skipIf(!hasGo)('go env -json', () => run('go', ['env', '-json']), opts);
});
