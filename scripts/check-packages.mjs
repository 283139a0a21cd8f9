// `npm run check:packages`: the packaging guarantee for every @gostd package
// (see package-check.mjs). Exits non-zero naming each package that fails.
import fs from 'node:fs';
import path from 'node:path';
import { checkPackage } from './package-check.mjs';
import { publicPackages } from './workspace.mjs';

let failed = 0;
let passed = 0;
for (const pkg of publicPackages()) {
  if (!fs.existsSync(path.join(pkg.dir, 'dist')))
    throw new Error(`${pkg.name} is not built: run npm run build`);
  const t = performance.now();
  try {
    const done = checkPackage(pkg);
    passed++;
    console.log(`ok   ${pkg.name} (${((performance.now() - t) / 1000).toFixed(1)} s): ${done.join('; ')}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${pkg.name}: ${err instanceof Error ? err.message : err}`);
  }
}
console.log(`packages: ${passed} passed, ${failed} failed`);
if (failed || !passed) process.exitCode = 1;
