// Worker threads in the main thread's heap profile: three real workers that
// only import the package keep 1, 2 and 3 units of objects alive; the main
// thread's heap profile holds each worker's objects, labeled thread=<threadId>
// (and worker=<name> for the two started with a name), each near what its heap
// grew by, read back by `go tool pprof -tags`. Workers that end, normally or by
// terminate, cost a profile at most one wait of 3 s and break nothing. Workers
// that never load the package (one started by such a worker among them) are
// sampled through the inspector, and are in the profile the same way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { requireGo } from '@gostd/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as pprof from './index';
import { goPprof as goPprofIn } from './testdata/go-pprof';
import { type ReadProfile, readProfile, Sink } from './testdata/read-profile';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-pprof-worker-heap-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
afterEach(() => pprof.setMemProfileRate(0));

// What both kinds of test worker share: collect() (a full GC), and the code that keeps
// workerData.units x 50,000 objects alive, made in keepAlive, and sets grown to the
// growth of its heap that this made (after a full GC on either side).
const gcCode = `
const v8 = require('node:v8');
v8.setFlagsFromString('--expose-gc');
const collect = require('node:vm').runInNewContext('gc');
`;
const keepAliveCode = `
  const n = workerData.units * 50000;
  const kept = new Array(n);
  function keepAlive() {
    for (let i = 0; i < n; i++) kept[i] = { i, s: 'item ' + i, next: null };
  }
  collect();
  const before = v8.getHeapStatistics().used_heap_size;
  keepAlive();
  collect();
  const grown = v8.getHeapStatistics().used_heap_size - before;
`;

