// Layouts are parsed once and kept (up to 512): a layout may be anyone's text (a format a user picks), so
// what is kept must stay small whatever the layouts are. Before the bound, each layout of 1 MB kept about
// 20 MB of chunks, and 300 of them ended the process: "JavaScript heap out of memory" (Node 20, 4 GB heap).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, UTC, unix } from './index';

describe('the layout cache', () => {
  it('keeps no long layout: 40 layouts of 200 kB leave nothing behind', () => {
    // In a process of its own, with the package as published: the heap after a full collection.
    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const script = `
      const { unix, UTC } = await import(${JSON.stringify(dist)});
      const t = unix(1700000000n, 0n).in(UTC);
      t.format('2006');
      globalThis.gc();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 40; i++) t.format(i + ' ' + '2006 '.repeat(40000));
      globalThis.gc();
      console.log((process.memoryUsage().heapUsed - before) / 1e6);
    `;
    const mb = Number(
      execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
        encoding: 'utf8',
      }),
    );
    console.log(`heap after formatting with 40 layouts of 200 kB: ${mb.toFixed(1)} MB more`);
    expect(mb).toBeLessThan(10); // before the bound: about 160 MB
  });

  it('still answers long layouts as Go does, each time', () => {
    const t = unix(1700000000n, 0n).in(UTC);
    const long = `${'Mon Jan _2 '.repeat(30)}15:04:05 2006`; // 344 characters, past the cache's bound
    const want = `${'Tue Nov 14 '.repeat(30)}22:13:20 2023`;
    for (let i = 0; i < 3; i++) {
      expect(t.format(long)).toBe(want);
      expect(parse(long, want).equal(t)).toBe(true);
    }
  });
});
