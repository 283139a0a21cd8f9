// Child process for zoneinfo-sources.test.ts: what the built package (argv[2])
// answers for each name on stdin, in testdata/zone-sources.go's format.
import fs from 'node:fs';

const { Local, loadLocation, RFC3339, unix } = await import(process.argv[2]);
const at = unix(1700000000n, 0n);
const lines = [`Local ${Local.string()} ${at.in(Local).format(`${RFC3339} MST`)}`];
for (const line of fs.readFileSync(0, 'utf8').split('\n')) {
  if (line === '') continue;
  try {
    const loc = loadLocation(JSON.parse(line));
    lines.push(`ok ${loc.string()} ${at.in(loc).format(`${RFC3339} MST`)}`);
  } catch (e) {
    lines.push(`err ${e.message}`);
  }
}
console.log(lines.join('\n'));