// A worker that loads the package, waits until its heap sampler runs (the main
// thread's rate reaches it), then keeps units x 50,000 objects alive, made in
// keepAlive, and sends the growth of its heap that this made (after a full GC on
// either side). It answers 'rate' with its sampling rate and 'exit' by exiting.
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
${gcCode}
import(${JSON.stringify(dist)}).then(async (pprof) => {
  for (let i = 0; i < 1000 && pprof.memProfileRate() === 0; i++) await new Promise((r) => setTimeout(r, 10));
  if (pprof.memProfileRate() === 0) return parentPort.postMessage("the main thread's rate never came");
${keepAliveCode}
  parentPort.on('message', (m) => {
    if (m === 'rate') parentPort.postMessage(pprof.memProfileRate());
    if (m === 'exit') process.exit(0);
    if (m === 'busy') for (const end = Date.now() + 4000; Date.now() < end; );
  });
  parentPort.postMessage(grown);
});
`;

const goPprof = (...args: string[]) => goPprofIn(tmp, ...args);

// A worker that never loads the package: it waits until its heap sampler runs (the main thread starts it
// through the inspector; the worker asks its own inspector session, without the package), then keeps units x
// 50,000 objects alive as workerCode does and sends the growth of its heap.
const plainCode = `
const { parentPort, workerData } = require('node:worker_threads');
const { Session } = require('node:inspector');
${gcCode}
const s = new Session();
s.connect();
const sampling = () => new Promise((r) => s.post('HeapProfiler.getSamplingProfile', (e) => r(e === null)));
(async () => {
  for (let i = 0; i < 1000 && !(await sampling()); i++) await new Promise((r) => setTimeout(r, 10));
  if (!(await sampling())) return parentPort.postMessage('its heap sampler never started');
  parentPort.on('message', async (m) => {
    if (m === 'sampling') parentPort.postMessage(await sampling());
  });
${keepAliveCode}
  parentPort.postMessage({ thread: require('node:worker_threads').threadId, grown });
  setInterval(() => {}, 1000);
})();
`;

/**
 * Starts a worker that never loads the package: a named one directly, an unnamed one from an outer worker
 * that never loads the package either.
 */
async function startPlain(
  units: number,
  name?: string,
): Promise<{ worker: Worker; thread: number; grown: number }> {
  const worker =
    name !== undefined
      ? new Worker(plainCode, { eval: true, workerData: { units }, name })
      : new Worker(
          `const { Worker, parentPort } = require('node:worker_threads');
           const inner = new Worker(${JSON.stringify(plainCode)}, { eval: true, workerData: { units: ${units} } });
           inner.on('message', (m) => parentPort.postMessage(m));
           parentPort.on('message', (m) => inner.postMessage(m));
           inner.once('error', (e) => parentPort.postMessage(String(e)));`,
          { eval: true },
        );
  const m = await new Promise<unknown>((r, reject) => {
    worker.once('message', r);
    worker.once('error', reject);
  });
  if (typeof m !== 'object' || m === null) throw new Error(String(m));
  const { thread, grown } = m as { thread: number; grown: number };
  return { worker, thread, grown };
}

/** A worker keeping units of objects alive, and the bytes its heap grew by keeping them. */
function startWithTruth(units: number, name?: string): Promise<[Worker, number]> {
  const w = new Worker(workerCode, { eval: true, workerData: { units }, name });
  return new Promise((resolve, reject) => {
    w.once('message', (grown: unknown) =>
      typeof grown === 'number' ? resolve([w, grown]) : reject(new Error(String(grown))),
    );
    w.once('error', reject);
  });
}

/** Sends m to w and returns w's next message. */
function ask(w: Worker, m: string): Promise<unknown> {
  const answer = new Promise((r) => w.once('message', r));
  w.postMessage(m);
  return answer;
}

const start = async (units: number, name?: string): Promise<Worker> => (await startWithTruth(units, name))[0];

async function heapProfile(gc = false): Promise<{ prof: ReadProfile; bytes: Buffer; ms: number }> {
  const sink = new Sink();
  const t0 = performance.now();
  await pprof.writeHeapProfile(sink, { gc });
  return { prof: readProfile(sink.bytes()), bytes: sink.bytes(), ms: performance.now() - t0 };
}

/** inuse_space of the samples made in keepAlive, by thread label ('' for the main thread). */
function keptByThread(prof: ReadProfile): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of prof.samples) {
    if (!s.stack.some((f) => f.name === 'keepAlive')) continue;
    const t = s.labels.thread ?? '';
    out.set(t, (out.get(t) ?? 0) + (s.values[1] ?? 0));
  }
  return out;
}

describe('worker threads in the heap profile', () => {
  it("holds each worker's live objects, labeled by thread and name, near what each heap grew by", {
    timeout: 120_000,
  }, async () => {
    pprof.setMemProfileRate(16 * 1024);
    const names = ['alpha', 'beta', undefined];
    const started = await Promise.all([1, 2, 3].map((k) => startWithTruth(k, names[k - 1])));
    const workers = started.map(([w]) => w);
    const truths = started.map(([, grown]) => grown);
    const ids = workers.map((w) => w.threadId);
    // Every worker samples at the main thread's rate.
    const rates = await Promise.all(workers.map((w) => ask(w, 'rate')));
    expect(rates).toEqual([16384, 16384, 16384]);
    const { prof, bytes } = await heapProfile(true);
    await Promise.all(workers.map((w) => w.terminate()));
    const kept = keptByThread(prof);
    const ratio = (i: number) => (kept.get(String(ids[i])) ?? 0) / (truths[i] as number);
    const lines = ids.map(
      (id, i) =>
        `thread ${id}: ${((kept.get(String(id)) ?? 0) / 1e6).toFixed(2)} MB in keepAlive, its heap grew ` +
        `${((truths[i] as number) / 1e6).toFixed(2)} MB (${ratio(i).toFixed(2)}x)`,
    );
    console.log(`heap of workers: ${lines.join('; ')}; main thread ${kept.get('') ?? 0} B`);
    // The main thread made no objects in keepAlive; each worker's estimate is near its heap's growth.
    expect(kept.get('') ?? 0).toBe(0);
    for (const i of [0, 1, 2]) {
      expect(ratio(i), lines.join('; ')).toBeGreaterThan(0.75);
      expect(ratio(i), lines.join('; ')).toBeLessThan(1.33);
    }
    // worker=<name> on every sample of a named worker's thread, on none of the unnamed one's.
    for (const s of prof.samples) {
      const i = ids.findIndex((id) => String(id) === s.labels.thread);
      expect(s.labels.worker).toBe(i < 0 ? undefined : names[i]);
    }
    expect(prof.sampleTypes).toEqual(['inuse_objects/count', 'inuse_space/bytes']);
    expect(prof.comments.join('\n')).toContain(`worker threads ${ids.join(', ')} included`);
    if (requireGo('go tool pprof -tags on a heap profile with workers')) {
      const file = path.join(tmp, 'heap.pb.gz');
      fs.writeFileSync(file, bytes);
      const out = await goPprof('-tags', '-sample_index=inuse_space', file);
      for (const id of ids) expect(out).toMatch(new RegExp(`\\): ${id}\\n`));
      expect(out).toMatch(/: alpha\n/);
      expect(out).toMatch(/: beta\n/);
    }
  });

  it('a worker that exits or is terminated is not waited for', {
    timeout: 120_000,
  }, async () => {
    pprof.setMemProfileRate(64 * 1024);
    const [a, b, c] = await Promise.all([start(1), start(1), start(1)]);
    const ids = [a, b, c].map((w) => (w as Worker).threadId);
    const first = await heapProfile();
    expect([...keptByThread(first.prof).keys()].sort()).toEqual(ids.map(String).sort());
    // a exits normally (it says so on its way out); b is terminated (it cannot).
    const exited = new Promise((r) => (a as Worker).once('exit', r));
    (a as Worker).postMessage('exit');
    await exited;
    await (b as Worker).terminate();
    const second = await heapProfile();
    const third = await heapProfile();
    await (c as Worker).terminate();
    const fourth = await heapProfile();
    // A worker terminated without the main thread seeing it end (here: its exit
    // hidden) is waited for once, at most 3 s, and then left out.
    const d = await start(1);
    d.removeAllListeners('exit'); // the package's listener among them
    const fifth = await heapProfile();
    expect([...keptByThread(fifth.prof).keys()]).toEqual([String(d.threadId)]);
    await d.terminate();
    const sixth = await heapProfile();
    const seventh = await heapProfile();
    console.log(`terminated unseen: ${sixth.ms.toFixed(0)} ms, then ${seventh.ms.toFixed(0)} ms`);
    expect(sixth.ms).toBeGreaterThan(2900);
    expect(sixth.ms).toBeLessThan(8000);
    expect(seventh.ms).toBeLessThan(2500);
    expect(keptByThread(sixth.prof).size).toBe(0);
    console.log(
      `heap profile with 3 workers ${first.ms.toFixed(0)} ms; after one exited and one was terminated ` +
        `${second.ms.toFixed(0)} ms, then ${third.ms.toFixed(0)} ms; with none left ${fourth.ms.toFixed(0)} ms`,
    );
    // Not waited for: well under the 3 s a silent worker costs (tens of ms here, more on a loaded machine).
    expect(second.ms).toBeLessThan(2500);
    expect(third.ms).toBeLessThan(2500);
    expect(fourth.ms).toBeLessThan(2500);
    expect([...keptByThread(second.prof).keys()]).toEqual([String(ids[2])]);
    expect([...keptByThread(third.prof).keys()]).toEqual([String(ids[2])]);
    expect(keptByThread(fourth.prof).size).toBe(0);
  });

  it('the main thread stopping its sampler ends a wait for a busy worker', { timeout: 60_000 }, async () => {
    pprof.setMemProfileRate(32 * 1024);
    const w = await start(1);
    w.postMessage('busy'); // 4 s without yielding
    const t0 = performance.now();
    const profile = heapProfile();
    setTimeout(() => pprof.setMemProfileRate(0), 100);
    await profile;
    const ms = performance.now() - t0;
    await w.terminate();
    expect(ms).toBeLessThan(2500);
  });

  it('holds a worker started by another worker', { timeout: 60_000 }, async () => {
    pprof.setMemProfileRate(32 * 1024);
    // The outer worker never loads the package; the inner one does.
    const outer = new Worker(
      `const { Worker, parentPort } = require('node:worker_threads');
       const inner = new Worker(${JSON.stringify(workerCode)}, { eval: true, workerData: { units: 1 } });
       inner.once('message', (grown) => parentPort.postMessage({ thread: inner.threadId, grown }));
       inner.once('error', (e) => parentPort.postMessage({ error: String(e) }));`,
      { eval: true },
    );
    const got = await new Promise<{ thread?: number; grown?: unknown; error?: string }>((r) =>
      outer.once('message', r),
    );
    const { prof } = await heapProfile();
    await outer.terminate();
    expect(got.error).toBeUndefined();
    expect([...keptByThread(prof).keys()]).toEqual([String(got.thread)]);
  });

  it("holds the heaps of workers that never load the package, a worker's worker among them", {
    timeout: 120_000,
  }, async () => {
    pprof.setMemProfileRate(16 * 1024);
    const trust = await Promise.all(
      [2, 1].map((units, i) => startPlain(units, i === 0 ? 'plain' : undefined)),
    );
    const ids = trust.map((t) => t.thread);
    const { prof, bytes } = await heapProfile(true);
    // One of them terminated: the next profile does not wait for it, and has the other.
    await trust[0]?.worker.terminate();
    const next = await heapProfile();
    console.log(`after one was terminated: ${next.ms.toFixed(0)} ms`);
    expect(next.ms).toBeLessThan(2500);
    expect([...keptByThread(next.prof).keys()]).toEqual([String(ids[1])]);
    // Setting the rate to 0 stops the other's sampler too.
    pprof.setMemProfileRate(0);
    let stopped = false;
    for (let i = 0; i < 100 && !stopped; i++) {
      stopped = (await ask(trust[1]?.worker as Worker, 'sampling')) === false;
      if (!stopped) await new Promise((r) => setTimeout(r, 10));
    }
    expect(stopped).toBe(true);
    await trust[1]?.worker.terminate();
    const kept = keptByThread(prof);
    const ratio = (i: number) => (kept.get(String(ids[i])) ?? 0) / (trust[i]?.grown as number);
    const lines = ids.map(
      (id, i) =>
        `thread ${id}: ${((kept.get(String(id)) ?? 0) / 1e6).toFixed(2)} MB in keepAlive, its heap grew ` +
        `${((trust[i]?.grown as number) / 1e6).toFixed(2)} MB (${ratio(i).toFixed(2)}x)`,
    );
    console.log(`heap of workers that never load the package: ${lines.join('; ')}`);
    expect(kept.get('') ?? 0).toBe(0);
    for (const i of [0, 1]) {
      expect(ratio(i), lines.join('; ')).toBeGreaterThan(0.75);
      expect(ratio(i), lines.join('; ')).toBeLessThan(1.33);
    }
    // The named one's name comes from its inspector title.
    for (const s of prof.samples.filter((s) => s.labels.thread === String(ids[0])))
      expect(s.labels.worker).toBe('plain');
    for (const s of prof.samples.filter((s) => s.labels.thread === String(ids[1])))
      expect(s.labels.worker).toBeUndefined();
    if (requireGo('go tool pprof -tags on a heap profile with workers reached from outside')) {
      const file = path.join(tmp, 'heap-outside.pb.gz');
      fs.writeFileSync(file, bytes);
      const out = await goPprof('-tags', '-sample_index=inuse_space', file);
      for (const id of ids) expect(out).toMatch(new RegExp(`\\): ${id}\\n`));
      expect(out).toMatch(/: plain\n/);
    }
  });

  it('the main thread stopping its sampler stops the workers', { timeout: 60_000 }, async () => {
    pprof.setMemProfileRate(32 * 1024);
    const w = await start(1);
    pprof.setMemProfileRate(0);
    // The rate reaches the worker through the channel: ask until it has.
    let rate: unknown;
    for (let i = 0; i < 100 && rate !== 0; i++) {
      rate = await ask(w, 'rate');
      if (rate !== 0) await new Promise((r) => setTimeout(r, 10));
    }
    await w.terminate();
    expect(rate).toBe(0);
  });
});
