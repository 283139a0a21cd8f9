// Runs a package's examples as tests, like `go test` runs Example functions:
// each example's printed output must equal its `// Output:` block. Also checks
// that every export of src/index.ts carries a doc comment, and every exported
// function and class an @example. A package's examples.test.ts is one call:
//   testExamples(import.meta.url)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import ts from 'typescript';
import type { Plugin } from 'vite';
import { expect, it } from 'vitest';
import { collectExamples, type Example, transpile } from './examples.mjs';
import { root, workspacePackages } from './workspace.mjs';

const prefix = 'virtual:gostd-example/';
const packages = path.join(root, 'packages');

/**
 * A Vite plugin that serves example number i of a file, as collected for the
 * package in packages/<name>, as the module `virtual:gostd-example/<name>/<i>/<file>`.
 */
export function examplesPlugin(): Plugin {
  return {
    name: 'gostd-examples',
    resolveId(id) {
      return id.startsWith(prefix) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${prefix}`)) return undefined;
      const [pkg = '', index = '', ...file] = id.slice(prefix.length + 1).split('/');
      const pkgDir = path.join(packages, pkg);
      const at = `/${file.join('/')}`;
      const ex = collectExamples(pkgDir).filter((e) => e.file === at)[Number(index)];
      if (!ex) throw new Error(`no example ${index} in ${at}`);
      return transpile(ex.code, at);
    },
  };
}

async function run(id: string): Promise<string[]> {
  const printed: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => {
    printed.push(...format(...args).split('\n'));
  };
  try {
    await import(/* @vite-ignore */ id);
  } finally {
    console.log = log;
  }
  return printed.map((l) => l.trimEnd());
}

/** Declares one test per example of the package whose test file is at testUrl, and the doc-comment check. */
export function testExamples(testUrl: string): void {
  const pkgDir = path.resolve(path.dirname(fileURLToPath(testUrl)), '..');
  const all: Example[] = collectExamples(pkgDir);
  const seen = new Map<string, number>();
  for (const ex of all) {
    const n = seen.get(ex.file) ?? 0;
    seen.set(ex.file, n + 1);
    const name = `example ${path.relative(path.resolve(pkgDir, '../..'), ex.file)}:${ex.line}`;
    it(name, async () => {
      const printed = await run(`${prefix}${path.basename(pkgDir)}/${n}${ex.file}`);
      expect(printed.join('\n').trimEnd()).toBe((ex.output ?? []).join('\n').trimEnd());
    });
  }
  it('type-checks every example against the package source', () => {
    expect(typeErrors(pkgDir, all)).toEqual([]);
  });
  it('has runnable examples', () => {
    expect(all.length).toBeGreaterThan(0);
  });
  it('documents every export of src/index.ts', () => {
    expect(undocumented(path.join(pkgDir, 'src/index.ts'))).toEqual([]);
  });
}

/** Exports of an entry point that lack a doc comment, or (functions and classes) an @example. */
export function undocumented(entry: string): string[] {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return [];
  const missing: string[] = [];
  for (const exp of checker.getExportsOfModule(moduleSymbol)) {
    const sym = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
    const decls = sym.getDeclarations() ?? [];
    const docs = decls.flatMap((d) => ts.getJSDocCommentsAndTags(d));
    const tags = decls.flatMap((d) => ts.getJSDocTags(d));
    if (docs.length === 0) {
      missing.push(`${exp.name}: no doc comment`);
      continue;
    }
    const callable = sym.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class);
    if (callable && !tags.some((t) => t.tagName.text === 'example')) missing.push(`${exp.name}: no @example`);
  }
  return missing;
}

/**
 * Type errors in the examples, checked with the root tsconfig.base.json rules
 * and `@gostd/...` imports mapped to the packages' sources, each named by the
 * example's file and line. An example that runs but would not compile for a
 * user is a broken example.
 */
export function typeErrors(pkgDir: string, examples: readonly Example[]): string[] {
  const base = fileURLToPath(new URL('../tsconfig.base.json', import.meta.url));
  const read = ts.readConfigFile(base, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(base));
  const paths: Record<string, string[]> = {};
  for (const p of workspacePackages()) for (const e of p.entryPoints) paths[e.specifier] = [e.source];
  const files = new Map(examples.map((ex, i) => [path.join(pkgDir, 'src', `__example_${i}.ts`), ex]));
  const host = ts.createCompilerHost({ ...options, paths });
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.readFile = (f) => files.get(f)?.code ?? readFile(f);
  host.getSourceFile = (f, lang, ...rest) => {
    const ex = files.get(f);
    return ex ? ts.createSourceFile(f, ex.code, lang) : getSourceFile(f, lang, ...rest);
  };
  const program = ts.createProgram([...files.keys()], { ...options, paths, noEmit: true }, host);
  const errors: string[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const ex = d.file && files.get(d.file.fileName);
    if (!ex || !d.file || d.start === undefined) continue;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const where = `${path.relative(path.resolve(pkgDir, '../..'), ex.file)}:${ex.line + 1 + line}`;
    errors.push(`${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }
  return errors;
}
