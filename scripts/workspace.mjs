// What the workspace holds, for the tour, the packaging checks and the release rehearsal.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { collectExamples, transpile } from './examples.mjs';

export const root = path.resolve(import.meta.dirname, '..');

/**
 * The publishable @gostd packages: every packages/<name> with a src/index.ts
 * and a manifest that is not private, in name order.
 * @returns {{ name: string, dir: string, manifest: Record<string, any> }[]}
 */
export function publicPackages() {
  const dir = path.join(root, 'packages');
  return fs
    .readdirSync(dir)
    .sort()
    .map((n) => path.join(dir, n))
    .filter((d) => fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'src/index.ts')))
    .map((d) => ({ dir: d, manifest: JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')) }))
    .filter((p) => !p.manifest.private)
    .map((p) => ({ name: p.manifest.name, ...p }));
}

/**
 * The package's first README example that declares its output: the one a
 * newcomer copies first, so it is the one the tour and the install checks run.
 * @param {string} pkgDir
 */
export function readmeExample(pkgDir) {
  const readme = path.join(pkgDir, 'README.md');
  const ex = collectExamples(pkgDir).find((e) => e.file === readme && e.output && e.output.length > 0);
  if (!ex) throw new Error(`${readme}: no runnable example with an // Output: block`);
  return ex;
}

/**
 * Runs the package's README example as an ES module from dir, so its
 * `@gostd/...` imports resolve through dir's node_modules, and checks that it
 * prints its // Output: block. Returns what it printed.
 * @param {string} pkgDir the package whose example runs
 * @param {string} dir where the example is written and run
 */
export function runReadmeExample(pkgDir, dir) {
  const ex = readmeExample(pkgDir);
  const file = path.join(dir, `example-${path.basename(pkgDir)}.mjs`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, transpile(ex.code));
  const printed = execFileSync(process.execPath, [file], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const got = printed
    .trimEnd()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
  const want = (ex.output ?? []).join('\n').trimEnd();
  if (got !== want) {
    throw new Error(
      `${ex.file}:${ex.line}: the example printed\n${got}\nbut its // Output: block says\n${want}`,
    );
  }
  return printed;
}
