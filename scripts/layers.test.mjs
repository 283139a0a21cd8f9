// What may import what (docs/architecture.md), checked on every import in packages/: a published package
// imports no other @gostd package but @gostd/internal, which tsup bundles in; only tests, benches and
// testdata import @gostd/testing; the private packages import no published one; nothing reaches into
// another package's folder by a relative path. `npm test` runs it (test:layers).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { root, workspacePackages } from './workspace.mjs';

const all = workspacePackages();
const names = new Set(all.map((p) => p.name));

/** @param {string} dir @returns {string[]} */
function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mts|mjs|js)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !/[\\/](node_modules|dist)[\\/]/.test(f));
}

/**
 * The module specifiers a source file imports or re-exports, statically or with import(), read from its
 * syntax tree (so an import in a doc comment's example is not one).
 * @param {string} file
 * @returns {string[]}
 */
function imports(file) {
  const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  /** @type {string[]} */
  const out = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

/**
 * The files a package ships: its entry points and every file they reach by relative imports. The rest of
 * src/ (tests, and test harnesses such as sync's linearizability.ts) is test code.
 * @param {import('./workspace.mjs').WorkspacePackage} p
 */
function shipped(p) {
  const seen = new Set();
  const todo = p.entryPoints.map((e) => e.source);
  while (todo.length > 0) {
    const f = /** @type {string} */ (todo.pop());
    if (seen.has(f) || !fs.existsSync(f)) continue;
    seen.add(f);
    for (const spec of imports(f)) {
      if (!spec.startsWith('.')) continue;
      const base = path.resolve(path.dirname(f), spec);
      const hit = [base, `${base}.ts`, `${base}.mts`, path.join(base, 'index.ts')].find(
        (c) => fs.existsSync(c) && fs.statSync(c).isFile(),
      );
      if (hit) todo.push(hit);
    }
  }
  return seen;
}

/** @param {string} spec */
const gostd = (spec) => /^@gostd\/[a-z-]+/.exec(spec)?.[0];

/** The broken rules of one file of package p, each naming the file, the import and the rule. */
function problems(
  /** @type {import('./workspace.mjs').WorkspacePackage} */ p,
  /** @type {string} */ file,
  shippedFiles = shipped(p),
) {
  const rel = path.relative(root, file);
  const isTestCode = (/** @type {string} */ f) => !shippedFiles.has(f);
  const out = [];
  for (const spec of imports(file)) {
    const dep = gostd(spec);
    if (spec.startsWith('.')) {
      const target = path.resolve(path.dirname(file), spec);
      const inside = target.startsWith(p.dir + path.sep);
      if (!inside && !(isTestCode(file) && target.startsWith(path.join(root, 'scripts') + path.sep)))
        out.push(`${rel} imports ${spec}, outside ${p.name}: import a package by name`);
      continue;
    }
    if (!dep) continue;
    if (!names.has(dep)) out.push(`${rel} imports ${spec}, which is no workspace package`);
    else if (dep === '@gostd/testing' && !isTestCode(file) && p.name !== dep)
      out.push(
        `${rel} imports @gostd/testing, which shipped code may not (only tests, benches and testdata)`,
      );
    else if (dep === p.name && !isTestCode(file))
      out.push(`${rel} imports its own package by name; use a relative import`);
    else if (dep !== p.name && dep !== '@gostd/testing' && dep !== '@gostd/internal')
      out.push(`${rel} imports ${dep}: a package never imports another published @gostd package`);
    else if (dep === '@gostd/internal' && p.name === '@gostd/testing')
      out.push(`${rel} imports @gostd/internal: test plumbing does not depend on shipped code`);
    if (dep && dep !== p.name && names.has(dep) && !p.manifest.devDependencies?.[dep])
      out.push(`${rel} imports ${dep}, which ${p.name}'s package.json does not list under devDependencies`);
  }
  return out;
}

test('every import in packages/ keeps to the layers', () => {
  assert.ok(all.some((p) => p.name === '@gostd/internal') && all.some((p) => p.name === '@gostd/testing'));
  const bad = all.flatMap((p) =>
    ['src', 'bench', 'testdata'].flatMap((d) => {
      const ship = shipped(p);
      return files(path.join(p.dir, d)).flatMap((f) => problems(p, f, ship));
    }),
  );
  assert.deepEqual(bad, []);
});

test('no published package depends on another @gostd package', () => {
  for (const p of all.filter((x) => !x.private)) {
    for (const field of /** @type {const} */ (['dependencies', 'peerDependencies', 'optionalDependencies'])) {
      const deps = Object.keys(p.manifest[field] ?? {}).filter((d) => d.startsWith('@gostd/'));
      assert.deepEqual(deps, [], `${p.name}: ${field}`);
    }
  }
});

test('the checker catches each kind of broken import', () => {
  const p = all.find((x) => x.name === '@gostd/time');
  assert.ok(p);
  const dir = fs.mkdtempSync(path.join(p.dir, 'src', '.layers-'));
  try {
    const write = (/** @type {string} */ name, /** @type {string} */ text) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, text);
      // Every file but a test is taken as one the package ships.
      return problems(p, f, new Set(name.includes('.test.') ? [] : [f])).join('\n');
    };
    assert.match(write('a.ts', "import { x } from '@gostd/sync';\n"), /never imports another published/);
    assert.match(write('b.ts', "export { goRun } from '@gostd/testing';\n"), /shipped code may not/);
    assert.match(write('c.ts', "import '../../../sync/src/map';\n"), /outside @gostd\/time/);
    assert.match(write('d.ts', "const m = await import('@gostd/nope');\n"), /no workspace package/);
    assert.equal(
      write('e.test.ts', "import { goRun } from '@gostd/testing';\nimport { now } from '@gostd/time';\n"),
      '',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
