// Paired, CPU-time measurement of what labels and profiling cost on the bench's
// async HTTP-like workload: the variants take turns, round after round, and each
// is timed with process.cpuUsage (this process's CPU time), so other processes on
// a busy machine skew the ratios far less than wall-clock benchmarks.
// Run after `npx tsup`:  node bench/overhead.mjs
import * as pprof from '../dist/index.js';
import { cpuUs, handle } from './workload.mjs';

const sets = ['/users', '/orders', '/items', '/search'].map((r, i) =>
  pprof.labels('route', r, 'tenant', `t${i}`),
);
const batch = 64;
async function unlabeled() {
  const ps = [];
  for (let i = 0; i < batch; i++) ps.push(handle(i));
  await Promise.all(ps);
}
async function labeled() {
  const ps = [];
  for (let i = 0; i < batch; i++) ps.push(pprof.do(sets[i & 3], () => handle(i)));
  await Promise.all(ps);
}
async function cpu(fn, batches) {
  const c0 = process.cpuUsage();
  for (let b = 0; b < batches; b++) await fn();
  return cpuUs(c0);
}
const nowhere = { write: () => true };
async function profiled(fn, batches) {
  pprof.startCPUProfile(nowhere);
  const t = await cpu(fn, batches);
  await pprof.stopCPUProfile();
  return t;
}

const rounds = 25;
const batches = 40;
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const perRequest = (us) => us / batches / batch;

// Before anything uses the label store: the workload as it runs without this
// package (after a warm-up, so that the JIT has settled on it).
for (let i = 0; i < 400; i++) await unlabeled();
const cold = [];
for (let r = 0; r < rounds; r++) cold.push(await cpu(unlabeled, batches));

const variants = {
  unlabeled: () => cpu(unlabeled, batches),
  labeled: () => cpu(labeled, batches),
  'unlabeled, profiling': () => profiled(unlabeled, batches),
  'labeled, profiling': () => profiled(labeled, batches),
};
const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) for (const [k, f] of Object.entries(variants)) times[k].push(await f());

const base = median(cold);
console.log(`CPU µs per request (median of ${rounds} rounds of ${batches}x${batch} requests):`);
console.log(`  unlabeled, label store never used  ${perRequest(base).toFixed(2)}  1.000`);
for (const [k, t] of Object.entries(times)) {
  console.log(`  ${k.padEnd(33)} ${perRequest(median(t)).toFixed(2)}  ${(median(t) / base).toFixed(3)}`);
}
console.log(
  `  labeled vs unlabeled (same process): ${(median(times.labeled) / median(times.unlabeled)).toFixed(3)}`,
);
console.log(
  `  labeled, profiling vs labeled:       ${(median(times['labeled, profiling']) / median(times.labeled)).toFixed(3)}`,
);
