// The runtime table: the README and docs show the table the checks judge against, and the judging
// cannot let a cell lie (a failure where ✓ is promised, or a pass where a failure is recorded).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  expectation,
  expectedFailures,
  judge,
  notApplicable,
  packageRows,
  renderTable,
  runtimeColumns,
  tableFiles,
  withTable,
} from './runtime-matrix.mjs';
import { root } from './workspace.mjs';

test('README.md and docs/runtimes.md show the current table (node scripts/runtime-matrix.mjs --write)', () => {
  for (const f of tableFiles) {
    const text = fs.readFileSync(path.join(root, f), 'utf8');
    assert.equal(text, withTable(text), `${f} is stale`);
    assert.ok(text.includes(renderTable()), f);
  }
});

test('every listed cell names a real runtime and row', () => {
  for (const key of [...Object.keys(expectedFailures), ...Object.keys(notApplicable)]) {
    const [runtime, row] = key.split('/');
    assert.doesNotThrow(() => expectation(runtime ?? '', row ?? ''), key);
  }
  assert.throws(() => expectation('node99', 'time'), /no runtime/);
  assert.throws(() => expectation('bun', 'nope'), /no row/);
});

test('judge: a promised cell must pass, an expected failure must still fail, n/a runs nothing', () => {
  assert.equal(judge('bun', 'time', true, '').failed, false);
  assert.equal(judge('bun', 'time', false, 'boom').failed, true);
  assert.equal(judge('bun', 'pprof-heap', false, 'still broken').failed, false);
  const flipped = judge('bun', 'pprof-heap', true, '');
  assert.equal(flipped.failed, true);
  assert.match(flipped.line, /delete 'bun\/pprof-heap' from expectedFailures/);
  assert.equal(judge('chromium', 'env', true, '').failed, true);
});

test('the table has one row per package row and a cell per runtime', () => {
  const lines = renderTable().split('\n');
  assert.equal(lines.filter((l) => l.startsWith('| `@gostd/')).length, packageRows.length);
  for (const l of lines.filter((x) => x.startsWith('| `@gostd/')))
    assert.equal(l.split('|').length - 3, runtimeColumns.length, l);
});
