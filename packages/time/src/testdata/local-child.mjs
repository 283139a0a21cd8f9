// Child process for local.test.ts: prints Local's name and a few instants in
// it, as testdata/local.go does, from the built package given as argv[2]. With
// argv[3] === 'lazy', first reports whether importing the package read any
// file of the tz database.
import fs from 'node:fs';

// Every file opened through fs.openSync or read whole through fs.readFileSync (the package opens and reads
// zone files piece by piece, as Go does).
const reads = [];
for (const fn of ['openSync', 'readFileSync']) {
  const original = fs[fn];
  fs[fn] = (file, ...rest) => {
    reads.push(String(file));
    return original(file, ...rest);
  };
}
const { Local, unix } = await import(process.argv[2]);
// Only the tz database counts: Node 22 and later read package.json files through fs.readFileSync while
// importing, which says nothing about this package.
const tzReads = () => reads.filter((f) => f.includes('zoneinfo') || f.includes('localtime')).length;
if (process.argv[3] === 'lazy') console.log(`reads at import: ${tzReads()}`);
const lines = [Local.string()];
for (const sec of [0n, 1257894000n, 1700000000n, 2500000000n, -2500000000n])
  lines.push(unix(sec, 0n).string());
if (process.argv[3] === 'lazy') lines.push(`reads after use: ${tzReads()}`);
console.log(lines.join('\n'));
