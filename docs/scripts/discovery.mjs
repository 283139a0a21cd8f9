// @ts-check
// Which packages the docs site documents, and the checks that make a broken package fail the docs build
// instead of silently vanishing from it.
import fs from 'node:fs';
import path from 'node:path';
import { unfinishedPackages, workspacePackages } from '../../scripts/workspace.mjs';
import { benchmarksSection, docsDir, frontmatter, includeTargets } from './markdown.mjs';

/** The repository root. */
export const repoRoot = path.resolve(docsDir, '..');

/**
 * @typedef {{
 *   name: string,
 *   npmName: string,
 *   description: string,
 *   dir: string,
 *   readme: string,
 *   page: string,
 *   entryPoints: string[],
 *   meta: Record<string, string>,
 *   order: number,
 * }} Package
 */

/**
 * The packages the site documents: the public workspace packages (scripts/workspace.mjs; private ones such
 * as @gostd/testing and @gostd/internal are plumbing, not something users install), with what their docs
 * page says. Folders still being written (no package.json or src/index.ts yet), and pages of packages
 * whose folder is gone, are `absent`, so no page, link, API reference or benchmark table of theirs is
 * built.
 * @param {string} [root]
 * @returns {{ present: Package[], absent: string[] }}
 */
export function discoverPackages(root = repoRoot) {
  const pagesDir = path.join(root, 'docs', 'packages');
  const all = workspacePackages(root);
  const absent = unfinishedPackages(root);
  if (fs.existsSync(pagesDir)) {
    for (const f of fs.readdirSync(pagesDir)) {
      const name = f.replace(/\.md$/, '');
      if (f.endsWith('.md') && !all.some((p) => p.short === name) && !absent.includes(name))
        absent.push(name);
    }
  }
  /** @type {Package[]} */
  const present = all
    .filter((p) => !p.private)
    .map((p) => {
      const page = path.join(pagesDir, `${p.short}.md`);
      const meta = fs.existsSync(page) ? frontmatter(fs.readFileSync(page, 'utf8')) : {};
      return {
        name: p.short,
        npmName: p.name,
        description: p.manifest.description ?? '',
        dir: p.dir,
        readme: path.join(p.dir, 'README.md'),
        page,
        entryPoints: p.entryPoints.map((e) => e.source),
        meta,
        order: Number(meta.order ?? 1000),
      };
    });
  present.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  return { present, absent: absent.sort() };
}

/**
 * Why a present package cannot be documented, one sentence per problem; [] when it is fine.
 * @param {Package} pkg
 */
export function packageProblems(pkg) {
  const problems = [];
  const rel = (/** @type {string} */ f) => path.relative(repoRoot, f);
  if (!fs.existsSync(pkg.readme)) problems.push(`${rel(pkg.readme)} is missing`);
  else {
    const readme = fs.readFileSync(pkg.readme, 'utf8');
    const first = readme.split(/\r?\n/, 1)[0] ?? '';
    if (first.trim() !== `# ${pkg.npmName}`) {
      problems.push(
        `${rel(pkg.readme)} must start with the title line "# ${pkg.npmName}" (found "${first}")`,
      );
    }
    const bench = benchmarksSection(readme);
    if (bench === undefined) problems.push(`${rel(pkg.readme)} has no "## Benchmarks" section`);
    else if (!/^\s*\|.*\|\s*$/m.test(bench))
      problems.push(`${rel(pkg.readme)}'s Benchmarks section has no table`);
  }
  for (const f of pkg.entryPoints) if (!fs.existsSync(f)) problems.push(`entry point ${rel(f)} is missing`);
  if (!fs.existsSync(pkg.page)) problems.push(`${rel(pkg.page)} is missing (every package has a docs page)`);
  else {
    const page = fs.readFileSync(pkg.page, 'utf8');
    for (const key of ['title', 'go', 'goName']) {
      if (!pkg.meta[key]) problems.push(`${rel(pkg.page)} lacks "${key}" in its front matter`);
    }
    if (pkg.meta.goName && !page.includes(pkg.meta.goName)) {
      problems.push(
        `${rel(pkg.page)} does not mention its goName ${pkg.meta.goName}, so search cannot find it there`,
      );
    }
    if (!includeTargets(pkg.page, page).includes(pkg.readme)) {
      problems.push(`${rel(pkg.page)} does not include ${rel(pkg.readme)}`);
    }
  }
  return problems;
}

/**
 * The Markdown pages of the site written by hand (not generated, not VitePress internals), absolute paths.
 * @param {string} [dir]
 */
export function sourcePages(dir = docsDir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !/^(\.vitepress|api|node_modules)[\\/]/.test(path.relative(dir, f)))
    .sort();
}
