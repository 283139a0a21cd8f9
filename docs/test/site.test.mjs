// Drives the built site (docs/.vitepress/dist, from `npm run docs:build`) in headless Chromium: opens
// every package page, checks its title, searches for a Go name with the local search box and expects
// a hit on that page, and saves screenshots to docs/.vitepress/screenshots/ (git-ignored).
// Skips only when Chromium is not installed at /usr/bin/chromium (CI installs Debian's `chromium`).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromiumPath as executablePath, launchChromium } from '../../scripts/chromium.mjs';
import { discoverPackages, docsDir } from '../scripts/site.mjs';

// Debian's chromium (scripts/chromium.mjs); GOSTD_CHROMIUM=/nonexistent checks the skip.
const dist = path.join(docsDir, '.vitepress', 'dist');
const screenshots = path.join(docsDir, '.vitepress', 'screenshots');
const { present, absent } = discoverPackages();

const skip = fs.existsSync(executablePath)
  ? false
  : `Chromium not found at ${executablePath}: install Debian's chromium (apt-get install chromium) to run the browser test`;

const types = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
});

/** A static server for dist with VitePress's clean URLs (/packages/sync -> packages/sync.html). */
function serve() {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const want = path.join(dist, decodeURIComponent(url.pathname));
    const file = [want, `${want}.html`, path.join(want, 'index.html')].find(
      (f) => f.startsWith(dist) && fs.existsSync(f) && fs.statSync(f).isFile(),
    );
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(fs.readFileSync(path.join(dist, '404.html')));
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
}

describe('docs site in headless Chromium', { skip, timeout: 180_000 }, () => {
  /** @type {http.Server} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;
  let base = '';

  before(async () => {
    assert.ok(
      fs.existsSync(path.join(dist, 'index.html')),
      `no ${dist}/index.html: run \`npm run docs:build\` first`,
    );
    server = serve();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
    const address = server.address();
    assert.ok(address && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    fs.mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(() => resolve(undefined)) : resolve(undefined)));
  });

  /** A new page that records uncaught errors and failed requests to the site (not to other hosts). */
  async function open(/** @type {string} */ route) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    /** @type {string[]} */
    const problems = [];
    const ours = (/** @type {string} */ url) => url.startsWith(base);
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && ours(msg.location().url || base)) {
        problems.push(`console error: ${msg.text()} (${msg.location().url})`);
      }
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && ours(r.url())) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('requestfailed', (r) => {
      const why = r.failure()?.errorText ?? '';
      // ERR_ABORTED: a prefetch cut short by navigation or by closing the page, not a broken site.
      if (ours(r.url()) && !why.includes('ERR_ABORTED')) problems.push(`failed: ${r.url()} ${why}`);
    });
    await page.goto(`${base}${route}`, { waitUntil: 'networkidle' });
    return { page, problems };
  }

  test('the home page lists every package that exists, and no other', async () => {
    const { page, problems } = await open('/');
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const p of present) {
      assert.ok(
        hrefs.some((h) => h.replace(/\.html$/, '').endsWith(`/packages/${p.name}`)),
        `home page has no link to ${p.name}`,
      );
    }
    for (const name of absent) {
      assert.ok(
        !hrefs.some((h) => h.includes(`/packages/${name}`)),
        `home page links ${name}, which does not exist`,
      );
    }
    await page.screenshot({ path: path.join(screenshots, 'home.png') });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the benchmarks page has one section per package that exists', async () => {
    const { page, problems } = await open('/benchmarks');
    const sections = await page.$$eval('.vp-doc h2', (hs) =>
      hs.map((h) => (h.firstChild?.textContent ?? '').trim()),
    );
    assert.deepEqual(
      sections,
      present.map((p) => p.npmName),
    );
    assert.ok(
      (await page.locator('.vp-doc table').count()) >= present.length,
      'a benchmark table is missing',
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const pkg of present) {
    test(`${pkg.npmName}: page title, search for ${pkg.meta.goName}, API reference`, async () => {
      const { page, problems } = await open(`/packages/${pkg.name}`);
      assert.equal(await page.title(), `${pkg.npmName} | gostd`);
      const h1 = await page
        .locator('.vp-doc h1')
        .first()
        .evaluate((el) => {
          const copy = /** @type {HTMLElement} */ (el.cloneNode(true));
          for (const a of copy.querySelectorAll('.header-anchor')) a.remove();
          return copy.textContent?.trim();
        });
      assert.equal(h1, pkg.npmName);
      await page.screenshot({ path: path.join(screenshots, `${pkg.name}.png`) });

      // The search box: open it from the nav bar, type a Go name, expect a hit on this package's page.
      const term = pkg.meta.goName ?? '';
      assert.ok(
        term,
        `docs/packages/${pkg.name}.md has no "goName" (a Go name to search for) in its front matter`,
      );
      await page.locator('.VPNavBarSearch button').first().click();
      const input = page.locator('.VPLocalSearchBox input');
      await input.waitFor();
      await input.fill(term);
      const hit = page.locator(`.VPLocalSearchBox .results a[href*="/packages/${pkg.name}"]`);
      await hit.first().waitFor({ timeout: 15_000 });
      assert.ok((await hit.count()) > 0, `searching ${term} found nothing on /packages/${pkg.name}`);
      await page.screenshot({ path: path.join(screenshots, `${pkg.name}-search.png`) });
      await page.close();

      // Its API reference page exists and renders.
      const api = await open(`/api/${pkg.name}/`);
      assert.equal(await api.page.title(), `${pkg.npmName} API reference | gostd`);
      await api.page.close();
      assert.deepEqual([...problems, ...api.problems], []);
    });
  }
});
