// Where loadLocation and Local read zones, against the machine's Go (testdata/zone-sources.go) on files that
// try to break the reader: a ZONEINFO directory holding garbage, a directory where a zone should be, a file
// over Go's 10 MiB limit, a link to /dev/zero, a link loop; ZONEINFO naming a plain file; zip files that are
// truncated, empty, garbage, /dev/zero, or that store a zone compressed or behind a bad local header; names
// with a NUL byte, a trailing slash, 300 characters; TZ naming /dev/zero, a huge file, a directory. Each
// scenario runs the built package and Go in child processes (both read ZONEINFO and TZ once), with GOROOT
// pointing nowhere, since Go's last source, $GOROOT/lib/time/zoneinfo.zip, has no JavaScript equivalent.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { go, goBuild, goEnv, requireGo } from '@gostd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist/index.js');
const child = path.join(here, 'testdata/zone-sources-child.mjs');
const oracle = path.join(here, 'testdata/zone-sources.go');
const system = '/usr/share/zoneinfo';

const names = [
  'Test/Zone',
  'Asia/Tokyo',
  'Europe/Dublin',
  'Bad/Garbage',
  'Bad/Dir',
  'Big',
  'Exact',
  'Zero',
  'Loop',
  'No/Such_Zone',
  'Asia/Tokyo\u0000',
  'Asia/Tokyo/',
  'x'.repeat(300),
  'Asia',
  '.',
  'Etc',
  'zone.tab',
];

let tmp = '';
/** The central directory entry and local header offsets of name in the zip bytes. */
function zipEntry(zip: Buffer, name: string): { central: number; local: number } {
  let at = zip.readUInt32LE(zip.length - 6);
  for (let i = zip.readUInt16LE(zip.length - 12); i > 0; i--) {
    const nameLen = zip.readUInt16LE(at + 28);
    if (zip.toString('latin1', at + 46, at + 46 + nameLen) === name) {
      return { central: at, local: zip.readUInt32LE(at + 42) };
    }
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`no ${name} in the zip`);
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-zone-sources-'));
  const zi = path.join(tmp, 'zi');
  for (const d of ['Test', 'Asia', 'Bad/Dir']) fs.mkdirSync(path.join(zi, d), { recursive: true });
  fs.copyFileSync(path.join(system, 'Asia/Kathmandu'), path.join(zi, 'Test/Zone'));
  fs.copyFileSync(path.join(system, 'Asia/Kathmandu'), path.join(zi, 'Asia/Tokyo'));
  fs.writeFileSync(path.join(zi, 'Bad/Garbage'), 'not a TZif file');
  fs.writeFileSync(path.join(zi, 'Big'), '');
  fs.truncateSync(path.join(zi, 'Big'), (10 << 20) + 1);
  fs.writeFileSync(path.join(zi, 'Exact'), '');
  fs.truncateSync(path.join(zi, 'Exact'), 10 << 20);
  fs.symlinkSync('/dev/zero', path.join(zi, 'Zero'));
  fs.symlinkSync(path.join(zi, 'Loop'), path.join(zi, 'Loop'));
  fs.writeFileSync(path.join(tmp, 'notdir'), 'a plain file');

  const zip = fs.readFileSync(path.join(go(['env', 'GOROOT']).trim(), 'lib/time/zoneinfo.zip'));
  fs.writeFileSync(path.join(tmp, 'go.zip'), zip);
  const tokyo = zipEntry(zip, 'Asia/Tokyo');
  const deflated = Buffer.from(zip);
  deflated.writeUInt16LE(8, tokyo.central + 10);
  fs.writeFileSync(path.join(tmp, 'deflated.zip'), deflated);
  const badLocal = Buffer.from(zip);
  badLocal.writeUInt32LE(0, tokyo.local);
  fs.writeFileSync(path.join(tmp, 'badlocal.zip'), badLocal);
  fs.writeFileSync(path.join(tmp, 'truncated.zip'), zip.subarray(0, zip.length >> 1));
  fs.writeFileSync(path.join(tmp, 'tail-only.zip'), zip.subarray(zip.length - 22));
  fs.writeFileSync(path.join(tmp, 'empty.zip'), '');
  fs.writeFileSync(path.join(tmp, 'garbage.zip'), Buffer.alloc(1000, 0x5a));
  fs.symlinkSync('/dev/zero', path.join(tmp, 'zero.zip'));
  fs.writeFileSync(path.join(tmp, 'big.tzif'), '');
  fs.truncateSync(path.join(tmp, 'big.tzif'), 64 << 20);
});

afterAll(() => {
  if (tmp !== '') fs.rmSync(tmp, { recursive: true, force: true });
});

/** The scenarios: ZONEINFO and TZ values (relative paths are under the temporary directory). */
const scenarios: [string, { ZONEINFO?: string; TZ?: string }][] = [
  ['no ZONEINFO', {}],
  ['ZONEINFO a directory', { ZONEINFO: 'zi' }],
  ['ZONEINFO a plain file', { ZONEINFO: 'notdir' }],
  ['ZONEINFO Go’s zoneinfo.zip', { ZONEINFO: 'go.zip' }],
  ['ZONEINFO a zip storing Asia/Tokyo compressed', { ZONEINFO: 'deflated.zip' }],
  ['ZONEINFO a zip with a bad local header', { ZONEINFO: 'badlocal.zip' }],
  ['ZONEINFO a truncated zip', { ZONEINFO: 'truncated.zip' }],
  ['ZONEINFO a zip of only its end record', { ZONEINFO: 'tail-only.zip' }],
  ['ZONEINFO an empty zip', { ZONEINFO: 'empty.zip' }],
  ['ZONEINFO a zip of garbage', { ZONEINFO: 'garbage.zip' }],
  ['ZONEINFO a zip that is /dev/zero', { ZONEINFO: 'zero.zip' }],
  ['ZONEINFO a missing zip', { ZONEINFO: 'missing.zip' }],
  ['TZ=/dev/zero', { TZ: '/dev/zero' }],
  ['TZ a 64 MiB file', { TZ: 'big.tzif' }],
  ['TZ a directory', { TZ: 'zi/Bad/Dir' }],
  ['TZ a link loop', { TZ: 'zi/Loop' }],
  ['TZ a zone in a directory', { TZ: 'zi/Test/Zone' }],
  ['TZ garbage', { TZ: 'zi/Bad/Garbage' }],
];

describe.skipIf(!requireGo('@gostd/time zone sources against Go'))('zone sources as Go reads them', () => {
  it.each(scenarios)('%s', (_, vars) => {
    const env = goEnv({ GOROOT: path.join(tmp, 'no-goroot') });
    delete env.ZONEINFO;
    delete env.TZ;
    if (vars.ZONEINFO !== undefined) env.ZONEINFO = path.join(tmp, vars.ZONEINFO);
    if (vars.TZ !== undefined) env.TZ = vars.TZ.startsWith('/') ? vars.TZ : path.join(tmp, vars.TZ);
    const input = `${names.map((n) => JSON.stringify(n)).join('\n')}\n`;
    const want = execFileSync(goBuild(oracle), [], { input, env, encoding: 'utf8' });
    const ours = execFileSync(process.execPath, [child, dist], {
      input,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(ours).toBe(want);
  });
});
