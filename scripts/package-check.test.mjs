// The packaging checker must fail loudly on a broken package. Each case copies
// a real built @gostd package to a temporary folder, breaks one thing, and
// expects checkPackage to throw with a message that names what broke.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { checkPackage } from './package-check.mjs';
import { publicPackages } from './workspace.mjs';

const [real] = publicPackages().filter((p) => fs.existsSync(path.join(p.dir, 'dist/index.js')));

function copy() {
  if (!real) throw new Error('no built package');
  const dir = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-broken-')),
    'packages',
    path.basename(real.dir),
  );
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'dist']) {
    fs.cpSync(path.join(real.dir, f), path.join(dir, f), { recursive: true });
  }
  fs.mkdirSync(path.join(dir, 'src'));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { pkg: { name: real.name, dir, manifest }, manifest };
}

/** @param {{ dir: string, manifest: object }} pkg */
function save(pkg) {
  fs.writeFileSync(path.join(pkg.dir, 'package.json'), JSON.stringify(pkg.manifest, null, 2));
}

test('the real package passes', { skip: !real && 'no built package' }, () => {
  const { pkg } = copy();
  assert.ok(checkPackage(pkg).length >= 5);
});

test('types that point nowhere fail publint', { skip: !real && 'no built package' }, () => {
  const { pkg } = copy();
  pkg.manifest.exports['.'].types = './dist/missing.d.ts';
  save(pkg);
  assert.throws(() => checkPackage(pkg), /publint/);
});

test('a CommonJS-typed declaration fails attw under the ESM-only profile', {
  skip: !real && 'no built package',
}, () => {
  const { pkg } = copy();
  fs.renameSync(path.join(pkg.dir, 'dist/index.d.ts'), path.join(pkg.dir, 'dist/index.d.cts'));
  pkg.manifest.exports['.'] = { types: './dist/index.d.cts', default: './dist/index.js' };
  save(pkg);
  assert.throws(() => checkPackage(pkg), /attw|publint/);
});

test('a file left out of the tarball fails the install-alone import', {
  skip: !real && 'no built package',
}, () => {
  const { pkg } = copy();
  pkg.manifest.files = ['dist/index.d.ts'];
  save(pkg);
  assert.throws(() => checkPackage(pkg), /publint|failed/);
});

test('an example whose output changed fails', { skip: !real && 'no built package' }, () => {
  const { pkg } = copy();
  const readme = path.join(pkg.dir, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const broken = text.replace(/(\/\/ Output:\n\/\/ )(.)/, (_, a, c) => `${a}${c === 'X' ? 'Y' : 'X'}`);
  assert.notEqual(broken, text);
  fs.writeFileSync(readme, broken);
  assert.throws(() => checkPackage(pkg), /Output: block says/);
});

test('a dependency on a private workspace package fails', { skip: !real && 'no built package' }, () => {
  const { pkg } = copy();
  pkg.manifest.dependencies = { '@gostd/internal': '*' };
  save(pkg);
  assert.throws(() => checkPackage(pkg), /dependencies names the private package @gostd\/internal/);
});

test('a dist that imports a private workspace package fails', { skip: !real && 'no built package' }, () => {
  const { pkg } = copy();
  fs.appendFileSync(path.join(pkg.dir, 'dist/index.js'), "\nexport { quote } from '@gostd/internal';\n");
  assert.throws(() => checkPackage(pkg), /dist\/index\.js imports the private package @gostd\/internal/);
});
