// Local follows TZ as Go's does: the same names and instants as the machine's Go (testdata/local.go)
// for TZ unset (/etc/localtime), TZ="", TZ="UTC", a zone name, ":name", an absolute path and an unknown
// name (UTC). And importing the package reads no tz file: Local is loaded on first use. Both run the
// built package in child processes, since Local is read once per process.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goBuild, requireGo } from '@gostd/testing';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist/index.js');
const child = path.join(here, 'testdata/local-child.mjs');
const oracle = path.join(here, 'testdata/local.go');

function env(tz: string | undefined): NodeJS.ProcessEnv {
  const e = { ...process.env };
  if (tz === undefined) delete e.TZ;
  else e.TZ = tz;
  return e;
}

function ours(tz: string | undefined, ...args: string[]): string {
  return execFileSync(process.execPath, [child, dist, ...args], { env: env(tz), encoding: 'utf8' });
}

describe.skipIf(!requireGo('@gostd/time Local against Go'))('Local follows TZ as Go’s does', () => {
  const cases = [
    undefined,
    '',
    'UTC',
    'Asia/Kathmandu',
    ':Europe/Dublin',
    '/usr/share/zoneinfo/Pacific/Chatham',
    '/etc/localtime',
    'Australia/Lord_Howe',
    'No/Such_Zone',
  ];
  it.each(cases.map((tz) => [tz === undefined ? '(unset)' : JSON.stringify(tz), tz]))('TZ=%s', (_, tz) => {
    const go = execFileSync(goBuild(oracle), [], { env: env(tz), encoding: 'utf8' });
    expect(ours(tz)).toBe(go);
  });
});

describe('importing the package', () => {
  it('reads no tz database file until a zone is used', () => {
    const out = ours('Europe/Dublin', 'lazy').split('\n');
    expect(out[0]).toBe('reads at import: 0');
    expect(out[1]).toBe('Europe/Dublin');
    expect(Number(out[out.length - 2]?.split(': ')[1])).toBeGreaterThan(0);
  });
});
