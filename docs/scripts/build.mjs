// `npm run docs:build`: builds the docs site into docs/.vitepress/dist.
//   1. finds the packages that exist (packages/<name>/package.json + src/index.ts) and checks that each
//      has what its page needs (README title and Benchmarks section, a docs page that includes the
//      README); every @include of every page must resolve;
//   2. generates each package's API reference from its TSDoc comments with TypeDoc and
//      typedoc-plugin-markdown into docs/api/<name>/;
//   3. runs `vitepress build docs`, which fails on dead links.
// Any warning printed by TypeDoc or VitePress fails the build, as does any error.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { Application, LogLevel, TSConfigReader } from 'typedoc';
import { build } from 'vitepress';
import {
  discoverPackages,
  docsDir,
  includeTargets,
  packageProblems,
  repoRoot,
  sourcePages,
} from './site.mjs';

const rel = (/** @type {string} */ f) => path.relative(repoRoot, f);

/** Stops the build with a message. @param {string[]} lines @returns {never} */
function fail(lines) {
  for (const l of lines) console.error(`docs: ${l}`);
  console.error('docs: build failed');
  process.exit(1);
}

const { present, absent } = discoverPackages();
if (absent.length > 0) {
  console.log(
    `docs: skipping ${absent.join(', ')}: no packages/<name>/src/index.ts (or no package.json) yet`,
  );
}
console.log(`docs: documenting ${present.map((p) => p.npmName).join(', ') || 'no packages'}`);

// 1. Checks.
const problems = present.flatMap((p) => packageProblems(p).map((s) => `${p.npmName}: ${s}`));
const skippedPages = new Set(absent.map((name) => path.join(docsDir, 'packages', `${name}.md`)));
for (const page of sourcePages()) {
  if (skippedPages.has(page)) continue;
  for (const target of includeTargets(page, fs.readFileSync(page, 'utf8'))) {
    if (!fs.existsSync(target)) problems.push(`${rel(page)} includes ${rel(target)}, which does not exist`);
  }
}
if (problems.length > 0) fail(problems);

// 2. API reference.
const apiDir = path.join(docsDir, 'api');
fs.rmSync(apiDir, { recursive: true, force: true });
for (const p of present) {
  const out = path.join(apiDir, p.name);
  /** @type {string[]} */
  const messages = [];
  // The package's own compiler options, but only the files its entry points reach (not its tests and
  // benchmarks, which its typecheck covers): a type error there still fails the build.
  const tsconfig = path.join(docsDir, '.vitepress', 'cache', 'typedoc', `${p.name}.tsconfig.json`);
  fs.mkdirSync(path.dirname(tsconfig), { recursive: true });
  fs.writeFileSync(
    tsconfig,
    JSON.stringify(
      { extends: path.join(p.dir, 'tsconfig.json'), files: p.entryPoints, include: [] },
      null,
      2,
    ),
  );
  const app = await Application.bootstrapWithPlugins(
    /** @type {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions>} */ ({
      name: p.npmName,
      entryPoints: p.entryPoints,
      tsconfig,
      plugin: ['typedoc-plugin-markdown'],
      out,
      readme: 'none',
      excludePrivate: true,
      excludeInternal: true,
      disableSources: true,
      // typedoc-plugin-markdown: an index.md per folder, breadcrumbs back to it, readable tables.
      entryFileName: 'index',
      hidePageHeader: true,
      pageTitleTemplates: {
        index: '{projectName} API reference',
        member: '{keyword} {kind}: {name}',
        module: '{name}',
      },
      useCodeBlocks: true,
      sanitizeComments: true, // a <value> in a doc comment is text, not a Vue tag
      parametersFormat: 'table',
      enumMembersFormat: 'table',
      logLevel: 'Warn',
    }),
    [new TSConfigReader()],
  );
  const log = app.logger.log.bind(app.logger);
  app.logger.log = (message, level) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
    if (level >= LogLevel.Warn) messages.push(String(message).replace(/\x1b\[[0-9;]*m/g, ''));
    log(message, level);
  };
  const project = await app.convert();
  if (!project) fail([`${p.npmName}: TypeDoc could not convert ${p.entryPoints.map(rel).join(', ')}`]);
  app.validate(project);
  await app.generateOutputs(project);
  if (messages.length > 0 || app.logger.hasErrors() || app.logger.hasWarnings()) {
    fail([`${p.npmName}: TypeDoc reported problems:`, ...messages]);
  }
  if (!fs.existsSync(path.join(out, 'index.md')))
    fail([`${p.npmName}: TypeDoc wrote no ${rel(out)}/index.md`]);
  console.log(`docs: API reference of ${p.npmName} -> ${rel(out)}/`);
}

// 3. The site, built in this process so that docs/.vitepress/config.mts's logger reports every warning
// and error of VitePress and Vite here (as does anything else printed with console.warn/error).
/** @type {string[]} */
const warnings = [];
/** @type {any} */ (globalThis).__gostdDocsWarnings = warnings;
for (const method of /** @type {const} */ (['warn', 'error'])) {
  const original = console[method].bind(console);
  console[method] = (/** @type {unknown[]} */ ...args) => {
    warnings.push(format(...args));
    original(...args);
  };
}
try {
  await build(docsDir);
} catch (err) {
  fail([`vitepress build failed: ${err instanceof Error ? err.message : String(err)}`, ...warnings]);
}
if (warnings.length > 0) fail(['vitepress printed warnings:', ...warnings.map((w) => w.trim())]);
console.log(`docs: built ${rel(path.join(docsDir, '.vitepress/dist'))}/ with no warnings`);
