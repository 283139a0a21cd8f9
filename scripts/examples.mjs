// Finds the runnable examples of a package, the way `go test` finds Example
// functions: every ```ts block after an @example tag in a doc comment of
// src/, in the package's README.md and docs page, and in docs pages that
// import the package. A block's expected output is the run of `// ` comment
// lines after a line `// Output:`, as in Go. A block fenced as ```ts no-run is shown, not run.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * @typedef {{ file: string, line: number, code: string, output: string[] | undefined }} Example
 */

const fence = /^```(ts|typescript|js|javascript)(?:\s+(\S+))?\s*$/;

/** @param {string[]} lines @param {string} file @param {number} offset @returns {Example[]} */
function blocks(lines, file, offset) {
  /** @type {Example[]} */
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const m = fence.exec(lines[i] ?? '');
    if (!m) continue;
    const start = i;
    const body = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    if (i >= lines.length) throw new Error(`${file}:${start + offset + 1}: example code block is not closed`);
    if (m[2] === 'no-run') continue;
    out.push({ file, line: start + offset + 1, code: body.join('\n'), output: expectedOutput(body) });
  }
  return out;
}

/** The `// Output:` block of an example, or undefined when it has none. @param {string[]} body */
export function expectedOutput(body) {
  const at = body.findIndex((l) => /^\s*\/\/ Output:\s*$/.test(l));
  if (at < 0) return undefined;
  const want = [];
  for (const l of body.slice(at + 1)) {
    const m = /^\s*\/\/(?: (.*))?$/.exec(l);
    if (!m) break;
    want.push(m[1] ?? '');
  }
  return want;
}

/** Examples in the doc comments of one TypeScript source text. @param {string} file @param {string} text */
export function examplesFromSource(file, text) {
  const lines = text.split('\n');
  /** @type {Example[]} */
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i] ?? '')) continue;
    const doc = [];
    const from = i + 1;
    for (
      i++;
      i < lines.length && !/^\s*\*\//.test(lines[i] ?? '') && !/^\s*\*\s*@\w/.test(lines[i] ?? '');
      i++
    ) {
      doc.push((lines[i] ?? '').replace(/^\s*\* ?/, ''));
    }
    i--;
    out.push(...blocks(doc, file, from));
  }
  return out;
}

/** Examples in a Markdown text. @param {string} file @param {string} text */
export function examplesFromMarkdown(file, text) {
  return blocks(text.split('\n'), file, 0);
}

/** @param {string} dir @returns {string[]} */
function sources(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !/\.(test|prop\.test|bench)\.ts$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** @param {string} dir @returns {string[]} Markdown pages of the docs site, not generated ones. */
function pages(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .map((e) => path.join(e.parentPath, e.name))
    .filter(
      (f) =>
        f.endsWith('.md') && !/[\\/](\.vitepress|api|node_modules)[\\/]/.test(`/${path.relative(dir, f)}`),
    )
    .sort();
}

/**
 * Every example of the package in pkgDir: doc comments under src/, README.md,
 * its page docs/packages/<name>.md, and any other docs page's blocks that
 * import from the package.
 * @param {string} pkgDir
 * @returns {Example[]}
 */
export function collectExamples(pkgDir) {
  const name = path.basename(pkgDir);
  const out = [];
  for (const f of sources(path.join(pkgDir, 'src')))
    out.push(...examplesFromSource(f, fs.readFileSync(f, 'utf8')));
  const readme = path.join(pkgDir, 'README.md');
  if (fs.existsSync(readme)) out.push(...examplesFromMarkdown(readme, fs.readFileSync(readme, 'utf8')));
  const docs = path.resolve(pkgDir, '../../docs');
  const own = path.join(docs, 'packages', `${name}.md`);
  const imports = new RegExp(`from ['"]@gostd/${name}(/[a-z-]+)?['"]`);
  for (const f of pages(docs)) {
    const found = examplesFromMarkdown(f, fs.readFileSync(f, 'utf8'));
    out.push(...(f === own ? found : found.filter((e) => imports.test(e.code))));
  }
  return out;
}

/**
 * Turns an example's TypeScript into an ES module (or a CommonJS one).
 * @param {string} code @param {string} fileName @param {'esm' | 'commonjs'} kind
 */
export function transpile(code, fileName = 'example.ts', kind = 'esm') {
  return ts.transpileModule(code, {
    fileName,
    compilerOptions: {
      module: kind === 'esm' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
    },
  }).outputText;
}
