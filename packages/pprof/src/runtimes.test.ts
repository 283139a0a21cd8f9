// CPU and heap profiles on Deno and Bun, whose node:inspector answers after
// post returns (src/inspector.ts). The runtimes come from $GOSTD_DENO and
// $GOSTD_BUN or the PATH (`node scripts/runtimes.mjs deno` installs one); a
// runtime that is not there is skipped, and CI covers these cells from the
// packed tarballs (scripts/smoke-runtimes.mjs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./testdata/runtime-profiles.ts', import.meta.url));

function find(env: string | undefined, name: string): string | undefined {
  if (env !== undefined && env !== '') return env;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (dir !== '' && fs.existsSync(p)) return p;
  }
  return undefined;
}

interface Result {
  cut: { first: number; second: number } | { error: string };
  cpu: { samples: number; spin: number; labeled: number } | { error: string };
  heap: { samples: number; kept: number } | { error: string };
}

function run(exe: string, args: string[]): Result {
  const out = execFileSync(exe, [...args, fixture], {
    cwd: path.dirname(fixture),
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Result;
}

const deno = find(process.env.GOSTD_DENO, 'deno');
const bun = find(process.env.GOSTD_BUN, 'bun');

describe.skipIf(deno === undefined)('on Deno', () => {
  it('writes CPU profiles, back to back too, whose synchronous labeled work keeps its labels, and heap profiles', () => {
    const r = run(deno as string, ['run', '-A', '--sloppy-imports']);
    console.log(`deno: ${JSON.stringify(r)}`);
    expect(r.cpu).not.toHaveProperty('error');
    const cpu = r.cpu as { samples: number; spin: number; labeled: number };
    expect(cpu.spin).toBeGreaterThan(0);
    // Deno's inspector clock is not process.hrtime's: the offset is estimated
    // from the window around Profiler.start, so labels are approximate.
    expect(cpu.labeled / cpu.spin).toBeGreaterThanOrEqual(0.8);
    expect(r.cut).not.toHaveProperty('error');
    expect(r.cut).toMatchObject({ first: expect.any(Number), second: expect.any(Number) });
    expect(Object.values(r.cut).every((n) => n > 0)).toBe(true);
    expect(r.heap).toMatchObject({ kept: 20000 });
    expect((r.heap as { samples: number }).samples).toBeGreaterThan(0);
  }, 180_000);
});

describe.skipIf(bun === undefined)('on Bun', () => {
  it('writes CPU profiles, back to back too, and says that it has no heap sampler', () => {
    const r = run(bun as string, []);
    console.log(`bun: ${JSON.stringify(r)}`);
    expect(r.cpu).not.toHaveProperty('error');
    const cpu = r.cpu as { samples: number; spin: number; labeled: number };
    expect(cpu.spin).toBeGreaterThan(0);
    expect(cpu.labeled / cpu.spin).toBeGreaterThanOrEqual(0.8);
    expect(r.cut).not.toHaveProperty('error');
    expect(Object.values(r.cut).every((n) => n > 0)).toBe(true);
    expect(r.heap).toEqual({
      error:
        'pprof: heap profiles need a sampling heap profiler, and this runtime has none (Bun: its node:inspector has no HeapProfiler domain)',
    });
  }, 180_000);
});
