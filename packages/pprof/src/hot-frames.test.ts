// Hot code and its frames (issue 14): a CPU profile taken through the package
// on code V8 optimized before the profile started, with a function V8 inlined
// into its caller (testdata/hot-frames.mjs), under this Node and Node 22, 24
// and 26. What it pins down is V8's, not the package's: whether a sample that
// lands in an inlined function's own code carries that function's frame
// depends on the Node (V8) and on the compiler that inlined it, never on when
// the profile started. The README's "Hot code keeps its frames" gives the
// table these assertions come from. A run without V8's optimizing compilers
// (nothing inlined) is the control: there every Node shows the function.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodes, runFixture } from './testdata/node-runtimes';

const fixture = fileURLToPath(new URL('./testdata/hot-frames.mjs', import.meta.url));
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

interface Result {
  version: string;
  /** Whether V8 has the caller optimized (read after the profile; the warm-up waited for it). */
  optimized: boolean;
  /** Samples with crunch_pure (arithmetic only) in their stack. */
  pure: number;
  /** Samples with crunch_calls (which calls performance.now()) in their stack. */
  calls: number;
  /** Samples whose leaf frame is hot_caller. */
  callerSelf: number;
  /** Samples with hot_caller in their stack. */
  caller: number;
  /** One-second profiles taken until the caller was in 300 samples (at most 10). */
  rounds: number;
}

function run(exe: string, flags: string[], warm: 'wait' | 'fixed'): Result {
  const r = runFixture<Result>(exe, ['--allow-natives-syntax', ...flags, fixture, dist, warm], 120_000);
  console.log(`${r.version} ${flags.join(' ') || 'default'}: ${JSON.stringify(r)}`);
  return r;
}

const share = (n: number, r: Result) => n / r.caller;

describe.each(nodes())('a function V8 inlined before the profile started, on %s', (_name, exe) => {
  it.skipIf(exe === undefined)('keeps or loses its frame as the README says', { timeout: 120_000 }, () => {
    const control = run(exe as string, ['--no-opt', '--no-maglev'], 'fixed');
    expect(control.optimized).toBe(false);
    expect(control.caller).toBeGreaterThan(100);
    // 38-47% here; 29% in a CI run of the Node 24 matrix, under load. The frames that are lost stay below 5%.
    expect(share(control.pure, control)).toBeGreaterThan(0.15);

    const r = run(exe as string, [], 'wait');
    const major = Number(/^v(\d+)/.exec(r.version)?.[1]);
    expect(r.optimized).toBe(true);
    expect(r.caller).toBeGreaterThan(100);
    if (major <= 22) {
      // Node 20 and 22: the inlined arithmetic's samples are the caller's own...
      expect(share(r.pure, r)).toBeLessThan(0.05);
      expect(share(r.callerSelf, r)).toBeGreaterThan(0.5);
      // ...while those inside a call the inlined function makes keep its frame.
      expect(r.calls).toBeGreaterThan(0);
    } else {
      // Node 24 (with Maglev on, its default) and Node 26.
      expect(share(r.pure, r)).toBeGreaterThan(0.3);
      expect(share(r.callerSelf, r)).toBeLessThan(0.05);
    }
    if (major === 24) {
      // Node 24 with TurboFan alone does what Node 20 and 22 do.
      const t = run(exe as string, ['--no-maglev'], 'wait');
      expect(t.optimized).toBe(true);
      expect(share(t.pure, t)).toBeLessThan(0.05);
      expect(share(t.callerSelf, t)).toBeGreaterThan(0.5);
    }
  });
});
