// Worker threads that never load the package, in the main thread's CPU profile
// (issue 14): testdata/worker-handles.mjs runs under this Node and under
// Node 22, 24 and 26 from scripts/runtimes.mjs' cache. Each of two workers'
// samples are in the profile with thread=<threadId> and worker=<name> (for the
// named one), its functions in their true shares, taken with startCpuProfile
// where Worker has it and through the inspector on Node 20 (worker-sessions.ts);
// a worker created before the package loaded, one started by a worker, and one
// started mid-profile too, and back-to-back profiles (the Pyroscope
// pusher's cut) both hold the workers. A worker that exits or is terminated
// mid-profile breaks nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireGo } from '@gostd/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { goPprof as goPprofIn } from './testdata/go-pprof';
import { nodes as allNodes, runFixture } from './testdata/node-runtimes';
import { type ReadProfile, readProfile } from './testdata/read-profile';
import { resample } from './worker-handles';

const fixture = fileURLToPath(new URL('./testdata/worker-handles.mjs', import.meta.url));
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-pprof-handles-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Result {
  version: string;
  api: string;
  threads: number[];
  early: number;
  earlyQuits: number;
  nested: number;
  outer: number;
  names: string[];
  truths: { a: number; b: number; clock: string }[];
  stopMs: number;
  midStopMs: number;
  mid: {
    ids: { quits: number; earlyQuits: number; killed: number; stays: number; late: number };
    bytes: string;
  };
  cuts: [string, string];
  http: { status: number; bytes: string };
  errors: string[];
}

function run(exe: string, out: string): Result {
  return runFixture<Result>(exe, [fixture, out, dist], 120_000);
}

const nodes = allNodes();

const goPprof = (...args: string[]) => goPprofIn(tmp, ...args);

/**
 * The share of spin_a in each worker's samples against the truth the worker
 * measured; ok when every one is within 5 points and has more than 300 samples.
 */
function shares(r: Result, prof: ReadProfile): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  for (const [i, t] of r.threads.entries()) {
    const samples = prof.samples.filter((s) => s.labels.thread === String(t));
    const inFn = (f: string) => sum(samples.filter((s) => s.stack.some((fr) => fr.name === f)));
    const a = inFn('spin_a');
    const b = inFn('spin_b');
    const truth = r.truths[i] as { a: number; b: number; clock: string };
    const share = (100 * a) / (a + b);
    const want = (100 * truth.a) / (truth.a + truth.b);
    lines.push(
      `thread ${t}: spin_a ${share.toFixed(1)}% of ${a + b} samples (truth ${want.toFixed(1)}% by ${truth.clock})`,
    );
    if (!(a + b > 300 && Math.abs(share - want) < 5)) ok = false;
  }
  return { ok, lines };
}

const sum = (ss: { values: number[] }[]) => ss.reduce((n, s) => n + (s.values[0] ?? 0), 0);

