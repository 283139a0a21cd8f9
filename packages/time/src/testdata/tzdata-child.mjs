// Child process for tzdata.test.ts: hides the system's tz database (opening
// any file under /usr/share/zoneinfo, /etc/localtime and $ZONEINFO fails with
// ENOENT), imports the built package and, with argv[3] === 'embed', its
// tzdata entry, then prints zones that need the database (or the error).
import fs from 'node:fs';

const openSync = fs.openSync;
fs.openSync = (file, ...rest) => {
  const f = String(file);
  if (f.includes('zoneinfo') || f.includes('localtime')) {
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${f}'`), { code: 'ENOENT' });
  }
  return openSync(file, ...rest);
};
const dist = process.argv[2];
const { loadLocation, Local, unix } = await import(`${dist}/index.js`);
if (process.argv[3] === 'embed') await import(`${dist}/tzdata.js`);
for (const name of ['Pacific/Chatham', 'Europe/Dublin']) {
  try {
    console.log(unix(1700000000n, 0n).in(loadLocation(name)).string());
  } catch (e) {
    console.log(e.message);
  }
}
console.log(Local.string(), unix(1700000000n, 0n).string());
