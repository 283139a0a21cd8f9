// @ts-check
// What the site writes into its pages: the `@gostd:` markers expanded, and README text marked so that its
// relative links are re-based (links.mjs), for VitePress's markdown-it.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './discovery.mjs';
import { rebaseReadmeLink } from './links.mjs';
import { benchmarksSection, demoteHeadings } from './markdown.mjs';

/** @typedef {import('./discovery.mjs').Package} Package */

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
 * The site's Markdown extensions, for VitePress's `markdown.config`: expands the `@gostd:` markers, and
 * re-bases the relative links of README text shown on a page (a package page includes its README with
 * `<!--@include: ../../packages/<name>/README.md{2,}-->`; the Benchmarks page shows README sections).
 * Applies to the pages and to the local search index alike.
 * @param {import('vitepress').MarkdownRenderer} md
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
