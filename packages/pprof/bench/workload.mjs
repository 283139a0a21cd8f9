// The await-heavy workload of bench/overhead.mjs, bench/hook-split.mjs and
// bench/unlabeled-profiling.mjs: a request is four pieces of about 5 µs of CPU
// work separated by three kinds of await.
let sink = 0;
function work(n) {
  let x = sink | 0;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 1664525) + 1013904223 + i) | 0;
  return x;
}

/** CPU time (user + system, µs) of this process since c0. */
export function cpuUs(c0) {
  const c = process.cpuUsage(c0);
  return c.user + c.system;
}

function calibrate(us) {
  let n = 100;
  for (let round = 0; round < 8; round++) {
    const c0 = process.cpuUsage();
    for (let r = 0; r < 2000; r++) sink ^= work(n);
    n = Math.max(1, Math.round((n * us) / (cpuUs(c0) / 2000)));
  }
  return n;
}
const quarter = calibrate(5);

/** One request: returns i. */
export async function handle(i) {
  sink ^= work(quarter);
  await Promise.resolve();
  sink ^= work(quarter);
  await new Promise((r) => queueMicrotask(r));
  sink ^= work(quarter);
  await null;
  sink ^= work(quarter);
  return i;
}
