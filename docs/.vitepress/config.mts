// The gostd docs site. Which packages it shows is data-driven (docs/scripts/site.mjs): a package
// appears — page, sidebar entry, home card, API reference, benchmark table — only when
// packages/<name>/package.json and packages/<name>/src/index.ts exist.
import { type DefaultTheme, defineConfig } from 'vitepress';
import { discoverPackages, gostdMarkdown } from '../scripts/site.mjs';

const { present, absent } = discoverPackages();

// Every warning and error of VitePress and Vite goes through this logger; docs/scripts/build.mjs runs
// the build in the same process and fails it when any was logged (globalThis.__gostdDocsWarnings).
const g = globalThis as { __gostdDocsWarnings?: string[] };
const warnings = g.__gostdDocsWarnings ?? [];
const onceSeen = new Set<string>();
const logger = {
  hasWarned: false,
  info(msg: string) {
    process.stdout.write(`${msg}\n`);
  },
  warn(msg: string) {
    logger.hasWarned = true;
    warnings.push(msg);
    process.stderr.write(`${msg}\n`);
  },
  warnOnce(msg: string) {
    if (onceSeen.has(msg)) return;
    onceSeen.add(msg);
    logger.warn(msg);
  },
  error(msg: string) {
    warnings.push(msg);
    process.stderr.write(`${msg}\n`);
  },
  clearScreen() {},
  hasErrorLogged() {
    return false;
  },
};

const packageItems: DefaultTheme.SidebarItem[] = present.map((p) => ({
  text: p.npmName,
  link: `/packages/${p.name}`,
  collapsed: true,
  items: [
    { text: 'Guide', link: `/packages/${p.name}` },
    { text: 'API reference', link: `/api/${p.name}/` },
  ],
}));

/** The guide pages, in the top bar and at the head of the sidebar. */
const guide = [
  { text: 'Getting started', link: '/getting-started' },
  { text: 'Conventions', link: '/conventions' },
  { text: 'Benchmarks', link: '/benchmarks' },
  { text: 'Runtimes', link: '/runtimes' },
  { text: 'Architecture', link: '/architecture' },
  { text: 'Contributing', link: '/contributing' },
];

export default defineConfig({
  title: 'gostd',
  description: "Faithful, fast ports of pieces of Go's standard library for Node.js",
  lang: 'en-US',
  cleanUrls: true,
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/logo.svg' }]],
  // Pages of packages that do not exist (yet) are not built, so nothing can link to them.
  srcExclude: ['**/README.md', ...absent.map((name) => `packages/${name}.md`)],
  markdown: {
    // <!--@gostd:packages--> and <!--@gostd:benchmarks--> markers, and README links re-based.
    config: (md) => gostdMarkdown(md, present),
  },
  transformPageData(pageData) {
    if (pageData.relativePath !== 'index.md') return;
    pageData.frontmatter.features = present.map((p) => ({
      title: p.npmName,
      details: p.description,
      link: `/packages/${p.name}`,
      linkText: 'Guide and API',
    }));
  },
  // The local search index holds every API page (the whole of time is large): one chunk of ~1 MB is expected.
  vite: { customLogger: logger, build: { chunkSizeWarningLimit: 2048 } },
  themeConfig: {
    logo: '/logo.svg',
    nav: guide,
    sidebar: [
      {
        text: 'Guide',
        items: guide,
      },
      { text: 'Packages', items: packageItems },
    ],
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    socialLinks: [{ icon: 'github', link: 'https://github.com/gostd/gostd' }],
    footer: { message: 'BSD-3-Clause licensed, like Go.' },
  },
});
