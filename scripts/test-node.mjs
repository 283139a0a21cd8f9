// `node scripts/test-node.mjs node22 [node24 ...]`: gostd on another Node major (scripts/runtimes.mjs
// installs it). Under that Node, with it first on PATH (so `node` and npm's scripts use it too), runs
// every package's vitest suite (built packages, as `npm test` leaves them) and the packaging checks
// (pack, install alone, import and require(), README example). One summary line per Node; exits non-zero
// if anything failed.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { judge, packageRows } from './runtime-matrix.mjs';
import { extraNodes, runtimePath } from './runtimes.mjs';
import { failedTests } from './vitest-report.mjs';
import { publicPackages, root } from './workspace.mjs';

const names = process.argv.slice(2);
if (!names.length || names.some((n) => !extraNodes.includes(n)))
  throw new Error(`usage: node scripts/test-node.mjs ${extraNodes.join('|')} ...`);

let failedNodes = 0;
for (const name of names) {
  const exe = runtimePath(/** @type {any} */ (name));
  const env = { ...process.env, PATH: `${path.dirname(exe)}${path.delimiter}${process.env.PATH}` };
  const version = execFileSync(exe, ['--version'], { encoding: 'utf8', env }).trim();
  console.log(`\ntest-node: ${name} = ${version} (${exe})`);
  const failedPkgs = new Set();
  let passed = 0;
  let failed = 0;
  for (const p of publicPackages()) {
    const report = path.join(p.dir, '.vitest-report.json');
    fs.rmSync(report, { force: true });
    const t = performance.now();
    const r = spawnSync(
      exe,
      [
        path.join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--reporter=dot',
        '--reporter=json', // to .vitest-report.json, as vitest.shared.ts configures it
      ],
      { cwd: p.dir, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    const json = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : null;
    const ok = r.status === 0 && json && json.numFailedTests === 0 && json.numPassedTests > 0;
    passed += json?.numPassedTests ?? 0;
    failed += json?.numFailedTests ?? 0;
    const secs = ((performance.now() - t) / 1000).toFixed(0);
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${p.name} on ${version}: ${json?.numPassedTests ?? 0} passed, ${json?.numFailedTests ?? 0} failed (${secs} s)`,
    );
    if (!ok) {
      failedPkgs.add(p.name);
      const named = failedTests(json, root);
      // The failed tests by name, with their messages, first: the log's tail alone can be all output
      // of passing tests (a CI log shown in parts lost the failure so).
      if (named) console.log(named);
      console.log(
        `${r.stdout}${r.stderr}`
          .split('\n')
          .slice(named ? -30 : -80)
          .join('\n'),
      );
    }
  }
  const pack = spawnSync(exe, [path.join(root, 'scripts/check-packages.mjs')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  console.log(pack.stdout.trimEnd().replace(/^/gm, `${name} check:packages: `));
  if (pack.status !== 0) {
    process.stdout.write(pack.stderr);
    for (const m of pack.stdout.matchAll(/^FAIL (@gostd\/[a-z-]+)/gm)) failedPkgs.add(m[1]);
    if (!/^FAIL /m.test(pack.stdout)) failedPkgs.add('check:packages');
  }
  // Every row of the package's column in the runtime table rests on that package's suite and checks.
  let disagree = failedPkgs.has('check:packages') ? 1 : 0;
  for (const row of packageRows) {
    const v = judge(name, row.id, !failedPkgs.has(row.pkg), `${row.pkg}'s tests or packaging checks failed`);
    if (v.failed) {
      console.log(v.line);
      disagree++;
    }
  }
  console.log(`test-node: ${name} (${version}): ${passed} passed, ${failed} failed`);
  if (disagree || failed || pack.status !== 0) failedNodes++;
}
if (failedNodes) process.exitCode = 1;
