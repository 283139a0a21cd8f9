// The embedded tz database of @gostd/time/tzdata: its bytes are Go's zoneinfo.zip, and with the system's
// database hidden, zones (and Local from TZ) load from it only when it was imported.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goPath } from '@gostd/testing';
import { describe, expect, it } from 'vitest';
import { tzdataVersion, zoneinfoZip } from './tzdata-zip';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist');
const child = path.join(here, 'testdata/tzdata-child.mjs');

function run(embed: boolean): string {
  const env = { ...process.env, TZ: 'Asia/Kathmandu', ZONEINFO: '' };
  return execFileSync(process.execPath, [child, dist, ...(embed ? ['embed'] : [])], {
    env,
    encoding: 'utf8',
  });
}

describe('@gostd/time/tzdata', () => {
  it.skipIf(!goPath())('holds the zoneinfo.zip of the Go on PATH (same tz release)', () => {
    const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
    const zip = path.join(goroot, 'lib/time/zoneinfo.zip');
    const update = fs.readFileSync(path.join(goroot, 'lib/time/update.bash'), 'utf8');
    if (!update.includes(`DATA=${tzdataVersion}`)) {
      console.warn(`SKIP: the Go on PATH ships a tz release other than ${tzdataVersion}`);
      return;
    }
    expect(Buffer.from(zoneinfoZip, 'base64').equals(fs.readFileSync(zip))).toBe(true);
  });

  it('without it, no system database means unknown zones and Local = UTC', () => {
    expect(run(false)).toBe(
      'unknown time zone Pacific/Chatham\nunknown time zone Europe/Dublin\nUTC 2023-11-14 22:13:20 +0000 UTC\n',
    );
  });

  it('with it, every zone loads from the embedded copy, Local too', () => {
    expect(run(true)).toBe(
      '2023-11-15 11:58:20 +1345 +1345\n2023-11-14 22:13:20 +0000 GMT\n' +
        'Asia/Kathmandu 2023-11-15 03:58:20 +0545 +0545\n',
    );
  });
});
