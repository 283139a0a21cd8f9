// `node scripts/browser-check.mjs`: @gostd/math-bits, time and sync in a browser. Packs the three
// packages, installs the tarballs into a fresh project, builds with Vite a page (scripts/browser/) that
// runs every documented example of the three packages, races a SharedMap with a Web Worker, and serves
// it twice: with COOP/COEP headers (cross-origin isolated: SharedArrayBuffer exists) and without. Drives
// Debian's Chromium (/usr/bin/chromium, or GOSTD_CHROMIUM; never a downloaded browser) with
// playwright-core. Each example must print its // Output: block, formatted by Node's util.format as
// on Node. Results are judged per cell of the runtime table (scripts/runtime-matrix.mjs).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { build } from 'vite';
import { chromiumPath as executablePath, launchChromium } from './chromium.mjs';
import { collectExamples, transpile } from './examples.mjs';
import { judge, packageRows } from './runtime-matrix.mjs';
import { installTarballs } from './tarballs.mjs';
import { root } from './workspace.mjs';

const rows = packageRows.filter((r) => ['math-bits', 'time', 'sync-map', 'sync-sharedmap'].includes(r.id));

/** Writes the page's sources into app: scripts/browser/*, each example as a module, and their index. */
function writePage(app) {
  for (const f of fs.readdirSync(path.join(import.meta.dirname, 'browser')))
    fs.copyFileSync(path.join(import.meta.dirname, 'browser', f), path.join(app, f));
  fs.mkdirSync(path.join(app, 'ex'), { recursive: true });
  const index = [];
  for (const row of rows) {
    const pkgDir = path.join(root, 'packages', row.pkg.replace('@gostd/', ''));
    const examples = collectExamples(pkgDir).filter(
      (e) => e.output?.length && row.examples(e.code) && !needsNodeOnly(e.code),
    );
    for (const e of examples) {
      const i = index.length;
      fs.writeFileSync(path.join(app, 'ex', `${i}.js`), transpile(e.code));
      const name = `${path.relative(root, e.file)}:${e.line}`;
      index.push(
        `  { row: ${JSON.stringify(row.id)}, name: ${JSON.stringify(name)}, output: ${JSON.stringify(e.output)}, run: () => import('./ex/${i}.js') },`,
      );
    }
  }
  fs.writeFileSync(path.join(app, 'examples.js'), `export const examples = [\n${index.join('\n')}\n];\n`);
}

/** The value a tagged printed value stood for (see tag() in scripts/browser/main.js). */
function untag(x) {
  switch (x.t) {
    case 'u':
      return undefined;
    case 'b':
      return BigInt(x.v);
    case 'n':
      return Number(x.v);
    case 'j':
      return x.v;
    case 's':
      return Symbol(x.v);
    case 'f':
      return { [x.v]: () => {} }[x.v];
    case 'ta':
      return new globalThis[x.c](x.v.map(untag));
    case 'a':
      return x.v.map(untag);
    case 'm':
      return new Map(x.v.map(([k, v]) => [untag(k), untag(v)]));
    case 'set':
      return new Set(x.v.map(untag));
    case 'e': {
      const e = new Error(x.v);
      e.name = x.c;
      return e;
    }
    default: {
      const entries = Object.fromEntries(x.v.map(([k, v]) => [k, untag(v)]));
      if (!x.c || x.c === 'Object') return entries;
      const Named = { [x.c]: class {} }[x.c];
      return Object.assign(new Named(), entries);
    }
  }
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** A static server for dist; with isolate, every answer carries COOP same-origin and COEP require-corp. */
function serve(dist, isolate) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(dist, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (!file.startsWith(dist) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const headers = { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' };
    if (isolate) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    res.writeHead(200, headers).end(fs.readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }),
    ),
  );
}

async function visit(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page
    .waitForFunction(() => globalThis.__gostd !== undefined, null, { timeout: 120_000 })
    .catch(() => {
      throw new Error(`${url}: the page did not finish in 120 s; page errors: ${errors.join('; ')}`);
    });
  const result = await page.evaluate(() => globalThis.__gostd);
  await page.close();
  return { ...result, pageErrors: errors };
}

