// `npm run release:rehearse`: a real release, rehearsed against a throwaway
// Verdaccio on loopback. In a scratch copy of the tree (never the real one) it
// adds a test changeset, runs `changeset version`, checks that every @gostd
// package moved to the same new version with a CHANGELOG entry and that nothing
// else changed, runs `changeset publish` to the local registry, installs every
// package from it into a fresh project and runs its README example there.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeError, registryJSON, startRegistry } from './registry.mjs';
import { bin, run } from './run.mjs';
import { publicPackages, root, runReadmeExample } from './workspace.mjs';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-release-'));
const log = (/** @type {string} */ msg) => console.log(`release:rehearse: ${msg}`);
/** The step running now, named in the failure message. */
let step = 'start';

/** Every file of the tree as git sees it (tracked or new, not ignored), plus each package's built dist. */
function copyTree() {
  const files = run('git', ['ls-files', '-co', '--exclude-standard', '-z'], root).split('\0').filter(Boolean);
  for (const f of files) {
    const st = fs.lstatSync(path.join(root, f), { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(scratch, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(scratch, f));
  }
  for (const p of publicPackages()) {
    const dist = path.join(p.dir, 'dist');
    if (!fs.existsSync(dist)) throw new Error(`${p.name} is not built`);
    fs.cpSync(dist, path.join(scratch, path.relative(root, dist)), { recursive: true });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
}

/** Path -> sha256 of every file under dir, but node_modules. @param {string} dir @returns {Map<string, string>} */
function snapshot(dir) {
  const out = new Map();
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(e.parentPath, e.name);
    const rel = path.relative(dir, full);
    if (!e.isFile() || rel.startsWith('node_modules')) continue;
    out.set(rel, crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
  }
  return out;
}

const readJSON = (/** @type {string} */ f) => JSON.parse(fs.readFileSync(f, 'utf8'));

/**
 * @param {import('./workspace.mjs').WorkspacePackage[]} pkgs
 * @param {Map<string, string>} before
 */
function checkVersion(pkgs, before) {
  const after = snapshot(scratch);
  const versions = new Set();
  for (const p of pkgs) {
    const rel = path.relative(root, p.dir);
    const m = readJSON(path.join(scratch, rel, 'package.json'));
    versions.add(m.version);
    const { version: _a, ...restAfter } = m;
    const { version: _b, ...restBefore } = p.manifest;
    if (JSON.stringify(restAfter) !== JSON.stringify(restBefore)) {
      throw new Error(`${p.name}: changeset version changed more than the version in package.json`);
    }
    const changelog = fs.readFileSync(path.join(scratch, rel, 'CHANGELOG.md'), 'utf8');
    if (!changelog.includes(`## ${m.version}\n`))
      throw new Error(`${p.name}: CHANGELOG.md has no ## ${m.version}`);
  }
  if (versions.size !== 1) throw new Error(`packages did not move together: ${[...versions].join(', ')}`);
  const [version] = versions;
  if (pkgs.some((p) => p.manifest.version === version))
    throw new Error(`version did not change from ${version}`);
  const allowed = (/** @type {string} */ f) =>
    pkgs.some((p) =>
      [`${path.relative(root, p.dir)}/package.json`, `${path.relative(root, p.dir)}/CHANGELOG.md`].includes(
        f,
      ),
    ) ||
    (f.startsWith('.changeset/') && f.endsWith('.md') && f !== '.changeset/README.md');
  for (const f of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(f) !== after.get(f) && !allowed(f)) throw new Error(`changeset version changed ${f}`);
  }
  for (const f of before.keys()) {
    if (f.startsWith('.changeset/') && f.endsWith('.md') && f !== '.changeset/README.md' && after.has(f)) {
      throw new Error(`changeset version left ${f} unconsumed`);
    }
  }
  return version;
}

async function main() {
  const pkgs = publicPackages();
  if (!pkgs.length) throw new Error('no packages');
  step = 'copy the tree';
  copyTree();
  fs.writeFileSync(
    path.join(scratch, '.changeset/release-rehearsal.md'),
    `---\n'${pkgs[0]?.name}': minor\n---\n\nRelease rehearsal: one package bumped, the fixed group moves them all.\n`,
  );
  const before = snapshot(scratch);
  step = 'changeset version';
  run(bin('changeset'), ['version'], scratch);
  const version = checkVersion(pkgs, before);
  log(
    `changeset version moved ${pkgs.length} packages together to ${version}, CHANGELOGs written, nothing else changed`,
  );

  step = 'start Verdaccio';
  const registry = await startRegistry(bin('verdaccio'), path.join(scratch, '.verdaccio'));
  try {
    const npmrc = path.join(scratch, '.npmrc-rehearsal');
    const host = registry.url.replace(/^http:/, '');
    fs.writeFileSync(npmrc, `registry=${registry.url}\n${host}:_authToken=${registry.token}\n`);
    const env = { npm_config_userconfig: npmrc, npm_config_registry: registry.url };
    step = 'changeset publish';
    const published = performance.now();
    const out = run(bin('changeset'), ['publish', '--no-git-tag'], scratch, env);
    const publishSeconds = ((performance.now() - published) / 1000).toFixed(1);
    step = 'check the published metadata';
    for (const p of pkgs) {
      const meta = await registryJSON(step, `${registry.url}${p.name.replace('/', '%2f')}`);
      if (!meta.versions?.[version]) throw new Error(`${p.name}@${version} is not on the registry:\n${out}`);
    }
    log(
      `changeset publish put ${pkgs.length} packages on Verdaccio at ${registry.url} (in ${publishSeconds} s, the event loop blocked; Verdaccio drops idle connections after 5 s)`,
    );

    const app = path.join(scratch, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'rehearsal-app', private: true }),
    );
    fs.writeFileSync(path.join(app, '.npmrc'), `@gostd:registry=${registry.url}\n`);
    for (const p of pkgs) {
      step = `npm install ${p.name}@${version} from Verdaccio`;
      run('npm', ['install', '--no-audit', '--no-fund', `${p.name}@${version}`], app, {
        npm_config_userconfig: npmrc.replace(/rehearsal$/, 'none'),
      });
      const installed = readJSON(path.join(app, 'node_modules', p.name, 'package.json')).version;
      if (installed !== version) throw new Error(`${p.name}: installed ${installed}, wanted ${version}`);
      step = `run ${p.name}'s README example`;
      const first = runReadmeExample(p.dir, app).split('\n')[0];
      log(`npm install ${p.name}@${version} from the registry; its example printed: ${first}`);
    }
  } finally {
    registry.child.kill();
  }
}

main()
  .then(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
    log('ok');
  })
  .catch((err) => {
    console.error(
      `release:rehearse: FAILED at step "${step}": ${describeError(err)}\n(scratch kept at ${scratch})`,
    );
    process.exitCode = 1;
  });
