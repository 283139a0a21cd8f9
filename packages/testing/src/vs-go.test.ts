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
  it('times a case here and its Go benchmark, round after round, and reports the ratios', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-vs-go-'));
    const program = path.join(dir, 'sum.go');
    // A Go "benchmark" whose ns/op is known: it prints 10 whatever it is asked.
    fs.writeFileSync(program, 'package main\nimport "fmt"\nfunc main() { fmt.Println("10.0000") }\n');
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
          go: 'Sum',
          goal: 1,
          run(n) {
            calls++;
            const until = process.hrtime.bigint() + BigInt(n) * 20n; // 20 ns a operation, at least
            while (process.hrtime.bigint() < until);
          },
        },
      ],
    });
    expect(calls).toBeGreaterThan(3 * 2);
    expect(lines).toEqual(['  round 1 of 3 done', '  round 2 of 3 done', '  round 3 of 3 done']);
    const [row] = rows;
    expect(row?.go).toBe(10);
    expect(row?.ratios).toHaveLength(3);
    for (const r of row?.ratios ?? []) expect(r).toBeGreaterThanOrEqual(2);
    expect(report(rows, 3, 2, 1)).toMatch(
      /\| sleepy \| [\d.]+ \| 10\.0 \| [\d.]+x \| [\d.]+x - [\d.]+x \| <= 1x MISSED \|/,
    );
    fs.rmSync(dir, { recursive: true });
  });
});
