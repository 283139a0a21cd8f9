// `node scripts/smoke-runtimes.mjs bun|deno ...`: gostd on Bun and Deno, from the packed tarballs.
// Installs the tarballs into a fresh project, then runs under the runtime every documented example of
// every package (doc comments, README, docs page: the ones `npm test` runs on Node) and checks that each
// prints its // Output: block; for SharedMap also two worker_threads doing 2,000 compare-and-swap
// increments on one map. Results are judged per cell of the runtime table (scripts/runtime-matrix.mjs):
// a cell expected to fail must still fail. Exits non-zero on any disagreement.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectExamples, transpile } from './examples.mjs';
import { expectation, judge, packageRows } from './runtime-matrix.mjs';
import { runtimePath } from './runtimes.mjs';
import { installTarballs } from './tarballs.mjs';

/** How each runtime runs an ES module file with full permissions. */
const commands = {
  bun: (/** @type {string} */ exe, /** @type {string} */ file) => [exe, [file]],
  deno: (/** @type {string} */ exe, /** @type {string} */ file) => [exe, ['run', '-A', file]],
};

// Examples print through console.log; the runtimes' own console formats some values differently from
// Node, so each example prints with node:util's format, as scripts/doctest.ts captures it on Node.
const prelude = `import { format as __format } from 'node:util';
console.log = (...args) => process.stdout.write(__format(...args) + '\\n');
`;

const sharedMapWorkers = {
  name: 'SharedMap shared by two worker_threads, 2 x 1,000 compare-and-swap increments',
  files: {
    'sharedmap-worker.mjs': `import { parentPort, workerData } from 'node:worker_threads';
import { SharedMap } from '@gostd/sync';
const m = SharedMap.from(workerData.handle);
for (let i = 0; i < 1000; i++) {
  for (;;) {
    const n = m.get('n');
    if (m.compareAndSwap('n', n, n + 1)) break;
  }
}
m.store('worker' + workerData.id, 'done');
parentPort.postMessage('done');
`,
  },
  code: `import { Worker } from 'node:worker_threads';
import { SharedMap } from '@gostd/sync';
const m = new SharedMap();
m.store('n', 0);
const url = new URL('./sharedmap-worker.mjs', import.meta.url);
await Promise.all([0, 1].map((id) => new Promise((resolve, reject) => {
  const w = new Worker(url, { workerData: { handle: m.handle, id } });
  w.once('message', () => w.terminate().then(resolve));
  w.once('error', reject);
})));
console.log(m.get('n'), m.get('worker0'), m.get('worker1'), m.size);
`,
  output: ['2000 done done 3'],
};

/**
 * Runs one module under the runtime; returns null when it printed `want`, else what went wrong.
 * @param {string[]} want
 */
function runOne(runtime, exe, app, file, code, want) {
  fs.writeFileSync(path.join(app, file), prelude + code);
  const [cmd, args] = commands[runtime](exe, path.join(app, file));
  let printed;
  try {
    printed = execFileSync(cmd, args, {
      cwd: app,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
  } catch (err) {
    const out = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim().split('\n').slice(0, 6).join('\n    ');
    return `exited ${err.status ?? err.signal}: ${out}`;
  }
  const got = printed
    .trimEnd()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
  const expected = want.join('\n').trimEnd();
  return got === expected
    ? null
    : `printed\n    ${got.split('\n').join('\n    ')}\n  want\n    ${want.join('\n    ')}`;
}

/** Checks every cell of one runtime's column; returns the number of failed checks. */
function smoke(runtime, app) {
  const exe = runtimePath(runtime);
  const version = execFileSync(exe, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0];
  console.log(`smoke: ${runtime} (${version}) from the tarballs in ${app}`);
  let failed = 0;
  let n = 0;
  for (const row of packageRows) {
    if (expectation(runtime, row.id).status === 'n/a') continue;
    const pkgDir = path.join(import.meta.dirname, '..', 'packages', row.pkg.replace('@gostd/', ''));
    const cases = collectExamples(pkgDir)
      .filter((e) => e.output && e.output.length > 0 && row.examples(e.code))
      .map((e) => ({
        name: `${path.relative(path.join(pkgDir, '../..'), e.file)}:${e.line}`,
        code: transpile(e.code),
        output: /** @type {string[]} */ (e.output),
        files: {},
      }));
    if (row.id === 'sync-sharedmap') cases.push({ ...sharedMapWorkers, code: sharedMapWorkers.code });
    if (!cases.length) throw new Error(`row ${row.id} has no example to run`);
    const problems = [];
    for (const c of cases) {
      for (const [f, text] of Object.entries(c.files)) fs.writeFileSync(path.join(app, f), text);
      const problem = runOne(runtime, exe, app, `smoke-${runtime}-${n++}.mjs`, c.code, c.output);
      if (problem) problems.push(`${c.name}: ${problem}`);
    }
    const verdict = judge(
      runtime,
      row.id,
      problems.length === 0,
      `${problems.length} of ${cases.length} failed\n  ${problems.join('\n  ')}`,
    );
    console.log(`${verdict.line}${verdict.failed ? '' : ` (${cases.length} checks)`}`);
    if (verdict.failed) failed++;
  }
  return failed;
}

const runtimes = process.argv.slice(2);
if (!runtimes.length || runtimes.some((r) => !(r in commands)))
  throw new Error(`usage: node scripts/smoke-runtimes.mjs ${Object.keys(commands).join('|')} ...`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-smoke-'));
const { app } = installTarballs(dir);
let failed = 0;
for (const runtime of runtimes) failed += smoke(runtime, app);
if (failed) {
  console.log(`smoke: ${failed} cells disagree with scripts/runtime-matrix.mjs (files kept in ${dir})`);
  process.exitCode = 1;
} else {
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`smoke: ${runtimes.join(', ')}: every cell as the table says`);
}
