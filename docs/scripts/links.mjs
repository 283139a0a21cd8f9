// @ts-check
// Where a link written in a package's README points when the README is shown on a docs page.
import fs from 'node:fs';
import path from 'node:path';
import { workspacePackages } from '../../scripts/workspace.mjs';
import { repoRoot } from './discovery.mjs';

/** @typedef {import('./discovery.mjs').Package} Package */

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
  const rootManifest = path.join(root, 'package.json');
  const manifests = fs.existsSync(rootManifest) ? [JSON.parse(fs.readFileSync(rootManifest, 'utf8'))] : [];
  for (const p of workspacePackages(root)) manifests.push(p.manifest);
  for (const m of manifests) {
    const repo = m.repository;
    const url = typeof repo === 'string' ? repo : repo?.url;
    const found = typeof url === 'string' ? /github\.com[/:]([^/]+\/[^/.]+)/.exec(url) : null;
    if (found) return `https://github.com/${found[1]}`;
  }
  return 'https://github.com/gostd/gostd';
}
