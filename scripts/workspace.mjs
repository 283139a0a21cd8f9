// @ts-check
// What the workspace holds: the one answer to "which packages exist, public and private, and which source
// file backs each export", for the tour, the packaging checks, the release rehearsal, the doc-comment
// checker (scripts/doctest.ts), the test summary and the docs site (docs/scripts/site.mjs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { collectExamples, transpile } from './examples.mjs';

/** The repository root. */
export const root = path.resolve(import.meta.dirname, '..');

/**
 * @typedef {{
 *   name?: string,
 *   version?: string,
 *   description?: string,
 *   private?: boolean,
 *   exports?: Record<string, string | { types?: string, default?: string, import?: string }>,
 *   dependencies?: Record<string, string>,
 *   devDependencies?: Record<string, string>,
 *   peerDependencies?: Record<string, string>,
 *   optionalDependencies?: Record<string, string>,
 *   repository?: string | { url?: string, directory?: string },
 *   [key: string]: unknown,
 * }} Manifest
 */

/**
 * An entry point of a package: its subpath in the `exports` map (`.`, `./http`), the specifier a user
 * imports (`@gostd/pprof/http`) and the source file that backs it (`src/http.ts`).
 * @typedef {{ subpath: string, specifier: string, source: string }} EntryPoint
 */

/**
 * A package of the workspace: packages/<short>/ with a package.json and a src/index.ts.
 * @typedef {{
 *   name: string,
 *   short: string,
 *   dir: string,
 *   manifest: Manifest,
 *   private: boolean,
 *   entryPoints: EntryPoint[],
 * }} WorkspacePackage
 */

/**
 * The entry points of a package from the `exports` map of its manifest: a target `./dist/<x>.js` is built
 * from `src/<x>.ts`; a private package's target is its source itself. With no `exports`, src/index.ts.
 * @param {string} dir
 * @param {Manifest} manifest
 * @returns {EntryPoint[]}
 */
export function entryPoints(dir, manifest) {
  const name = manifest.name ?? `@gostd/${path.basename(dir)}`;
  /** @type {EntryPoint[]} */
  const out = [];
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === './package.json') continue;
    const file = typeof target === 'string' ? target : (target.default ?? target.import);
    const m = typeof file === 'string' ? /^\.\/(?:dist\/(.+)\.js|(src\/.+\.ts))$/.exec(file) : null;
    if (!m) continue;
    const source = m[1] !== undefined ? path.join(dir, 'src', `${m[1]}.ts`) : path.join(dir, m[2] ?? '');
    out.push({ subpath, specifier: name + subpath.slice(1), source });
  }
  if (out.length > 0) return out;
  return [{ subpath: '.', specifier: name, source: path.join(dir, 'src', 'index.ts') }];
}

/**
 * The folders under packages/ that are not (yet, or any more) packages: no package.json or no
 * src/index.ts. Nothing is built, checked or documented for them.
 * @param {string} [at] the repository root
 * @returns {string[]}
 */
export function unfinishedPackages(at = root) {
  return folders(at).filter((d) => !isPackage(path.join(at, 'packages', d)));
}

/** @param {string} at @returns {string[]} */
function folders(at) {
  const dir = path.join(at, 'packages');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** @param {string} dir */
function isPackage(dir) {
  return fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src', 'index.ts'));
}

/**
 * Every package of the workspace, public and private (@gostd/testing, @gostd/internal), in folder order:
 * each packages/<short> with a package.json and a src/index.ts.
 * @param {string} [at] the repository root
 * @returns {WorkspacePackage[]}
 */
export function workspacePackages(at = root) {
  return folders(at)
    .map((short) => path.join(at, 'packages', short))
    .filter(isPackage)
    .map((dir) => {
      /** @type {Manifest} */
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const short = path.basename(dir);
      return {
        name: manifest.name ?? `@gostd/${short}`,
        short,
        dir,
        manifest,
        private: manifest.private === true,
        entryPoints: entryPoints(dir, manifest),
      };
    });
}

/**
 * The publishable @gostd packages: the workspace packages whose manifest is not private, in name order.
 * @param {string} [at] the repository root
 * @returns {WorkspacePackage[]}
 */
export function publicPackages(at = root) {
  return workspacePackages(at).filter((p) => !p.private);
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
