// The packaging guarantee for one @gostd package: lints its manifest (publint
// --strict) and its types (attw, ESM-only profile), packs it, installs the
// tarball ALONE into a fresh project outside the workspace, and there imports
// it from ESM and require(), type-checks a consumer under moduleResolution
// node16, nodenext (.cts) and bundler, and runs its README example.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transpile } from './examples.mjs';
import { bin, run } from './run.mjs';
import { readmeExample, root, runReadmeExample, workspacePackages } from './workspace.mjs';

/**
 * The example as a CommonJS module (.cts): `import * as x from 's'` and
 * `import x from 's'` become `import x = require('s')`, and `import { a, type T,
 * b as c } from 's'` takes its names from such a require, so TypeScript checks
 * the require() path with the real types.
 * @param {string} code
 */
function asCommonJS(code) {
  /** @type {string[]} */
  const head = [];
  const body = code.replace(/^import\s+(.+?)\s+from\s*(['"][^'"]+['"]);?[ \t]*$/gm, (line, what, spec) => {
    const whole = /^(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)$/.exec(what);
    if (whole) {
      head.push(`import ${whole[1]} = require(${spec});`);
      return '';
    }
    const named = /^\{([^}]*)\}$/.exec(what);
    if (!named) throw new Error(`README example import the CommonJS check cannot rewrite: ${line}`);
    const m = `m${head.length}`;
    const values = [];
    const types = [];
    for (const n of (named[1] ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      const [name, alias = name] = n.replace(/^type\s+/, '').split(/\s+as\s+/);
      if (n.startsWith('type ')) types.push(`type ${alias} = ${m}.${name};`);
      else values.push(alias === name ? name : `${name}: ${alias}`);
    }
    head.push(`import ${m} = require(${spec});`, ...types);
    if (values.length) head.push(`const { ${values.join(', ')} } = ${m};`);
    return '';
  });
  if (/^import\s/m.test(body))
    throw new Error('README example has an import the CommonJS check cannot rewrite');
  return `${head.join('\n')}\n(async () => {\n${body}\n})();\n`;
}

/** @param {Record<string, string>} options @param {string[]} files */
const tsconfig = (options, files) =>
  JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
      target: 'ES2022',
      ...options,
    },
    files,
  });

/**
 * Throws when the package's manifest or built dist/ names a private workspace package (@gostd/internal,
 * @gostd/testing): those are bundled in by tsup or used by tests only, and are never published.
 * @param {Pick<import('./workspace.mjs').WorkspacePackage, 'name' | 'dir' | 'manifest'>} pkg
 */
export function noPrivateDependency(pkg) {
  const names = workspacePackages()
    .filter((p) => p.private)
    .map((p) => p.name);
  for (const field of /** @type {const} */ (['dependencies', 'peerDependencies', 'optionalDependencies'])) {
    for (const dep of Object.keys(pkg.manifest[field] ?? {})) {
      if (names.includes(dep)) throw new Error(`${pkg.name}: ${field} names the private package ${dep}`);
    }
  }
  const dist = path.join(pkg.dir, 'dist');
  for (const f of fs.readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
    const text = fs.readFileSync(path.join(dist, f), 'utf8');
    const used = names.find((n) => text.includes(`'${n}'`) || text.includes(`"${n}"`));
    if (used)
      throw new Error(`${pkg.name}: dist/${f} imports the private package ${used}; bundle it (noExternal)`);
  }
}

/**
 * Checks one package; throws an Error that says what broke. pkg is
 * { name, dir, manifest } as publicPackages() gives; the package must be built.
 * Returns a list of what was checked.
 * @param {Pick<import('./workspace.mjs').WorkspacePackage, 'name' | 'dir' | 'manifest'>} pkg
 * @param {{ work?: string }} [options]
 */
export function checkPackage(pkg, { work = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-pack-')) } = {}) {
  const done = [];
  run(bin('publint'), ['run', pkg.dir, '--strict'], pkg.dir);
  done.push('publint --strict');

  noPrivateDependency(pkg);
  done.push('no dependency on a private workspace package');

  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], pkg.dir));
  const tgz = path.join(work, packed[0].filename);
  run(bin('attw'), [tgz, '--profile', 'esm-only', '--format', 'ascii'], work);
  done.push('attw --profile esm-only');

  const app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const tsVersion = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules/typescript/package.json'), 'utf8'),
  ).version;
  run('npm', ['install', '--no-audit', '--no-fund', tgz, `typescript@${tsVersion}`, '@types/node@20'], app);
  done.push('installed alone');

  const subpaths = Object.keys(pkg.manifest.exports ?? {}).filter((k) => k !== './package.json');
  const specs = subpaths.map((k) => pkg.name + k.slice(1));
  fs.writeFileSync(
    path.join(app, 'imports.mjs'),
    `${specs.map((s, i) => `import * as m${i} from '${s}';`).join('\n')}
const esm = [${specs.map((_, i) => `m${i}`).join(', ')}];
const { createRequire } = await import('node:module');
const require = createRequire(import.meta.url);
${JSON.stringify(specs)}.forEach((s, i) => {
  const cjs = require(s);
  const a = Object.keys(esm[i]).sort().join(), b = Object.keys(cjs).sort().join();
  if (!a) throw new Error(s + ' exports nothing');
  if (a !== b) throw new Error(s + ': require() gives [' + b + '] but import gives [' + a + ']');
});
`,
  );
  run(process.execPath, ['imports.mjs'], app);
  done.push(`import and require() of ${specs.join(', ')}`);

  const example = readmeExample(pkg.dir).code;
  fs.writeFileSync(path.join(app, 'consumer.mts'), example);
  fs.writeFileSync(path.join(app, 'consumer.ts'), example);
  fs.writeFileSync(path.join(app, 'consumer.cts'), asCommonJS(example));
  const tsc = path.join(app, 'node_modules/typescript/bin/tsc');
  /** @type {Record<string, [Record<string, string>, string[]]>} */
  const configs = {
    node16: [{ module: 'node16', moduleResolution: 'node16' }, ['consumer.mts']],
    nodenext: [{ module: 'nodenext', moduleResolution: 'nodenext' }, ['consumer.cts']],
    bundler: [{ module: 'esnext', moduleResolution: 'bundler' }, ['consumer.ts']],
  };
  for (const [name, [options, files]] of Object.entries(configs)) {
    fs.writeFileSync(path.join(app, `tsconfig.${name}.json`), tsconfig(options, files));
    run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], app);
  }
  done.push('tsc: node16 (.mts), nodenext (.cts), bundler');

  runReadmeExample(pkg.dir, app);
  fs.writeFileSync(
    path.join(app, 'consumer.cjs'),
    transpile(asCommonJS(example), 'consumer.cts', 'commonjs'),
  );
  const cjsOut = run(process.execPath, ['consumer.cjs'], app);
  const esmOut = run(process.execPath, [`example-${path.basename(pkg.dir)}.mjs`], app);
  if (cjsOut !== esmOut)
    throw new Error(`README example printed differently from require():\n${cjsOut}\nvs import:\n${esmOut}`);
  done.push('README example run via import and require()');
  fs.rmSync(work, { recursive: true, force: true });
  return done;
}
