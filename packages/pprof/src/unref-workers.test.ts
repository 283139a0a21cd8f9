// Workers that do not keep the process alive (worker.unref(), as pools and
// background libraries do) while a program awaits stopCPUProfile: the wait for
// their parts of the profile goes over an unref'd channel or a V8 profile
// handle, so without a hold the process ended inside the await (status 13, an
// unsettled top-level await) and the profile was never written.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readProfile } from './testdata/read-profile';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-pprof-unref-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * The program: an unref'd worker that spins in 8 ms slices back to back (yielding to its event loop between
 * them, so it hears the profiler), an 800 ms profile, and the await as its last act. The worker is unref'd
 * only once it has said it is at work: on a loaded machine (the CI runs every package's tests at once) a
 * worker given 300 ms to start could still be loading the package when the profile ended (once: its part of
 * the profile held nothing but its start and idle samples).
 */
function program(file: string, loadsPackage: boolean): string {
  const work =
    `function spin() { const e = Date.now() + 8; while (Date.now() < e); setImmediate(spin); } spin();` +
    ` import('node:worker_threads').then((t) => t.parentPort.postMessage('working'));`;
  const workerCode = loadsPackage ? `import(${JSON.stringify(dist)}).then(() => { ${work} });` : work;
  return `
    import { Worker } from 'node:worker_threads';
    import fs from 'node:fs';
    import * as pprof from ${JSON.stringify(dist)};
    const w = new Worker(${JSON.stringify(workerCode)}, { eval: true });
    const thread = w.threadId;
    await new Promise((r) => w.once('message', r));
    w.unref();
    pprof.startCPUProfile(fs.createWriteStream(${JSON.stringify(file)}));
    await new Promise((r) => setTimeout(r, 800));
    await pprof.stopCPUProfile();
    console.log('stopped', thread);
  `;
}

describe("an awaited stopCPUProfile with unref'd workers", () => {
  for (const loadsPackage of [true, false]) {
    it(`finishes and writes the worker's samples (a worker that ${loadsPackage ? 'loads' : 'never loads'} the package)`, () => {
      const file = path.join(tmp, `cpu-${loadsPackage}.pb.gz`);
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', program(file, loadsPackage)], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect([r.status, r.stdout.split(' ')[0]], r.stderr).toEqual([0, 'stopped']);
      const thread = r.stdout.trim().split(' ')[1];
      const p = readProfile(fs.readFileSync(file));
      // The worker's work, all of its 800 ms, under spin or, where V8 inlined spin into Node's code that
      // runs immediates (README, "Hot code keeps its frames"), under processImmediate.
      const work = p.samples.filter(
        (s) =>
          s.labels.thread === thread &&
          s.stack.some((f) => f.name === 'spin' || f.name === 'processImmediate'),
      );
      // At least one: on a loaded machine the worker, busy half the time in an earlier form of this test, was in 4 of 40 samples.
      expect(
        work.length,
        JSON.stringify(p.samples.map((s) => [s.labels, s.values[0], s.stack.map((f) => f.name)])),
      ).toBeGreaterThan(0);
    });
  }
});
