import { fileURLToPath } from 'node:url';
import { goRun, requireGo } from '@gostd/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from './request-target';
import { targets } from './testdata/request-targets';

describe('parseRequestTarget', () => {
  it.each([
    ['/debug/pprof/heap?gc=1', null, ['', 'debug', 'pprof', 'heap'], 'gc=1'],
    ['//[', null, ['', '', '['], ''],
    ['/a%2Fb/%68%C3%A9', null, ['', 'a/b', 'hé'], ''],
    ['http://u:p@[::1]:80/x?y', null, ['', 'x'], 'y'],
    ['http://h', null, [''], ''],
    ['*', null, null, ''],
    ['host:443', null, null, ''],
    ['', 'empty url', null, ''],
    ['x', 'invalid URI for request', null, ''],
    [':x', 'missing protocol scheme', null, ''],
    ['/a\x7f', 'net/url: invalid control character in URL', null, ''],
    ['/%zz', 'invalid URL escape "%zz"', null, ''],
    ['/%4', 'invalid URL escape "%4"', null, ''],
    ['http://[/', "missing ']' in host", null, ''],
    ['http://a:b:c/', 'invalid port ":b:c" after host', null, ''],
    ['http://a{/', 'invalid character "{" in host name', null, ''],
    ['http://[1.2.3.4]/', 'invalid IP-literal', null, ''],
  ])('%j', (raw, error, segments, query) => {
    const t = parseRequestTarget(raw);
    expect([t.error, t.segments, t.query]).toEqual([error, segments, query]);
  });
});

describe.skipIf(!requireGo('request target differential tests'))('parseRequestTarget against Go', () => {
  it("accepts and refuses what Go's url.ParseRequestURI does, with the same path", () => {
    const cases = [
      ...fc.sample(targets, { numRuns: 4000, seed: 13 }),
      ...fc.sample(fc.string({ unit: 'binary', maxLength: 30 }), { numRuns: 1000, seed: 14 }),
      ...fc.sample(fc.string({ unit: 'binary-ascii', maxLength: 30 }), { numRuns: 1000, seed: 15 }),
    ];
    const out = goRun(
      fileURLToPath(new URL('./testdata/request-uri.go', import.meta.url)),
      [],
      `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`,
    );
    const rows = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { err: string; path: string | null; opaque: boolean });
    expect(rows.length).toBe(cases.length);
    let refused = 0;
    for (const [i, raw] of cases.entries()) {
      const go = rows[i] as { err: string; path: string | null; opaque: boolean };
      const t = parseRequestTarget(raw);
      const want = go.err === '' ? null : go.err;
      // netip's words for a bad IPv6 literal are not reproduced, only that it is one.
      const got =
        t.error?.startsWith('invalid host: ') && want?.startsWith('invalid host: ') ? want : t.error;
      expect(got, JSON.stringify(raw)).toBe(want);
      if (want !== null) {
        refused++;
        continue;
      }
      const goPath = Buffer.from(go.path ?? '', 'base64').toString('utf8');
      // An opaque target ("host:443", "*") has no path here; Go's Path is "" (or "*").
      if (go.opaque) expect(t.segments, JSON.stringify(raw)).toBeNull();
      else if (t.segments === null) expect(['', '*'], JSON.stringify(raw)).toContain(goPath);
      else expect(t.segments.join('/'), JSON.stringify(raw)).toBe(goPath);
    }
    expect(refused).toBeGreaterThan(cases.length / 10);
    expect(refused).toBeLessThan(cases.length * 0.9);
  });
});
