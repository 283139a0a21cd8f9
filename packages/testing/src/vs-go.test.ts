import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireGo } from './go.mjs';
import { median, report, vsGo } from './vs-go.mjs';

describe('median', () => {
  it.each([
    [[3], 3],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('of %j is %d', (xs, want) => {
    expect(median(xs)).toBe(want);
  });
});

describe.skipIf(!requireGo('vsGo'))('vsGo', () => {
  it('times a case here and its Go benchmark (built with vs-go-main.go), round after round, and reports the ratios', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-vs-go-'));
    const program = path.join(dir, 'spin.go');
    // A benchmark of known cost: each operation spins for 1 µs.
    fs.writeFileSync(
      program,
      `package main
import ("testing"; "time")
var benchmarks = map[string]func(b *testing.B){
	"Spin": func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for t := time.Now(); time.Since(t) < time.Microsecond; {
			}
		}
	},
}
`,
    );
    let calls = 0;
    const lines: string[] = [];
    const rows = await vsGo({
      program,
      rounds: 3,
      ms: 1,
      count: 2,
      log: (l) => lines.push(l),
      cases: [
        {
          name: 'sleepy',
          go: 'Spin',
          goal: 1,
          run(n) {
            calls++;
            const until = process.hrtime.bigint() + BigInt(n) * 5000n; // 5 µs an operation
            while (process.hrtime.bigint() < until);
          },
        },
      ],
    });
    expect(calls).toBeGreaterThan(3 * 2);
    expect(lines).toEqual(['  round 1 of 3 done', '  round 2 of 3 done', '  round 3 of 3 done']);
    const [row] = rows;
    expect(row?.go).toBeGreaterThanOrEqual(1000);
    expect(row?.ours).toBeGreaterThanOrEqual(5000);
    expect(row?.ratios).toHaveLength(3);
    for (const r of row?.ratios ?? []) expect(r).toBeGreaterThan(0);
    expect(report(rows, 3, 2, 1)).toMatch(
      /\| sleepy \| \d+ \| \d+ \| [\d.]+x \| [\d.]+x - [\d.]+x \| <= 1x (met|MISSED) \|/,
    );
    fs.rmSync(dir, { recursive: true });
  });
});
