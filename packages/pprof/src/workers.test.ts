// Worker threads in the main thread's CPU profile (issue 14, section 2): three
// real workers that only import the package do labeled work in known shares;
// the main thread's profile holds every worker's samples with its own labels
// plus thread=<threadId>, and worker=<name> for the two started with a name
// (none for the third), read back by `go tool pprof -tags`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { requireGo } from '@gostd/testing';
import { afterAll, describe, expect, it } from 'vitest';
import * as pprof from './index';
import { goPprof as goPprofIn } from './testdata/go-pprof';
import { readProfile, Sink } from './testdata/read-profile';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-pprof-workers-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Each worker runs two jobs, a (one loop) and b (three loops of the same
// chunks: three times the work and the same overhead per chunk), labeled
// job=w<k>a / w<k>b, and k=<k>.
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
import(${JSON.stringify(dist)}).then((pprof) => {
  const k = workerData.k;
  function spin(ms) { const end = performance.now() + ms; while (performance.now() < end); }
  parentPort.once('message', async (ms) => {
    const busy = { a: 0, b: 0 };
    const until = performance.now() + ms;
    const job = (name, chunk) => pprof.do(pprof.labels('job', 'w' + k + name, 'k', String(k)), async () => {
      let t = performance.now();
      while (t < until) {
        spin(chunk);
        busy[name] += performance.now() - t;
        await new Promise((r) => setImmediate(r));
        t = performance.now();
      }
    });
    await Promise.all([job('a', 3), job('b', 3), job('b', 3), job('b', 3)]);
    parentPort.postMessage(busy);
  });
  parentPort.postMessage('ready');
});
`;

const goPprof = (...args: string[]) => goPprofIn(tmp, ...args);

describe('worker threads in the CPU profile', () => {
  it('holds every worker, with its own labels, thread=<threadId> and worker=<name>, in known shares', {
    timeout: 240_000,
  }, async () => {
    // Workers 1 and 2 are named, worker 3 is not.
    const names = ['alpha', 'beta', undefined];
    const workers = [1, 2, 3].map(
      (k) => new Worker(workerCode, { eval: true, workerData: { k }, name: names[k - 1] }),
    );
    await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
    const ids = workers.map((w) => w.threadId); // -1 once terminated
    // Where Node could profile a worker from outside (worker-handles.ts), a
    // worker that loaded the package is left to profile itself, with its labels.
    const proto = Worker.prototype as unknown as { startCpuProfile?: (...args: unknown[]) => unknown };
    const original = proto.startCpuProfile;
    let fromOutside = 0;
    if (original !== undefined)
      proto.startCpuProfile = function (this: Worker, ...args: unknown[]) {
        fromOutside++;
        return original.apply(this, args);
      };
    const threadOf = new Map(ids.map((id, i) => [String(id), i + 1]));
    const sink = new Sink();
    pprof.startCPUProfile(sink, { hz: 1000 });
    await new Promise((r) => setTimeout(r, 100)); // the workers' acks
    const truths = await Promise.all(
      workers.map(
        (w) =>
          new Promise<{ a: number; b: number }>((r) => {
            w.once('message', r);
            w.postMessage(4000);
          }),
      ),
    );
    await pprof.stopCPUProfile();
    if (original !== undefined) proto.startCpuProfile = original;
    await Promise.all(workers.map((w) => w.terminate()));
    expect(fromOutside).toBe(0);
    const prof = readProfile(sink.bytes());
    console.log(prof.comments, ids);
    const counts = new Map<string, number>();
    let wrong = 0;
    let misnamed = 0;
    for (const s of prof.samples) {
      const thread = s.labels.thread;
      if (thread === undefined) {
        // The main thread's own samples: no worker's labels.
        if (s.labels.job !== undefined || s.labels.worker !== undefined) wrong++;
        continue;
      }
      const k = threadOf.get(thread) as number;
      if (s.labels.job !== undefined && (s.labels.job[1] !== String(k) || s.labels.k !== String(k))) wrong++;
      if (s.labels.worker !== names[k - 1]) misnamed++;
      const key = `${thread}/${s.labels.job ?? ''}`;
      counts.set(key, (counts.get(key) ?? 0) + (s.values[0] ?? 0));
    }
    const lines: string[] = [];
    for (const [i, id] of ids.entries()) {
      const k = i + 1;
      const a = counts.get(`${id}/w${k}a`) ?? 0;
      const b = counts.get(`${id}/w${k}b`) ?? 0;
      const t = truths[i] as { a: number; b: number };
      const share = (100 * a) / (a + b);
      const want = (100 * t.a) / (t.a + t.b);
      lines.push(`thread ${id}: job a ${share.toFixed(1)}% of ${a + b} samples (truth ${want.toFixed(1)}%)`);
      expect(a + b, `thread ${id}`).toBeGreaterThan(100);
      expect(Math.abs(share - want), lines.at(-1)).toBeLessThan(5);
    }
    console.log(
      `workers: ${lines.join('; ')}; ${wrong} samples with another thread's labels, ${misnamed} with a wrong worker name`,
    );
    expect(wrong).toBe(0);
    expect(misnamed).toBe(0);
    expect(prof.comments.join('\n')).toMatch(/worker threads \d+, \d+, \d+ included/);
    if (requireGo('go tool pprof -tags on worker profiles')) {
      const file = path.join(tmp, 'workers.pb.gz');
      fs.writeFileSync(file, sink.bytes());
      const out = await goPprof('-tags', '-sample_index=samples', file);
      for (const id of ids) expect(out).toMatch(new RegExp(`\\): ${id}\\n`));
      for (const k of [1, 2, 3]) for (const j of ['a', 'b']) expect(out).toContain(`): w${k}${j}`);
      // worker: only the two names, every sample of their threads (the unnamed one has no such label).
      const section = out.split(/\n(?= ?\w+: Total )/).find((t) => /^ ?worker: Total /.test(t)) ?? '';
      expect(section, out).toMatch(/: alpha\n/);
      expect(section).toMatch(/: beta\n/);
      expect(section.trim().split('\n').length, section).toBe(3); // the header and two names
      const count = (name: string) =>
        Number(section.match(new RegExp(`(\\d+) \\([^)]*\\): ${name}\\n`))?.[1]);
      const onThread = (i: number) =>
        prof.samples
          .filter((s) => s.labels.thread === String(ids[i]))
          .reduce((n, s) => n + (s.values[0] ?? 0), 0);
      expect(count('alpha')).toBe(onThread(0));
      expect(count('beta')).toBe(onThread(1));
    }
  });

  it('holds a worker that loads the package and was started by another worker', {
    timeout: 60_000,
  }, async () => {
    // The outer worker never loads the package; the inner one (k=7) does, and runs the labeled jobs.
    const outer = new Worker(
      `const { Worker, parentPort } = require('node:worker_threads');
       const inner = new Worker(${JSON.stringify(workerCode)}, { eval: true, workerData: { k: 7 } });
       inner.once('message', () => parentPort.postMessage(inner.threadId));
       parentPort.on('message', (ms) => {
         inner.once('message', (busy) => parentPort.postMessage(busy));
         inner.postMessage(ms);
       });`,
      { eval: true },
    );
    const inner = await new Promise<number>((r) => outer.once('message', r));
    // One profile of 1 s at 1000 Hz while the inner worker runs its jobs for 1 s.
    const once = async () => {
      const sink = new Sink();
      pprof.startCPUProfile(sink, { hz: 1000 });
      await new Promise((r) => setTimeout(r, 100)); // the inner worker's ack
      const truth = await new Promise<{ a: number; b: number }>((r) => {
        outer.once('message', r);
        outer.postMessage(1000);
      });
      await pprof.stopCPUProfile();
      const prof = readProfile(sink.bytes());
      let onInner = 0;
      let wrong = 0;
      let jobA = 0;
      for (const s of prof.samples) {
        if (s.labels.job === undefined) continue;
        const n = s.values[0] ?? 0; // samples
        if (s.labels.thread === String(inner) && s.labels.k === '7' && /^w7[ab]$/.test(s.labels.job))
          onInner += n;
        else wrong += n;
        if (s.labels.job === 'w7a') jobA += n;
      }
      const share = (100 * jobA) / onInner;
      const want = (100 * truth.a) / (truth.a + truth.b);
      console.log(
        `inner worker ${inner}: ${onInner} labeled samples, ${wrong} wrong; job a ${share.toFixed(1)}% ` +
          `(truth ${want.toFixed(1)}%)`,
      );
      expect(wrong).toBe(0); // in every run
      return { onInner, miss: Math.abs(share - want) };
    };
    // A share is a statistic: on a loaded machine one run in many misses by a few points (5.8 once, while
    // another process took a core). A run that misses is repeated, at most three runs, as in
    // worker-handles.test.ts.
    let r = await once();
    for (let run = 2; run <= 3 && r.miss >= 5; run++) r = await once();
    await outer.terminate();
    expect(r.onInner).toBeGreaterThan(100);
    expect(r.miss).toBeLessThan(5);
  });

  it('a worker that exits or is terminated while profiled delays stop by at most 3 s and breaks nothing', async () => {
    const w = new Worker(workerCode, { eval: true, workerData: { k: 9 } });
    await new Promise((r) => w.once('message', r));
    const sink = new Sink();
    pprof.startCPUProfile(sink, { hz: 200 });
    await new Promise((r) => setTimeout(r, 100));
    await w.terminate();
    const t0 = performance.now();
    await pprof.stopCPUProfile();
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(readProfile(sink.bytes()).sampleTypes).toEqual(['samples/count', 'cpu/nanoseconds']);
  });
});
