// A bundle holds only what it uses, and importing the package does no work (issue 18, item 7). The package
// ships as one file (tsup bundles src/ into dist/index.js), so a bundler cannot drop a module of it whole,
// only statement by statement: a module-level statement that might have an effect stays. This builds the
// package into one file as tsup does, bundles single imports from it with esbuild, minified, as a user's
// bundler would, and looks at what stayed; and it loads that file and counts the clock reads.
import { type OneFilePackage, oneFilePackage } from '@gostd/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let pkg: OneFilePackage;
beforeAll(async () => {
  pkg = await oneFilePackage(new URL('./index.ts', import.meta.url).pathname, 'time');
});
afterAll(() => pkg.dispose());
const bundle = (names: string) => pkg.bundle(names);

// Traces of the clocks, the zones and the calendar in a bundle.
const clock = /hrtime|performance|Date\.now/;
const zones = /zoneinfo|"UTC"|"Local"/;
const calendar = /"January"|"Sunday"/;

describe('tree-shaking', () => {
  for (const names of ['Duration', 'parseDuration', 'Duration, parseDuration', 'Hour, Minute, Second']) {
    it(`${names}: no clock, no zones, no calendar`, async () => {
      const code = await bundle(names);
      expect(code).not.toMatch(clock);
      expect(code).not.toMatch(zones);
      expect(code).not.toMatch(calendar);
    });
  }
  it('Month alone: no clock, no zones', async () => {
    const code = await bundle('Month');
    expect(code).toMatch(calendar);
    expect(code).not.toMatch(clock);
    expect(code).not.toMatch(zones);
  });
  it('now still reads both clocks', async () => {
    const code = await bundle('now');
    expect(code).toMatch(/hrtime/);
    expect(code).toMatch(/Date\.now/);
  });
});

describe('importing', () => {
  it('reads no clock until a time is asked for; readings then count from the first', async () => {
    const hr = vi.spyOn(process.hrtime, 'bigint');
    const wall = vi.spyOn(Date, 'now');
    try {
      const time = await import(/* @vite-ignore */ `${pkg.file}?fresh=${Date.now()}`);
      const before = [hr.mock.calls.length, wall.mock.calls.length];
      expect(before).toEqual([0, 1]); // the 1 is this test's own Date.now() in the import URL
      const t = time.now();
      expect(hr.mock.calls.length).toBeGreaterThan(0);
      expect(t.string()).toMatch(/ m=\+0\.\d{9}$/);
    } finally {
      hr.mockRestore();
      wall.mockRestore();
    }
  });
});
