// What the docs site knows about the repository: which packages exist (data-driven from
// packages/*/package.json), what each one's docs page says about it, and the checks that
// make a broken package fail the docs build instead of silently vanishing from it.
// Used by docs/.vitepress/config.mts, docs/scripts/build.mjs and docs/test/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The docs/ folder and the repository root. */
export const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
 * The flat `key: value` front matter of a Markdown text (quotes stripped), or {} when it has none.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function frontmatter(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  /** @type {Record<string, string>} */
  const out = {};
  if (!m) return out;
  for (const line of (m[1] ?? '').split(/\r?\n/)) {
    const kv = /^([A-Za-z][\w-]*):\s*(.*?)\s*$/.exec(line);
    if (!kv) continue;
    out[kv[1] ?? ''] = (kv[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/**
 * The source files of a package's public entry points, from the `exports` map of its package.json:
 * `./dist/<x>.js` is built from `src/<x>.ts`.
 * @param {string} dir
 * @param {any} manifest
 */
function entryPoints(dir, manifest) {
  const files = [];
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === './package.json') continue;
    const js = typeof target === 'string' ? target : (target?.default ?? target?.import);
    const m = typeof js === 'string' ? /^\.\/dist\/(.+)\.js$/.exec(js) : null;
    if (!m) continue;
    files.push(path.join(dir, 'src', `${m[1]}.ts`));
  }
  return files.length > 0 ? files : [path.join(dir, 'src', 'index.ts')];
}

/**
 * The packages of the repository that exist: a folder packages/<name>/ with a package.json and a
 * src/index.ts. Packages still being written (no src/index.ts yet) are left out, with their names in
 * `absent`, so no page, link, API reference or benchmark table of theirs is built.
 * @param {string} [root]
 * @returns {{ present: Package[], absent: string[] }}
 */
export function discoverPackages(root = repoRoot) {
  const packagesDir = path.join(root, 'packages');
  const docs = path.join(root, 'docs');
  /** @type {Package[]} */
  const present = [];
  /** @type {string[]} */
  const absent = [];
  const names = fs.existsSync(packagesDir)
    ? fs
        .readdirSync(packagesDir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
  // Pages of packages whose folder is gone altogether are absent too.
  const pagesDir = path.join(docs, 'packages');
  if (fs.existsSync(pagesDir)) {
    for (const f of fs.readdirSync(pagesDir)) {
      const name = f.replace(/\.md$/, '');
      if (f.endsWith('.md') && !names.includes(name)) names.push(name);
    }
  }
  for (const name of names.sort()) {
    const dir = path.join(packagesDir, name);
    const manifestFile = path.join(dir, 'package.json');
    if (!fs.existsSync(manifestFile) || !fs.existsSync(path.join(dir, 'src', 'index.ts'))) {
      absent.push(name);
      continue;
    }
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    // A private workspace package (@gostd/testing) is test plumbing, not something users install.
    if (manifest.private) continue;
    const page = path.join(pagesDir, `${name}.md`);
    const meta = fs.existsSync(page) ? frontmatter(fs.readFileSync(page, 'utf8')) : {};
    present.push({
      name,
      npmName: manifest.name ?? `@gostd/${name}`,
      description: manifest.description ?? '',
      dir,
      readme: path.join(dir, 'README.md'),
      page,
      entryPoints: entryPoints(dir, manifest),
      meta,
      order: Number(meta.order ?? 1000),
    });
  }
  present.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  return { present, absent };
}

/** Lines of a Markdown text that are outside fenced code blocks, as [index, line] pairs. @param {string[]} lines */
function* outsideFences(lines) {
  let fence = '';
  for (const [i, line] of lines.entries()) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (m) {
      const marker = m[1] ?? '';
      if (!fence) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && /^\s*[`~]+\s*$/.test(line))
        fence = '';
      continue;
    }
    if (!fence) yield/** @type {[number, string]} */ ([i, line]);
  }
}

/**
 * The body of the `## Benchmarks` section of a README (without its heading), or undefined when it
 * has none. The section ends at the next heading of level 1 or 2.
 * @param {string} text
 */
export function benchmarksSection(text) {
  const lines = text.split(/\r?\n/);
  let start = -1;
  let end = lines.length;
  for (const [i, line] of outsideFences(lines)) {
    if (start < 0 && /^##\s+Benchmarks?\b/i.test(line)) start = i + 1;
    else if (start >= 0 && /^#{1,2}\s/.test(line)) {
      end = i;
      break;
    }
  }
  if (start < 0) return undefined;
  return lines.slice(start, end).join('\n').trim();
}

/** Markdown with every heading outside code blocks one level deeper. @param {string} text */
export function demoteHeadings(text) {
  const lines = text.split('\n');
  for (const [i, line] of outsideFences(lines)) {
    if (/^#{1,5}\s/.test(line)) lines[i] = `#${line}`;
  }
  return lines.join('\n');
}

/**
 * `<!--@include: path-->` targets of a Markdown page, resolved like VitePress does (relative to the
 * page; a leading @ means the docs root), without any #region or {range} suffix.
 * @param {string} file
 * @param {string} text
 */
export function includeTargets(file, text) {
  const out = [];
  for (const m of text.matchAll(/<!--\s*@include:\s*(.*?)\s*-->/g)) {
    const raw = (m[1] ?? '').replace(/\{\d*,\d*\}$/, '').replace(/#[\w-]+$/, '');
    out.push(
      raw.startsWith('@')
        ? path.join(docsDir, raw.slice(raw[1] === '/' ? 2 : 1))
        : path.join(path.dirname(file), raw),
    );
  }
  return out;
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

/** @param {string} s */
const cell = (s) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');

/**
 * The Markdown that a `<!--@gostd:packages-->` or `<!--@gostd:benchmarks-->` marker stands for, on the
 * page at relativePath (relative to docs/). Throws when a present package's README is missing or has
 * no Benchmarks section: a broken package must break the build, not disappear from it.
 * @param {'packages' | 'benchmarks'} what
 * @param {string} relativePath
 * @param {Package[]} present
 */
export function expandMarker(what, relativePath, present) {
  const up = '../'.repeat(relativePath.split('/').length - 1) || './';
  if (what === 'packages') {
    const rows = present.map(
      (p) =>
        `| [${p.npmName}](${up}packages/${p.name}.md) | ${cell(p.meta.go ? `\`${p.meta.go}\`` : '')} | ${cell(p.description)} | [API](${up}api/${p.name}/index.md) |`,
    );
    return ['| Package | Go original | What it is | Reference |', '| --- | --- | --- | --- |', ...rows].join(
      '\n',
    );
  }
  const parts = [];
  for (const p of present) {
    if (!fs.existsSync(p.readme)) throw new Error(`${path.relative(repoRoot, p.readme)} is missing`);
    const body = benchmarksSection(fs.readFileSync(p.readme, 'utf8'));
    if (body === undefined)
      throw new Error(`${path.relative(repoRoot, p.readme)} has no "## Benchmarks" section`);
    parts.push(
      `## ${p.npmName}\n\nFrom the Benchmarks section of [${p.npmName}](${up}packages/${p.name}.md#benchmarks)'s README.\n\n${fromReadme(p.name, demoteHeadings(body))}`,
    );
  }
  return parts.join('\n\n');
}

/**
 * Replaces the site's markers in a page's Markdown source by what they stand for.
 * @param {string} src
 * @param {string} relativePath
 * @param {Package[]} present
 */
export function expandMarkers(src, relativePath, present) {
  return src.replace(/<!--\s*@gostd:(packages|benchmarks)\s*-->/g, (_, what) =>
    expandMarker(what, relativePath, present),
  );
}

/** Marks Markdown taken from packages/<name>/README.md, so its relative links can be re-based. */
const readmeStart = /^<!--gostd-readme:([a-z0-9-]+)-->$/;
const readmeEnd = '<!--/gostd-readme-->';
/** @param {string} name @param {string} body */
function fromReadme(name, body) {
  return `\n\n<!--gostd-readme:${name}-->\n\n${body}\n\n${readmeEnd}\n\n`;
}

/**
 * Where a link written in packages/<name>/README.md (relative to that folder, as on GitHub and npm)
 * points when the README is shown on the docs page at relativePath: docs pages stay site links, the
 * repository's CONTRIBUTING.md becomes the Contributing page, another package's README its page, and
 * any other file of the repository its GitHub address. Throws for a link to a file that does not exist.
 * @param {string} href
 * @param {string} name
 * @param {string} relativePath
 * @param {Package[]} present
 * @param {string} [root]
 */
export function rebaseReadmeLink(href, name, relativePath, present, root = repoRoot) {
  if (/^([a-z][a-z0-9+.-]*:|\/)/i.test(href)) return href;
  const docs = path.join(root, 'docs');
  const pageDir = path.dirname(path.join(docs, relativePath));
  const siteLink = (/** @type {string} */ f, /** @type {string} */ rest) => {
    const r = path.relative(pageDir, f).split(path.sep).join('/');
    return (r.startsWith('.') ? r : `./${r}`) + rest;
  };
  if (href.startsWith('#')) {
    // A heading of the README: on the package's page it is right there; elsewhere it is on that page.
    return relativePath === `packages/${name}.md`
      ? href
      : siteLink(path.join(docs, 'packages', `${name}.md`), href);
  }
  const m = /^([^#?]*)(.*)$/.exec(href);
  const target = decodeURI(m?.[1] ?? '');
  const rest = m?.[2] ?? '';
  const pkgDir = path.join(root, 'packages', name);
  const file = path.resolve(pkgDir, target);
  if (!fs.existsSync(file)) {
    throw new Error(
      `packages/${name}/README.md links to ${href}, and ${path.relative(root, file)} does not exist`,
    );
  }
  if (file.startsWith(docs + path.sep)) return siteLink(file, rest);
  if (file === path.join(root, 'CONTRIBUTING.md')) return siteLink(path.join(docs, 'contributing.md'), rest);
  if (file === path.join(pkgDir, 'README.md'))
    return siteLink(path.join(docs, 'packages', `${name}.md`), rest);
  const other = present.find((p) => file === p.readme);
  if (other) return siteLink(path.join(docs, 'packages', `${other.name}.md`), rest);
  const kind = fs.statSync(file).isDirectory() ? 'tree' : 'blob';
  const rel = path.relative(root, file).split(path.sep).join('/');
  return `${githubUrl(root)}/${kind}/main/${rel}${rest}`;
}

/** The repository's GitHub address, from the root package.json or, failing that, a package's. @param {string} root */
function githubUrl(root) {
  const candidates = [path.join(root, 'package.json')];
  const packagesDir = path.join(root, 'packages');
  if (fs.existsSync(packagesDir)) {
    for (const n of fs.readdirSync(packagesDir)) candidates.push(path.join(packagesDir, n, 'package.json'));
  }
  for (const f of candidates) {
    if (!fs.existsSync(f)) continue;
    const repo = JSON.parse(fs.readFileSync(f, 'utf8')).repository;
    const url = typeof repo === 'string' ? repo : repo?.url;
    const m = typeof url === 'string' ? /github\.com[/:]([^/]+\/[^/.]+)/.exec(url) : null;
    if (m) return `https://github.com/${m[1]}`;
  }
  return 'https://github.com/gostd/gostd';
}

/**
 * The site's Markdown extensions, for VitePress's `markdown.config`: expands the `@gostd:` markers, and
 * re-bases the relative links of README text shown on a page (a package page includes its README with
 * `<!--@include: ../../packages/<name>/README.md{2,}-->`; the Benchmarks page shows README sections).
 * Applies to the pages and to the local search index alike.
 * @param {import('markdown-it').default} md
 * @param {Package[]} present
 */
export function gostdMarkdown(md, present) {
  const parse = md.parse.bind(md);
  md.parse = (src, env) => {
    const relativePath = env?.relativePath ?? '';
    let text = expandMarkers(src, relativePath, present);
    const own = /^packages\/([a-z0-9-]+)\.md$/.exec(relativePath);
    const pkg = own ? present.find((p) => p.name === own[1]) : undefined;
    if (pkg && fs.existsSync(pkg.readme)) {
      // What VitePress's include with the line range {2,} put into the page: the README minus its title.
      const body = fs.readFileSync(pkg.readme, 'utf8').split(/\r?\n/).slice(1).join('\n');
      const at = body.trim() ? text.indexOf(body) : -1;
      if (at >= 0) text = text.slice(0, at) + fromReadme(pkg.name, body) + text.slice(at + body.length);
    }
    return parse(text, env);
  };
  md.core.ruler.after('inline', 'gostd-readme-links', (state) => {
    /** @type {string | undefined} */
    let current;
    const relativePath = state.env?.relativePath ?? '';
    for (const token of state.tokens) {
      if (token.type === 'html_block') {
        const content = token.content.trim();
        const start = readmeStart.exec(content);
        if (start) current = start[1];
        else if (content === readmeEnd) current = undefined;
        else continue;
        token.content = '';
        continue;
      }
      if (!current || token.type !== 'inline') continue;
      for (const child of token.children ?? []) {
        const attr = child.type === 'link_open' ? 'href' : child.type === 'image' ? 'src' : undefined;
        const value = attr ? child.attrGet(attr) : null;
        if (attr && value) child.attrSet(attr, rebaseReadmeLink(value, current, relativePath, present));
      }
    }
  });
}
