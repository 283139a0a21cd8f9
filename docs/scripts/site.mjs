// @ts-check
// What the docs site knows about the repository, in four parts: which packages it documents
// (discovery.mjs, from scripts/workspace.mjs), the Markdown it reads (markdown.mjs), where README links
// point on a page (links.mjs), and what it writes into pages (pages.mjs).
// Used by docs/.vitepress/config.mts, docs/scripts/build.mjs and docs/test/.
export { discoverPackages, packageProblems, repoRoot, sourcePages } from './discovery.mjs';
export { rebaseReadmeLink } from './links.mjs';
export { benchmarksSection, demoteHeadings, docsDir, frontmatter, includeTargets } from './markdown.mjs';
export { expandMarker, expandMarkers, gostdMarkdown } from './pages.mjs';

/** @typedef {import('./discovery.mjs').Package} Package */
