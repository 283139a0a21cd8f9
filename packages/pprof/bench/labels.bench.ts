// The cost of labels on an async HTTP-like workload: a request is a few awaits
// and about 20 µs of work; a batch runs 64 requests concurrently. Peers: the
// same workload without labels, and both while a CPU profile (Go's 100 Hz) runs.
// "unlabeled" runs first, before anything in the process has used the label
// store, so it is the workload as it runs without this package at all. Times
// are CPU time (see cpuNow), so "hz" is batches per CPU second.
import { bench, describe } from 'vitest';
import * as pprof from '../src/index';

let sink = 0;
function work(n: number): number {
  let x = sink | 0;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 1664525) + 1013904223 + i) | 0;
  return x;
}

/**
 * Iterations of work that take about us microseconds of CPU time, found by
 * timing work itself at that size (CPU time, so other processes do not skew it).
 */
export function calibrate(us: number): number {
  let n = 100;
  for (let round = 0; round < 8; round++) {
    const c0 = process.cpuUsage();
    for (let r = 0; r < 2000; r++) sink ^= work(n);
    const c = process.cpuUsage(c0);
    const per = (c.user + c.system) / 2000;
    n = Math.max(1, Math.round((n * us) / per));
  }
  return n;
}

const quarter = calibrate(5);

async function handle(i: number): Promise<number> {
  sink ^= work(quarter); // parse
  await Promise.resolve(); // auth lookup
  sink ^= work(quarter);
  await new Promise<void>((r) => queueMicrotask(r)); // database
  sink ^= work(quarter);
  await null; // render
  sink ^= work(quarter);
  return i;
}

const routes = ['/users', '/orders', '/items', '/search'];
const sets = routes.map((r, i) => pprof.labels('route', r, 'tenant', `t${i}`));
const batch = 64;

async function unlabeled(): Promise<void> {
  const ps: Promise<number>[] = [];
  for (let i = 0; i < batch; i++) ps.push(handle(i));
  await Promise.all(ps);
}

async function labeled(): Promise<void> {
  const ps: Promise<number>[] = [];
  for (let i = 0; i < batch; i++) ps.push(pprof.do(sets[i & 3] as pprof.LabelSet, () => handle(i)));
  await Promise.all(ps);
}

// Let the JIT settle on the workload before the first task is timed (without
// touching the label store, so "unlabeled" still runs with it never used).
for (let i = 0; i < 400; i++) await unlabeled();

const nowhere = { write: (_c: Uint8Array) => true };
let profiling = false;
const profile = {
  setup: () => {
    if (!profiling) pprof.startCPUProfile(nowhere);
    profiling = true;
  },
  teardown: async () => {
    if (profiling) await pprof.stopCPUProfile();
    profiling = false;
  },
};

/**
 * The clock of these benchmarks: this process's CPU time in ms, so that other
 * processes on a busy machine do not count (what they do to caches still does).
 */
function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

const opts = { time: 2000, warmupTime: 1000, now: cpuNow };

describe('async HTTP-like workload, 64 requests of ~20 µs and 3 awaits', () => {
  bench('unlabeled', unlabeled, opts);
  bench('labeled: do(labels(...)) per request', labeled, opts);
  bench('unlabeled, while profiling', unlabeled, { ...opts, ...profile });
  bench('labeled, while profiling', labeled, { ...opts, ...profile });
});