describe.each(nodes)('workers that do not load the package, on %s', (name, exe) => {
  it.skipIf(exe === undefined)(
    'are in the profile, by startCpuProfile where Worker has it and the inspector on Node 20',
    {
      timeout: 240_000,
    },
    async () => {
      const file = path.join(tmp, `${name.replace(/ /g, '-')}.pb.gz`);
      // The truth is the share of the work each function did (see the
      // worker's code): by wall time per chunk, a thread taken off its core
      // mid-chunk on a loaded machine added that wait to the chunk, and Node 24
      // missed by 6 to 12 points in 3 of 3 runs of a CI run. A run whose shares
      // miss is still repeated, twice at most. Everything else is checked on
      // the run that counts.
      let r = run(exe as string, file);
      let prof = readProfile(fs.readFileSync(file));
      for (let attempt = 1; ; attempt++) {
        const s = shares(r, prof);
        console.log(
          `${r.version} run ${attempt}: ${s.lines.join('; ')}; stop took ${r.stopMs.toFixed(1)} ms`,
        );
        if (s.ok || attempt === 3) {
          expect(s.ok, s.lines.join('; ')).toBe(true);
          break;
        }
        r = run(exe as string, file);
        prof = readProfile(fs.readFileSync(file));
      }
      expect(r.errors).toEqual([]);
      const major = Number(/^v(\d+)/.exec(r.version)?.[1]);
      // Node 24.8+ documents it; the Node 22 of scripts/runtimes.mjs (22.23) has it too.
      if (major >= 22) expect(r.api).toBe('function');
      else expect(r.api).toBe('undefined');
      const onThread = (t: number) => prof.samples.filter((s) => s.labels.thread === String(t));
      {
        for (const [i, t] of r.threads.entries()) {
          const named = r.names[i] as string;
          expect(
            onThread(t).every((s) => (s.labels.worker ?? '') === named),
            `worker label of thread ${t}`,
          ).toBe(true);
        }
        expect(prof.comments.join('\n')).toContain(
          `worker threads ${[r.early, r.earlyQuits, r.outer, r.nested, ...r.threads].sort((a, b) => a - b).join(', ')} included`,
        );
        // The worker created before the package loaded is there too (through the inspector), unnamed, and so is
        // the worker started by a worker, neither loading the package: each spins 2 ms every 50 ms (22-47
        // samples at work of about 2,400 here, 6-18 of 1,400-1,600 in a CI run), the rest of their samples
        // idle. That work must be in the profile; the function's name is reported, not required:
        // V8 sometimes charges it to the timer code that calls it (about 1 run in 10 of the whole suite on
        // Node 20 had no spin_early frame; see "Hot code keeps its frames" in the README).
        for (const [what, thread, fn] of [
          ['the worker older than the package', r.early, 'spin_early'],
          ['the worker started by a worker', r.nested, 'spin_nested'],
        ] as const) {
          const samples = onThread(thread);
          const busy = samples.filter((s) => s.stack.some((f) => !f.name.startsWith('(')));
          const inFn = samples.filter((s) => s.stack.some((f) => f.name === fn));
          const leaves = new Map<string, number>();
          for (const s of busy) {
            const leaf = s.stack.map((f) => f.name).join(' < ');
            leaves.set(leaf, (leaves.get(leaf) ?? 0) + (s.values[0] ?? 0));
          }
          const top = [...leaves].sort((a, b) => b[1] - a[1]).slice(0, 3);
          console.log(
            `${r.version}: ${what}: ${sum(samples)} samples, ${sum(busy)} at work, ${sum(inFn)} in ${fn}` +
              (sum(inFn) === 0 ? `; its work's stacks: ${JSON.stringify(top)}` : ''),
          );
          expect(sum(busy), `${what}: ${sum(busy)} samples at work of ${sum(samples)}`).toBeGreaterThan(0);
        }
        // Every sample with a worker label is on that worker's thread.
        const named = prof.samples.filter((s) => s.labels.worker !== undefined);
        expect(
          named.every((s) => s.labels.thread === String(r.threads[0])),
          'worker labels only on the named thread',
        ).toBe(true);
        if (requireGo('go tool pprof -tags on profiles of workers taken from outside')) {
          const out = await goPprof('-tags', '-sample_index=samples', file);
          const section = (key: string) =>
            out.split(/\n(?= ?\w+: Total )/).find((t) => new RegExp(`^ ?${key}: Total `).test(t)) ?? '';
          const count = (key: string, value: string) =>
            Number(section(key).match(new RegExp(`(\\d+) \\([^)]*\\): ${value}\\n`))?.[1]);
          for (const t of r.threads) expect(count('thread', String(t)), out).toBe(sum(onThread(t)));
          expect(count('worker', 'alpha'), out).toBe(sum(onThread(r.threads[0] as number)));
          expect(section('worker').trim().split('\n').length, out).toBe(2); // the header and alpha
        }
      }
      // The profile during which two workers exited by themselves and one was
      // terminated: it decodes, the stop was not held up, the worker that stayed
      // and the one started meanwhile are in it, and so are the two that exited,
      // with their work (their profiles were taken as they exited: worker-exits.ts);
      // the terminated one is not.
      const threadsOf = (b64: string) => {
        const p = readProfile(Buffer.from(b64, 'base64'));
        expect(p.sampleTypes).toEqual(['samples/count', 'cpu/nanoseconds']);
        const on = new Map<string, number>();
        for (const s of p.samples) {
          const t = s.labels.thread;
          if (t !== undefined) on.set(t, (on.get(t) ?? 0) + (s.values[0] ?? 0));
        }
        return on;
      };
      const mid = threadsOf(r.mid.bytes);
      expect(r.midStopMs).toBeLessThan(3000);
      const { stays, late, killed, quits, earlyQuits } = r.mid.ids;
      const midThreads = `samples by thread ${JSON.stringify(Object.fromEntries(mid))}, ids ${JSON.stringify(r.mid.ids)}`;
      expect(mid.has(String(stays)), midThreads).toBe(true);
      expect(mid.has(String(late)), midThreads).toBe(true);
      expect(mid.has(String(killed)), midThreads).toBe(false);
      const midProf = readProfile(Buffer.from(r.mid.bytes, 'base64'));
      const inFns = (t: number, fns: string[]) =>
        sum(
          midProf.samples.filter(
            (s) => s.labels.thread === String(t) && s.stack.some((f) => fns.includes(f.name)),
          ),
        );
      const quitWork = {
        quits: inFns(quits, ['spin_a', 'spin_b']),
        earlyQuits: inFns(earlyQuits, ['spin_early_quit']),
      };
      console.log(
        `${r.version}: exit and terminate mid-profile: stop took ${r.midStopMs.toFixed(1)} ms, samples by thread ${JSON.stringify(Object.fromEntries(mid))}, in the exiting workers' functions ${JSON.stringify(quitWork)}`,
      );
      // 300 ms' work each (a count of calls, not a time: worker-handles.mjs), sampled at 200 Hz: about 60
      // samples on an idle machine.
      expect(quitWork.quits, midThreads).toBeGreaterThan(10);
      expect(quitWork.earlyQuits, midThreads).toBeGreaterThan(10);
      // Back to back, and the HTTP handler's profile: each holds both workers.
      expect(r.http.status).toBe(200);
      for (const cut of [...r.cuts, r.http.bytes]) {
        const on = threadsOf(cut);
        for (const t of [stays, late]) expect(on.has(String(t)), JSON.stringify([...on])).toBe(true);
      }
    },
  );
});

