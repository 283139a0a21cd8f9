// @ts-check
// Prints one closing line for the whole suite from each workspace package's vitest JSON report (written by
// the reporter configured in vitest.shared.ts), private packages included.
import fs from 'node:fs';
import path from 'node:path';
import { workspacePackages } from './workspace.mjs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const p of workspacePackages()) {
  const file = path.join(p.dir, '.vitest-report.json');
  if (!fs.existsSync(file)) continue;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const skip = r.numPendingTests + r.numTodoTests;
  console.log(`${p.name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skip} skipped`);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += skip;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