async function main() {
  if (!fs.existsSync(executablePath))
    throw new Error(`no Chromium at ${executablePath}: apt-get install chromium (.ci/run does)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-browser-'));
  const { app } = installTarballs(dir, { only: [...new Set(rows.map((r) => r.pkg))] });
  writePage(app);
  const dist = path.join(app, 'dist');
  await build({
    root: app,
    base: './',
    logLevel: 'error',
    configFile: false,
    build: { outDir: dist, target: 'esnext', emptyOutDir: true },
    worker: { format: 'es' },
  });
  const isolated = await serve(dist, true);
  const plain = await serve(dist, false);
  const browser = await launchChromium();
  let failed = 0;
  const report = (v) => {
    console.log(v.line);
    if (v.failed) failed++;
  };
  try {
    console.log(
      `browser: ${browser.version()} (${executablePath}), page built by Vite from the tarballs in ${app}`,
    );
    const on = await visit(browser, isolated.url);
    if (!on.crossOriginIsolated)
      throw new Error(`${isolated.url} is not cross-origin isolated despite COOP/COEP`);
    if (on.error) throw new Error(`the page failed: ${on.error}; ${on.pageErrors.join('; ')}`);
    for (const row of rows) {
      const mine = on.examples.filter((e) => e.row === row.id);
      const problems = [];
      for (const e of mine) {
        const got = e.printed
          .flatMap((args) => format(...args.map(untag)).split('\n'))
          .map((l) => l.trimEnd());
        if (e.error) problems.push(`${e.name}: threw ${e.error}`);
        else if (got.join('\n').trimEnd() !== e.output.join('\n').trimEnd())
          problems.push(
            `${e.name}: printed\n    ${got.join('\n    ')}\n  want\n    ${e.output.join('\n    ')}`,
          );
      }
      let checks = mine.length;
      if (row.id === 'sync-sharedmap') {
        checks++;
        const w = on.worker;
        if (w?.n !== 2000 || w.worker !== 'done' || w.size !== 2)
          problems.push(
            `SharedMap raced by the page and a Web Worker: got ${JSON.stringify(w)}, want n 2000`,
          );
      }
      const v = judge('chromium', row.id, problems.length === 0 && checks > 0, problems.join('\n  '));
      report({ ...v, line: `${v.line}${v.failed ? '' : ` (${checks} checks)`}` });
    }

    const off = await visit(browser, plain.url);
    const sm = off.sharedMap;
    if (off.crossOriginIsolated || !sm) throw new Error(`${plain.url} should not be cross-origin isolated`);
    report(
      judge(
        'chromium',
        'sync-sharedmap:throws-without-isolation',
        sm.threw,
        'new SharedMap() did not throw on a page without cross-origin isolation',
      ),
    );
    report(
      judge(
        'chromium',
        'sync-sharedmap:clear-error-without-isolation',
        sm.threw && /cross-origin isolat|COOP|COEP/i.test(sm.message ?? ''),
        `without cross-origin isolation new SharedMap() threw ${sm.name}: ${sm.message}`,
      ),
    );
  } finally {
    await browser.close();
    isolated.server.close();
    plain.server.close();
  }
  if (failed) {
    console.log(`browser: ${failed} checks disagree with scripts/runtime-matrix.mjs (files kept in ${dir})`);
    process.exitCode = 1;
  } else {
    fs.rmSync(dir, { recursive: true, force: true });
    console.log('browser: every cell as the table says');
  }
}

await main();

/**
 * Examples that cannot run on a browser page by design, so the page leaves them out: a zone from the
 * system's tz database (a page has none unless it imports @gostd/time/tzdata), and the blocking forms of
 * the sync primitives (a page's main thread may not Atomics.wait; they throw a clear Error there, tested
 * in packages/sync/src/futex.test.ts).
 * @param {string} code
 */
function needsNodeOnly(code) {
  return (
    (/\bloadLocation\(|Europe\/|America\/|Asia\/|Australia\//.test(code) &&
      !code.includes('@gostd/time/tzdata')) ||
    /\b(lockSync|rLockSync|waitSync)\(/.test(code)
  );
}