describe('resample', () => {
  const node = (id: number, children: number[] = []) => ({
    id,
    callFrame: { functionName: `f${id}`, scriptId: '0', url: '', lineNumber: 0, columnNumber: 0 },
    children,
  });
  it('keeps one sample per period of a faster profile, and no burst after a gap', () => {
    // 100 samples 1 ms apart, then a 50 ms gap, then 20 more 1 ms apart.
    const deltas = [...Array(100).fill(1000), 50_000, ...Array(19).fill(1000)] as number[];
    const p = {
      nodes: [node(1, [2]), node(2)],
      startTime: 0,
      endTime: 170_000,
      samples: deltas.map(() => 2),
      timeDeltas: deltas,
    };
    const r = resample(p, 10_000);
    // At 1, 10, 20, ..., 100 ms (11: the first sample, then one per 10 ms),
    // then at 150 ms, the first after the gap, and 160 ms: not one for each
    // period the gap skipped.
    expect(r.samples?.length).toBe(13);
    expect(r.timeDeltas?.slice(0, 3)).toEqual([1000, 9000, 10_000]);
    expect(r.timeDeltas?.slice(-3)).toEqual([10_000, 50_000, 10_000]);
    expect((r.timeDeltas ?? []).reduce((a, b) => a + b, 0)).toBe(160_000);
    // A profile already at the period is kept whole.
    expect(resample(p, 1000).samples?.length).toBe(120);
  });
});
