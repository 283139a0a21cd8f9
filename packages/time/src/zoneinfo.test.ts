// Locations: Go's zoneinfo_test.go cases (TestTzset's table, TestFirstZone, TestMalformedTZData,
// TestLoadLocationFromTZDataSlim with Go's slim files, TestLoadLocationValidatesNames,
// TestBadLocationErrMsg), fixedZone sharing, and loadLocation's cache and ZONEINFO.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { date, fixedZone, Local, loadLocation, loadLocationFromTZData, UTC, unix } from './index';
import { cachedLocations } from './zoneinfo-load';
import { tzset } from './zoneinfo-rule';

const goroot = (() => {
  try {
    return execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();

describe('zoneinfo_test.go', () => {
  it('TestTzset', () => {
    const omega = Number.POSITIVE_INFINITY;
    const rows: [string, number, number, string, number, number, number, boolean, boolean][] = [
      ['', 0, 0, '', 0, 0, 0, false, false],
      ['PST8PDT,M3.2.0,M11.1.0', 0, 2159200800, 'PDT', -7 * 3600, 2152173600, 2172733200, true, true],
      ['PST8PDT,M3.2.0,M11.1.0', 0, 2152173599, 'PST', -8 * 3600, 2145916800, 2152173600, false, true],
      ['PST8PDT,M3.2.0,M11.1.0', 0, 2152173600, 'PDT', -7 * 3600, 2152173600, 2172733200, true, true],
      ['PST8PDT,M3.2.0,M11.1.0', 0, 2152173601, 'PDT', -7 * 3600, 2152173600, 2172733200, true, true],
      ['PST8PDT,M3.2.0,M11.1.0', 0, 2172733199, 'PDT', -7 * 3600, 2152173600, 2172733200, true, true],
      ['PST8PDT,M3.2.0,M11.1.0', 0, 2172733200, 'PST', -8 * 3600, 2172733200, 2177452800, false, true],
      ['PST8PDT,M3.2.0,M11.1.0', 0, 2172733201, 'PST', -8 * 3600, 2172733200, 2177452800, false, true],
      ['KST-9', 592333200, 1677246697, 'KST', 9 * 3600, 592333200, omega, false, true],
    ];
    for (const [s, lastTx, sec, name, off, start, end, isDST, ok] of rows) {
      const r = tzset(s, lastTx, sec);
      expect([s, sec, r === null ? null : [r.name, r.offset, r.start, r.end, r.isDST]]).toEqual([
        s,
        sec,
        ok ? [name, off, start, end, isDST] : null,
      ]);
    }
  });

  it('TestFirstZone', () => {
    const format = 'Mon, 02 Jan 2006 15:04:05 -0700 (MST)';
    const rows: [string, bigint, string, string][] = [
      [
        'PST8PDT',
        -1633269601n,
        'Sun, 31 Mar 1918 01:59:59 -0800 (PST)',
        'Sun, 31 Mar 1918 03:00:00 -0700 (PDT)',
      ],
      [
        'Pacific/Fakaofo',
        1325242799n,
        'Thu, 29 Dec 2011 23:59:59 -1100 (-11)',
        'Sat, 31 Dec 2011 00:00:00 +1300 (+13)',
      ],
    ];
    for (const [zone, sec, want1, want2] of rows) {
      const z = loadLocation(zone);
      expect(unix(sec, 0n).in(z).format(format)).toBe(want1);
      expect(
        unix(sec + 1n, 0n)
          .in(z)
          .format(format),
      ).toBe(want2);
    }
  });

  it('TestMalformedTZData: an error, not a crash', () => {
    const issue29437 =
      'TZif\x00000000000000000\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x0000';
    const data = Uint8Array.from(issue29437, (c) => c.charCodeAt(0));
    expect(() => loadLocationFromTZData('abc', data)).toThrow('malformed time zone information');
    for (let n = 0; n < 60; n++) {
      expect(() => loadLocationFromTZData('x', data.subarray(0, n))).toThrow(
        'malformed time zone information',
      );
    }
  });

  it.skipIf(!goroot)('TestLoadLocationFromTZDataSlim: Go’s slim TZif files', () => {
    const rows: [string, string, [number, number, number, number, number, number], string, number][] = [
      ['Europe/Berlin', '2020b_Europe_Berlin', [2020, 10, 29, 15, 30, 0], 'CET', 3600],
      ['America/Nuuk', '2021a_America_Nuuk', [2020, 10, 29, 15, 30, 0], '-03', -10800],
      ['Asia/Gaza', '2021a_Asia_Gaza', [2020, 10, 29, 15, 30, 0], 'EET', 7200],
      ['Europe/Dublin', '2021a_Europe_Dublin', [2021, 4, 2, 11, 12, 13], 'IST', 3600],
    ];
    for (const [zone, file, d, name, offset] of rows) {
      const loc = loadLocationFromTZData(zone, fs.readFileSync(path.join(goroot, 'src/time/testdata', file)));
      expect(date(...d, 0, loc).zone()).toEqual([name, offset]);
    }
  });

  it('TestLoadLocationValidatesNames and TestBadLocationErrMsg', () => {
    for (const name of ['/usr/share/zoneinfo/US/Pacific', '../zoneinfo/US/Pacific', '\\x', 'a..b']) {
      expect(() => loadLocation(name)).toThrow('time: invalid location name');
    }
    expect(() => loadLocation('Mars/Olympus_Mons')).toThrow('unknown time zone Mars/Olympus_Mons');
    expect(loadLocation('')).toBe(UTC);
    expect(loadLocation('UTC')).toBe(UTC);
    expect(loadLocation('Local')).toBe(Local);
  });
});

describe('Location', () => {
  it('loadLocation caches by name; fixedZone shares unnamed whole hours as Go does', () => {
    expect(loadLocation('Europe/Dublin')).toBe(loadLocation('Europe/Dublin'));
    expect(fixedZone('', -12 * 3600)).toBe(fixedZone('', -12 * 3600));
    expect(fixedZone('', 15 * 3600)).not.toBe(fixedZone('', 15 * 3600));
    expect(fixedZone('', 1800)).not.toBe(fixedZone('', 1800));
    expect(fixedZone('X', 3600)).not.toBe(fixedZone('X', 3600));
  });

  it("loadLocation's cache stays bounded whatever names it is given", () => {
    // A service that loads the zone a request names: "America/./New_York", "America//New_York", ...
    // name one file in endless ways. Kept by name, 20,000 of them took about 400 MB.
    const want = loadLocation('America/New_York');
    const at = date(2021, 3, 14, 12, 0, 0, 0, UTC);
    for (let i = 1; i <= 20_000; i++) {
      const name = `${i.toString(2).replace(/0/g, './').replace(/1/g, './/')}America/New_York`;
      const l = loadLocation(name);
      if (i % 2000 === 1) {
        expect(l.string()).toBe(name); // Go keeps the name it was given
        expect(at.in(l).zone()).toEqual(at.in(want).zone());
      }
    }
    // Names of the usual form are still cached (up to the bound); these were not.
    expect(cachedLocations()).toBeLessThanOrEqual(1024);
    expect(loadLocation('America/New_York')).toBe(want);
  });

  it('loadLocation of 10,000 spellings of one zone leaves no memory behind', () => {
    // In a process of its own, with the package as published: the heap after a full collection.
    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const script = `
      const { loadLocation } = await import(${JSON.stringify(dist)});
      loadLocation('America/New_York');
      globalThis.gc();
      const before = process.memoryUsage().heapUsed;
      for (let i = 1; i <= 10000; i++)
        loadLocation(i.toString(2).replace(/0/g, './').replace(/1/g, './/') + 'America/New_York');
      globalThis.gc();
      console.log((process.memoryUsage().heapUsed - before) / 1e6);
    `;
    const mb = Number(
      execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
        encoding: 'utf8',
      }),
    );
    console.log(`heap after 10,000 spellings of America/New_York: ${mb.toFixed(1)} MB more`);
    expect(mb).toBeLessThan(20); // before the bound: about 200 MB
  });

  it('reads $ZONEINFO first: a directory or a zip like Go’s zoneinfo.zip', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-zoneinfo-'));
    fs.mkdirSync(path.join(dir, 'Test'));
    fs.copyFileSync('/usr/share/zoneinfo/Asia/Kathmandu', path.join(dir, 'Test/Zone'));
    const before = process.env.ZONEINFO;
    try {
      process.env.ZONEINFO = dir;
      expect(date(2020, 1, 1, 0, 0, 0, 0, loadLocation('Test/Zone')).zone()).toEqual(['+0545', 20700]);
      if (goroot) {
        process.env.ZONEINFO = path.join(goroot, 'lib/time/zoneinfo.zip');
        expect(date(2020, 1, 1, 0, 0, 0, 0, loadLocation('Asia/Thimphu')).zone()).toEqual(['+06', 21600]);
      }
    } finally {
      if (before === undefined) delete process.env.ZONEINFO;
      else process.env.ZONEINFO = before;
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('rejects bad arguments with a TypeError', () => {
    expect(() => loadLocation(5 as unknown as string)).toThrow(TypeError);
    expect(() => fixedZone('x', 1.5)).toThrow(TypeError);
    expect(() => loadLocationFromTZData('x', 'TZif' as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => date(2020, 1, 1, 0, 0, 0, 0, null as never)).toThrow(
      'time: missing Location in call to Date',
    );
    expect(() => unix(0n, 0n).in(undefined as never)).toThrow('time: missing Location in call to Time.In');
    expect(() => date(2020, 1.5, 1, 0, 0, 0, 0, UTC)).toThrow(TypeError);
  });
});
