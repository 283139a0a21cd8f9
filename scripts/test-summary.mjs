// @ts-check
// Prints one closing line for the whole suite from each workspace package's vitest JSON report (written by
// the reporter configured in vitest.shared.ts), private packages included, naming the tests that failed.
import fs from 'node:fs';
import path from 'node:path';
import { failedTests } from './vitest-report.mjs';
import { root, workspacePackages } from './workspace.mjs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const p of workspacePackages()) {
  const file = path.join(p.dir, '.vitest-report.json');
  if (!fs.existsSync(file)) continue;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const skip = r.numPendingTests + r.numTodoTests;
  console.log(`${p.name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skip} skipped`);
  const named = failedTests(r, root);
  if (named) console.log(named);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += skip;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
