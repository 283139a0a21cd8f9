// `npm start`'s tour: runs each built package's first README example against
// its dist/ and prints its first console.log call with the line it printed.
// Packages that are not there (or not built) are simply absent.
import fs from 'node:fs';
import path from 'node:path';
import { publicPackages, readmeExample, root, runReadmeExample } from './workspace.mjs';

const dir = path.join(root, 'node_modules/.cache/gostd-tour');
const pkgs = publicPackages().filter((p) => fs.existsSync(path.join(p.dir, 'dist/index.js')));
console.log(`gostd tour: ${pkgs.length} package${pkgs.length === 1 ? '' : 's'} built\n`);
let failed = 0;
for (const p of pkgs) {
  try {
    const printed = runReadmeExample(p.dir, dir).split('\n')[0];
    const call = /^console\.log\((.*)\);$/m.exec(readmeExample(p.dir).code)?.[1];
    console.log(`  ${p.name.padEnd(18)} ${call ? `${call}  ->  ` : ''}${printed}`);
  } catch (err) {
    failed++;
    console.log(`  ${p.name.padEnd(18)} FAILED: ${err instanceof Error ? err.message : err}`);
  }
}
if (failed) process.exitCode = 1;
else
  console.log(
    "\nRead each package's README (packages/<name>/README.md) or the docs site (npm run docs:dev).",
  );
