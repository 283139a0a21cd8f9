// Workers that never load the package and exit by themselves while profiled
// (issue 14, worker-exits.ts): their exit waits for the main thread to take
// their profile, never longer than exitWaitMs (also sixteen at once, all of
// them then in the profile), not at all once the profile has stopped, and
// changes nothing else about it (its exit code, its output, the
// main thread's errors). testdata/worker-exits.mjs runs under this Node and
// Node 22, 24 and 26: a worker created before the package loaded (reached
// through the inspector on every Node) and ones created after (through
// Worker.prototype.startCpuProfile where Node has it). That the exiting
// workers' samples are in the profile is tested in worker-handles.test.ts.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodes, runFixture } from './testdata/node-runtimes';
import { exitWaitMs } from './worker-exits';

const fixture = fileURLToPath(new URL('./testdata/worker-exits.mjs', import.meta.url));
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

interface Exit {
  waitMs: number;
  code: number;
  output: string;
}

interface Result {
  version: string;
  answered: Exit[];
  blocked: Exit[];
  crowd: Exit[];
  /** How many of the sixteen that exited at once have samples in the profile. */
  crowdInProfile: number;
  stopped: Exit[];
  errors: string[];
}

describe.each(nodes())('a worker exiting while profiled, on %s', (_name, exe) => {
  it.skipIf(exe === undefined)(
    'waits for its profile, within the bound, and only then',
    { timeout: 120_000 },
    () => {
      const r = runFixture<Result>(exe as string, [fixture, dist], 60_000);
      console.log(
        `${r.version}: exit waits (ms): ${JSON.stringify({
          answered: r.answered.map((e) => e.waitMs.toFixed(1)),
          blocked: r.blocked.map((e) => e.waitMs.toFixed(1)),
          crowd: [Math.min(...r.crowd.map((e) => e.waitMs)), Math.max(...r.crowd.map((e) => e.waitMs))].map(
            (x) => x.toFixed(1),
          ),
          crowdInProfile: r.crowdInProfile,
          stopped: r.stopped.map((e) => e.waitMs.toFixed(1)),
        })}`,
      );
      expect(r.errors).toEqual([]);
      for (const e of [...r.answered, ...r.blocked, ...r.crowd, ...r.stopped]) {
        expect(e.code).toBe(3);
        expect(e.output).toBe('');
        expect(e.waitMs).toBeGreaterThanOrEqual(0);
        expect(e.waitMs).toBeLessThan(exitWaitMs + 250);
      }
      // The main thread answered: the profile was taken in well under the bound.
      for (const e of r.answered) expect(e.waitMs).toBeLessThan(exitWaitMs / 2);
      // The main thread was blocked for 1.5 s: both gave up after the bound.
      for (const e of r.blocked) expect(e.waitMs).toBeGreaterThanOrEqual(exitWaitMs - 50);
      // Sixteen exiting at once on two cores: each waited less than the bound, and all are in the profile.
      for (const e of r.crowd) expect(e.waitMs).toBeLessThan(exitWaitMs);
      expect(r.crowdInProfile).toBe(16);
      // No profile running: no wait.
      for (const e of r.stopped) expect(e.waitMs).toBeLessThan(50);
    },
  );
});
