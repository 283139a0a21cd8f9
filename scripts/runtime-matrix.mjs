// Where gostd runs: the runtime x package table of the root README and docs/runtimes.md, and the one
// place that says which cells are expected to fail and why. Every cell names the CI check behind it
// (.ci/run runs them all); a check whose result disagrees with its cell fails, including a cell expected
// to fail that passes, so the table cannot go stale. `node scripts/runtime-matrix.mjs` prints the table.

/** Columns: the runtimes, and the check that backs the column's cells. */
export const runtimeColumns = [
  { id: 'node20', title: 'Node 20', check: '`npm test`, `npm run check:packages`' },
  { id: 'node22', title: 'Node 22', check: '`node scripts/test-node.mjs node22`' },
  { id: 'node24', title: 'Node 24', check: '`node scripts/test-node.mjs node24`' },
  { id: 'node26', title: 'Node 26', check: '`node scripts/test-node.mjs node26`' },
  { id: 'chromium', title: 'Chromium', check: '`node scripts/browser-check.mjs`' },
  { id: 'bun', title: 'Bun 1.4', check: '`node scripts/smoke-runtimes.mjs bun`' },
  { id: 'deno', title: 'Deno 2.9', check: '`node scripts/smoke-runtimes.mjs deno`' },
];

/**
 * Rows: a package, or one part of it where runtimes differ. `examples` picks the package's documented
 * examples that belong to the row (the Bun and Deno smoke tests run them from the tarballs).
 */
export const packageRows = [
  { id: 'math-bits', title: '`@gostd/math-bits`', pkg: '@gostd/math-bits', examples: () => true },
  { id: 'time', title: '`@gostd/time`', pkg: '@gostd/time', examples: () => true },
  {
    id: 'sync-map',
    title: '`@gostd/sync` `Map`',
    pkg: '@gostd/sync',
    examples: (/** @type {string} */ code) => !code.includes('SharedMap'),
  },
  {
    id: 'sync-sharedmap',
    title: '`@gostd/sync` `SharedMap` across workers',
    pkg: '@gostd/sync',
    examples: (/** @type {string} */ code) => code.includes('SharedMap'),
  },
  {
    id: 'pprof-labels',
    title: '`@gostd/pprof` labels, `/http`',
    pkg: '@gostd/pprof',
    examples: (/** @type {string} */ code) => !isCPU(code) && !isHeap(code),
  },
  {
    id: 'pprof-cpu',
    title: '`@gostd/pprof` CPU profile',
    pkg: '@gostd/pprof',
    examples: (/** @type {string} */ c) => isCPU(c),
  },
  {
    id: 'pprof-heap',
    title: '`@gostd/pprof` heap profile',
    pkg: '@gostd/pprof',
    examples: (/** @type {string} */ c) => isHeap(c) && !isCPU(c),
  },
  { id: 'env', title: '`@gostd/env`', pkg: '@gostd/env', examples: () => true },
];

/** @param {string} code */
function isCPU(code) {
  return /startCPUProfile|debug\/pprof\/profile/.test(code);
}
/** @param {string} code */
function isHeap(code) {
  return /writeHeapProfile|debug\/pprof\/heap|memProfileRate/i.test(code);
}

/** Cells with no test, because the package needs what the runtime does not have. Key: `runtime/row`. */
export const notApplicable = {
  'chromium/pprof-labels': 'needs Node (AsyncLocalStorage, node:http)',
  'chromium/pprof-cpu': 'needs node:inspector',
  'chromium/pprof-heap': 'needs node:inspector',
  'chromium/env': 'reads and writes files',
};

/**
 * Cells expected to fail today, with why. Key: `runtime/row`. When a fix lands, its check starts to pass
 * and fails CI until the line here is deleted: delete it, and the table in the README says ✓.
 */
export const expectedFailures = {
  'bun/pprof-cpu':
    "src/inspector.ts needs Session.post's callback to run before post returns; Bun calls it later",
  'bun/pprof-heap':
    "src/inspector.ts needs Session.post's callback to run before post returns, and Bun has no HeapProfiler domain in node:inspector",
  'deno/pprof-cpu':
    "src/inspector.ts needs Session.post's callback to run before post returns; Deno calls it later",
  'chromium/sync-sharedmap:clear-error-without-isolation':
    'on a page without cross-origin isolation, new SharedMap() throws ReferenceError: SharedArrayBuffer is not defined, which does not say that the page needs COOP/COEP headers',
  'deno/pprof-heap':
    "src/inspector.ts needs Session.post's callback to run before post returns; Deno calls it later",
};

