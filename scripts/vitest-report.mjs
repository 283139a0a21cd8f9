// @ts-check
// Reading vitest's JSON report (.vitest-report.json, as vitest.shared.ts configures it): which tests failed
// and why, in a few lines a CI log keeps even when it is shown only in parts.
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/**
 * The failed tests of a vitest JSON report, one block each: the file (relative to dir), the test's full
 * name, and the first lines of its failure messages without colours; a file that failed outside any test
 * (an import error, a hook) is named with its message. '' when the report names no failure.
 * @param {any} report the parsed JSON report, or null
 * @param {string} dir
 * @param {number} [lines] how many lines of each message to keep
 * @returns {string}
 */
export function failedTests(report, dir, lines = 12) {
  const blocks = [];
  for (const file of report?.testResults ?? []) {
    const rel = path.relative(dir, file.name ?? '');
    const failed = (file.assertionResults ?? []).filter((/** @type {any} */ t) => t.status === 'failed');
    for (const t of failed) {
      const msg = (t.failureMessages ?? []).join('\n');
      blocks.push(block(`${rel} > ${t.fullName}`, msg, lines));
    }
    if (file.status === 'failed' && !failed.length) blocks.push(block(rel, file.message ?? '', lines));
  }
  return blocks.join('\n');
}

/** @param {string} what @param {string} msg @param {number} lines */
function block(what, msg, lines) {
  const kept = stripVTControlCharacters(msg).split('\n').slice(0, lines);
  return [`  failed: ${what}`, ...kept.map((l) => `    ${l}`)].join('\n');
}
