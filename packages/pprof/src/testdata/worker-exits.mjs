// Run by worker-exits.test.ts under each Node: how long a worker that never loads @gostd/pprof takes to exit
// (from its first 'exit' listener to one added just before it exits, so after the package's) while a CPU
// profile runs and the main thread answers, while the main thread is blocked, for sixteen at once, and after
// the profile stopped; and whether its exit code, its output and the main thread's errors are untouched.
// Workers created before the package loads are profiled through the inspector on every Node, those created
// after through Worker.prototype.startCpuProfile where Node has it. Prints one JSON line.
import { Worker } from 'node:worker_threads';
import { repliedWatching, watched } from './exit-watch.mjs';

const [, , dist] = process.argv;
const code = `
const { parentPort, workerData } = require('node:worker_threads');
const times = new Float64Array(workerData.times);
process.on('exit', () => { times[0] = performance.timeOrigin + performance.now(); });
function spin_then_exit(ms) { const end = performance.now() + ms; while (performance.now() < end); }
${repliedWatching}
parentPort.on('message', (ms) => {
  if (repliedWatching(ms)) return;
  spin_then_exit(ms);
  process.on('exit', () => { times[1] = performance.timeOrigin + performance.now(); });
  process.exit(3);
});
parentPort.postMessage('ready');
`;
function start() {
  const times = new SharedArrayBuffer(16);
  const w = new Worker(code, { eval: true, workerData: { times }, stdout: true, stderr: true });
  let output = '';
  w.stdout.on('data', (c) => (output += c));
  w.stderr.on('data', (c) => (output += c));
  const ready = new Promise((r) => w.once('message', r));
  const exited = new Promise((r) => w.once('exit', r));
  return { w, thread: w.threadId, times: new Float64Array(times), ready, exited, output: () => output };
}
/** The exit's wait in ms, its code and its output, once the worker has exited. */
async function exitOf(x) {
  const code = await x.exited;
  return { waitMs: x.times[1] - x.times[0], code, output: x.output() };
}
/** Tells the workers to spin 50 ms and exit, then blocks the main thread for blockMs; their exits. */
function exitAll(xs, blockMs = 0) {
  for (const x of xs) x.w.postMessage(50);
  const end = performance.now() + blockMs;
  while (performance.now() < end);
  return Promise.all(xs.map(exitOf));
}

const errors = [];
process.on('unhandledRejection', (e) => errors.push(`unhandledRejection: ${e}`));
process.on('uncaughtException', (e) => errors.push(`uncaughtException: ${e}`));
const before = [start(), start()];
await Promise.all(before.map((x) => x.ready));
const pprof = await import(dist);
const result = { version: process.version };
const after = [start(), start(), start()];
const crowd = Array.from({ length: 16 }, start);
await Promise.all([...after, ...crowd].map((x) => x.ready));

const chunks = [];
pprof.startCPUProfile({ write: (c) => chunks.push(c) }, { hz: 1000 });
// Every worker's profile and watch are in place (on a loaded machine 200 ms were not always enough).
await Promise.all([...before, ...after.slice(0, 2), ...crowd].map((x) => watched(x.w)));
// The main thread answers: the exits wait only for the profile to be taken.
result.answered = await exitAll([before[0], after[0]]);
// The main thread is blocked for 1.5 s: the exits give up after their bound.
result.blocked = await exitAll([before[1], after[1]], 1500);
// Sixteen at once.
result.crowd = await exitAll(crowd);
await pprof.stopCPUProfile();
const { gunzipSync } = await import('node:zlib');
const { Profile } = await import('pprof-format');
const profile = Profile.decode(gunzipSync(Buffer.concat(chunks)));
const str = (i) => profile.stringTable.strings[Number(i)];
const threads = new Set();
for (const s of profile.sample)
  for (const l of s.label) if (str(l.key) === 'thread') threads.add(Number(str(l.str)));
result.crowdInProfile = crowd.filter((x) => threads.has(x.thread)).length;
// No profile runs: an exit waits for nothing.
result.stopped = await exitAll([after[2]]);
await new Promise((r) => setTimeout(r, 100));
result.errors = errors;
console.log(JSON.stringify(result));