/**
 * What a cell promises: 'pass' (its check must pass), 'xfail' (its check must fail, for `reason`) or
 * 'n/a' (no check, for `reason`).
 * @param {string} runtime a runtimeColumns id
 * @param {string} row a packageRows id, or `id:check` for a further check of that cell
 * @returns {{ status: 'pass' | 'xfail' | 'n/a', reason?: string }}
 */
export function expectation(runtime, row) {
  const key = `${runtime}/${row}`;
  if (!runtimeColumns.some((c) => c.id === runtime)) throw new Error(`no runtime ${runtime}`);
  if (!packageRows.some((r) => r.id === row.split(':')[0])) throw new Error(`no row ${row}`);
  /** @type {Record<string, string>} */
  const na = notApplicable;
  /** @type {Record<string, string>} */
  const xfail = expectedFailures;
  const why = na[key] ?? xfail[key];
  if (key in na && why !== undefined) return { status: 'n/a', reason: why };
  if (key in xfail && why !== undefined) return { status: 'xfail', reason: why };
  return { status: 'pass' };
}

/**
 * Compares a check's result for a cell with what the table promises. Returns the line to print and
 * whether the check counts as failed.
 * @param {string} runtime @param {string} row @param {boolean} passed @param {string} detail
 */
export function judge(runtime, row, passed, detail) {
  const want = expectation(runtime, row);
  const where = `${runtime} x ${row}`;
  if (want.status === 'n/a')
    return { failed: true, line: `FAIL ${where}: ran a check for a cell marked n/a` };
  if (want.status === 'pass')
    return passed
      ? { failed: false, line: `ok   ${where}` }
      : { failed: true, line: `FAIL ${where}: ${detail}` };
  return passed
    ? {
        failed: true,
        line: `FAIL ${where}: expected to fail (${want.reason}) but passed: delete '${runtime}/${row}' from expectedFailures in scripts/runtime-matrix.mjs`,
      }
    : { failed: false, line: `xfail ${where}: fails as expected (${want.reason}): ${detail.split('\n')[0]}` };
}

/** The markdown table, one row per package row, one column per runtime, and the legend. */
export function renderTable() {
  const head = `| | ${runtimeColumns.map((c) => c.title).join(' | ')} |`;
  const rule = `| --- | ${runtimeColumns.map(() => ':-:').join(' | ')} |`;
  /** @type {{ text: string, status: string }[]} */
  const notes = [];
  const body = packageRows.map((r) => {
    const cells = runtimeColumns.map((c) => {
      const e = expectation(c.id, r.id);
      if (e.status === 'pass') return '✓';
      let n = notes.findIndex((x) => x.text === `${e.reason}`) + 1;
      if (!n) n = notes.push({ text: `${e.reason}`, status: e.status });
      return e.status === 'n/a' ? `— [${n}]` : `✗ [${n}]`;
    });
    return `| ${r.title} | ${cells.join(' | ')} |`;
  });
  const checks = runtimeColumns.map((c) => `${c.title}: ${c.check}`).join('; ');
  return [
    head,
    rule,
    ...body,
    '',
    `✓ a CI check passes; ✗ known to fail today (its check asserts that it still fails); — not applicable. Checks: ${checks}.`,
    '',
    ...notes.map((n, i) => `[${i + 1}] ${n.status === 'n/a' ? 'Not applicable' : 'Fails'}: ${n.text}.`),
    ...Object.entries(expectedFailures)
      .filter(([key]) => key.includes(':'))
      .map(([key, why]) => {
        const [runtime, rest] = key.split('/');
        const [row, check] = (rest ?? '').split(':');
        const col = runtimeColumns.find((c) => c.id === runtime)?.title;
        const title = packageRows.find((r) => r.id === row)?.title;
        return `Known to fail within a ✓ cell (${col}, ${title}, check \`${check}\`): ${why}.`;
      }),
  ].join('\n');
}

const begin = '<!-- runtime-matrix:begin (generated by node scripts/runtime-matrix.mjs --write) -->';
const end = '<!-- runtime-matrix:end -->';

/** The files that show the table between the begin and end markers. */
export const tableFiles = ['README.md', 'docs/runtimes.md'];

/** text with the table between its markers replaced by the current one. @param {string} text */
export function withTable(text) {
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error('no runtime-matrix markers');
  return `${text.slice(0, i + begin.length)}\n${renderTable()}\n${text.slice(j)}`;
}

if (import.meta.filename === process.argv[1]) {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const root = path.resolve(import.meta.dirname, '..');
  if (process.argv[2] === '--write') {
    for (const f of tableFiles) {
      const file = path.join(root, f);
      fs.writeFileSync(file, withTable(fs.readFileSync(file, 'utf8')));
      console.log(`wrote the table into ${f}`);
    }
  } else console.log(renderTable());
}
