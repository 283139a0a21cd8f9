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

/**
 * The problems with the doc comments of an entry point's exports, each saying what to change: an export
 * without a doc comment, a function or class without an @example, an entry point without a package doc
 * comment (`@packageDocumentation`), and a doc comment (of an export or of a public member of an exported
 * class) that does not start with the declared TypeScript name (docs/conventions.md, "Doc comments").
 */
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
  if (!/^\s*(\/\/.*\n\s*)*\/\*\*[\s\S]*?@packageDocumentation[\s\S]*?\*\//.test(source.text)) {
    missing.push(
      `${where(source, 0)}: no package doc comment: start the file with /** Package @gostd/${path.basename(path.dirname(path.dirname(entry)))} is ... @packageDocumentation */ (as Go's bits.go starts \"Package bits implements ...\")`,
    );
  }
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
    for (const d of decls) missing.push(...misnamed(d, sym.name, '', exp.name));
    for (const d of decls) {
      if (!ts.isClassDeclaration(d)) continue;
      for (const m of d.members) {
        const flags = ts.getCombinedModifierFlags(m);
        if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        if (m.name && ts.isPrivateIdentifier(m.name)) continue;
        if (ts.getJSDocTags(m).some((t) => t.tagName.text === 'internal')) continue;
        if (ts.isConstructorDeclaration(m)) missing.push(...misnamed(m, `new ${sym.name}`));
        else if (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) {
          missing.push(...misnamed(m, m.name.text, `${sym.name}.`));
        }
      }
    }
  }
  return missing;
}

/** file:line of pos in source, relative to the repository. */
function where(source: ts.SourceFile, pos: number): string {
  const { line } = source.getLineAndCharacterOfPosition(pos);
  return `${path.relative(root, source.fileName)}:${line + 1}`;
}

/**
 * The problem with the doc comment of declaration d, declared as name (or exported as alias), if it does
 * not start with that name, after an optional "A", "An" or "The" as Go allows: [] when it does.
 */
function misnamed(d: ts.Node, name: string, owner = '', alias = name): string[] {
  const doc = ts.getJSDocCommentsAndTags(d).find(ts.isJSDoc);
  if (!doc) return [];
  const text = (ts.getTextOfJSDocComment(doc.comment) ?? '').trim();
  if (text === '') return [];
  const words = text.split(/\s+/);
  const at = /^(A|An|The)$/.test(words[0] ?? '') ? 1 : 0;
  const got = words
    .slice(at, at + name.split(' ').length)
    .join(' ')
    .replace(/[.,:;]$/, '');
  if (got === name || got === alias) return [];
  const shown = words.slice(0, 4).join(' ');
  return [
    `${where(d.getSourceFile(), doc.getStart())}: the doc comment of ${owner}${name} starts "${shown}"; start it with "${name}" (docs/conventions.md: a doc comment starts with the TypeScript name)`,
  ];
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
