// `node scripts/bundle-size.mjs`: what a typical import of each @gostd package adds to a user's bundle.
// Bundles each import below from the built packages with esbuild (bundle, minify, ESM; pprof and env for
// Node, the rest for browsers), gzips it (level 9) and checks it against its budget. Each package README
// ends with a "Bundle size" section showing the same rows; the check fails when a size passes its
// budget, or when a README's table is missing, names other budgets, or is more than 15% off the size
// measured now. `node scripts/bundle-size.mjs --write` rewrites the README sections from a new measurement.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { root } from './workspace.mjs';

/** Per package: the imports measured, and the most each may weigh, minified + gzip, in bytes. */
export const budgets = {
  'math-bits': [
    { what: 'everything', code: "export * from '@gostd/math-bits';", budget: 3600 },
    { what: '`onesCount32` alone', code: "export { onesCount32 } from '@gostd/math-bits';", budget: 600 },
  ],
  time: [
    { what: 'everything', code: "export * from '@gostd/time';", budget: 19300 },
    { what: '`Duration` alone', code: "export { Duration } from '@gostd/time';", budget: 2000 },
    { what: '`parseDuration` alone', code: "export { parseDuration } from '@gostd/time';", budget: 1700 },
    {
      what: '`date`, `UTC`, `RFC3339` (to `format`)',
      code: "export { date, UTC, RFC3339 } from '@gostd/time';",
      budget: 14900,
    },
    { what: '`parse`, `RFC3339`', code: "export { parse, RFC3339 } from '@gostd/time';", budget: 14900 },
  ],
  sync: [
    { what: '`Map` alone', code: "export { Map } from '@gostd/sync';", budget: 1400 },
    // 7.4 kB before issue 13's hardening; shared magazines, the merge limbo, reclaim, seeded hashes and the
    // argument checks took it to 10.2 kB, later fixes to 10.8 kB; moving records out of the way when free
    // memory lies between them (shared-compact.ts, shared-map-relocate.ts) and the retry marks to 12.4 kB.
    { what: '`SharedMap` alone', code: "export { SharedMap } from '@gostd/sync';", budget: 12600 },
  ],
  pprof: [
    // 12.3 / 14.3 kB before worker heaps joined the main thread's heap profile (worker-heap.ts, +0.8 kB) and
    // workers were profiled through the inspector (worker-sessions.ts, +0.7 kB).
    { what: 'everything (Node)', code: "export * from '@gostd/pprof';", budget: 15200, node: true },
    {
      what: '`@gostd/pprof/http` (Node)',
      code: "export * from '@gostd/pprof/http';",
      budget: 17200,
      node: true,
    },
  ],
  env: [{ what: 'everything (Node)', code: "export * from '@gostd/env';", budget: 11000, node: true }],
};

/** @typedef {{ what: string, code: string, budget: number, node?: boolean }} Entry */

/** Bytes of the import's bundle, minified and gzipped. @param {Entry} entry */
async function measure(entry) {
  const out = await build({
    stdin: { contents: entry.code, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: entry.node ? 'node' : 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(out.outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length;
}

const kb = (/** @type {number} */ n) => (n >= 1000 ? `${(n / 1000).toFixed(1)} kB` : `${n} B`);
const heading = '## Bundle size';

/**
 * The README section for a package's measured rows.
 * @param {(Entry & { size: number })[]} rows
 * @param {string} date
 */
function section(rows, date) {
  return [
    heading,
    '',
    `What a bundler adds for a typical import: esbuild, minified, gzip -9 (\`node scripts/bundle-size.mjs\`, measured ${date}). CI fails past the budget.`,
    '',
    '| import | min + gzip | budget |',
    '| --- | --: | --: |',
    ...rows.map((r) => `| ${r.what} | ${kb(r.size)} | ${kb(r.budget)} |`),
    '',
  ].join('\n');
}

/**
 * Parses the rows of a README's Bundle size section: what -> { size, budget } in bytes (from kB/B).
 * @param {string} text
 */
function readSection(text) {
  const i = text.indexOf(`\n${heading}\n`);
  if (i < 0) return null;
  const bytes = (/** @type {string} */ s) => {
    const m = /^([\d.]+) (kB|B)$/.exec(s.trim());
    return m ? Math.round(Number(m[1]) * (m[2] === 'kB' ? 1000 : 1)) : Number.NaN;
  };
  const rows = new Map();
  for (const line of text.slice(i).split('\n').slice(2)) {
    if (line.startsWith('## ')) break;
    const [, what = '', size = '', budget = ''] = line.split('|').map((c) => c.trim());
    if (line.split('|').length === 5 && what !== 'import' && !what.startsWith('---'))
      rows.set(what, { size: bytes(size), budget: bytes(budget) });
  }
  return { start: i + 1, rows };
}

async function main() {
  const write = process.argv.includes('--write');
  const date = new Date().toISOString().slice(0, 10);
  let failed = 0;
  for (const [pkg, entries] of Object.entries(budgets)) {
    const rows = [];
    for (const e of entries) rows.push({ ...e, size: await measure(e) });
    const readme = path.join(root, 'packages', pkg, 'README.md');
    const text = fs.readFileSync(readme, 'utf8');
    const shown = readSection(text);
    for (const r of rows) {
      const over = r.size > r.budget;
      const s = shown?.rows.get(r.what);
      const stale = !write && (!s || s.budget !== r.budget || Math.abs(s.size - r.size) > r.size * 0.15);
      console.log(
        `${over || stale ? 'FAIL' : 'ok  '} @gostd/${pkg} ${r.what}: ${r.size} B (budget ${r.budget} B)${over ? ' OVER BUDGET' : ''}${stale ? `; packages/${pkg}/README.md shows ${s ? `${s.size} B, budget ${s.budget} B` : 'no row'}: run node scripts/bundle-size.mjs --write` : ''}`,
      );
      if (over || stale) failed++;
    }
    if (write) {
      const body = section(rows, date);
      let next;
      if (shown) {
        const rest = text.slice(shown.start).split('\n');
        const end = rest.findIndex((l, k) => k > 0 && l.startsWith('## '));
        next = `${text.slice(0, shown.start)}${body}${end < 0 ? '' : `\n${rest.slice(end).join('\n')}`}`;
      } else next = `${text.trimEnd()}\n\n${body}`;
      fs.writeFileSync(readme, next);
    }
  }
  console.log(`bundle sizes: ${failed ? `${failed} failed` : 'all within budget and as the READMEs say'}`);
  if (failed) process.exitCode = 1;
}

await main();
