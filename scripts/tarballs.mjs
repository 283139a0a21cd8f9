// A user's view of gostd: the packed tarballs of the @gostd packages, installed into a fresh project
// outside the workspace. The browser check, the Bun and Deno smoke tests and the Node runtime checks
// start from there, so they test what npm would ship, not the workspace's sources.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { publicPackages } from './workspace.mjs';

/**
 * Packs each public package (it must be built) into dir/tarballs and installs them, plus `extra`
 * dependencies (name -> version), into dir/app. Returns the app folder and the packages.
 * @param {string} dir an empty scratch folder
 * @param {{ only?: string[], extra?: Record<string, string> }} [options] only: package names to pack
 */
export function installTarballs(dir, { only, extra = {} } = {}) {
  const pkgs = publicPackages().filter((p) => !only || only.includes(p.name));
  const tarballs = path.join(dir, 'tarballs');
  fs.mkdirSync(tarballs, { recursive: true });
  const dependencies = { ...extra };
  for (const p of pkgs) {
    if (!fs.existsSync(path.join(p.dir, 'dist')))
      throw new Error(`${p.name} is not built: run npm run build`);
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', tarballs], {
        cwd: p.dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    dependencies[p.name] = `file:${path.join(tarballs, packed.filename)}`;
  }
  const app = path.join(dir, 'app');
  fs.mkdirSync(app, { recursive: true });
  fs.writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'gostd-user', private: true, type: 'module', dependencies }, null, 2),
  );
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: app,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const e = /** @type {{ stdout?: string, stderr?: string }} */ (err);
    throw new Error(`npm install of the tarballs in ${app} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  return { app, pkgs };
}
