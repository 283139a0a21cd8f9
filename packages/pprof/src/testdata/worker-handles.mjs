// Run by worker-handles.test.ts under each Node: two workers that never load
// @gostd/pprof spin in two functions in known shares while the main thread
// takes a CPU profile through the built package (and a third, created before
// the package loaded, and a fourth, started by a worker, spin a little); then a profile during which
// one worker exits and another is terminated, back-to-back profiles, and the
// HTTP handler's profile. Writes the first profile to
// argv[2] and prints one JSON line of what happened.
import fs from 'node:fs';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { repliedWatching, watched } from './exit-watch.mjs';

const [, , out, dist] = process.argv;
// A worker created before the package loads (worker-handles.ts never sees it; worker-sessions.ts
// reaches it through the inspector): 2 ms of spin_early every 50 ms.
const early = new Worker(
  `function spin_early() { const end = performance.now() + 2; while (performance.now() < end); }
   setInterval(spin_early, 50);`,
  { eval: true },
);
await new Promise((r) => early.once('online', r));
// Calls of performance.now() per ms of a thread's work, the best of 5 trials: a trial that the scheduler
// interrupts on a loaded machine counts for less, not the rate. The workers that exit mid-profile do a
// fixed amount of work, not work for a time: in a CI run with the other packages' tests beside it, a
// worker that spun for 300 ms of the clock had 10 samples of its work in a profile at 200 Hz, where an
// idle machine gives about 60.
const callsPerMs = `function callsPerMs() {
  let best = 0;
  for (let t = 0; t < 5; t++) {
    const t0 = performance.now();
    for (let i = 0; i < 20000; i++) performance.now();
    const ms = performance.now() - t0;
    if (ms > 0) best = Math.max(best, 20000 / ms);
  }
  return best;
}`;
// Another, which exits by itself mid-profile after 300 ms' work of spin_early_quit when told to: reached
// through the inspector on every Node, its profile is taken as it exits (worker-exits.ts).
const earlyQuits = new Worker(
  `const { parentPort } = require('node:worker_threads');
   ${callsPerMs}
   const perMs = callsPerMs();
   function spin_early_quit(n) { for (let i = 0; i < n; i++) performance.now(); }
   ${repliedWatching}
   parentPort.on('message', (m) => {
     if (repliedWatching(m)) return;
     spin_early_quit(Math.round(300 * perMs));
     process.exit(0);
   });`,
  { eval: true },
);
await new Promise((r) => earlyQuits.once('online', r));
const pprof = await import(dist);
const errors = [];
process.on('unhandledRejection', (e) => errors.push(`unhandledRejection: ${e}`));
process.on('uncaughtException', (e) => errors.push(`uncaughtException: ${e}`));

// Worker k spins in spin_a and spin_b by turns, chunks of about 2 ms and 2k ms
// of the same work (calls of performance.now), so a's true share of the
// thread's CPU time is 1/(1+k) of the work done, whatever the machine's load:
// on a loaded machine a chunk measured by the clock (wall or the thread's CPU
// time, which getrusage counts in scheduler ticks) came out 6 to 18 points off.
// It reports the work each did, and stays (a worker that has exited cannot be
// asked for its profile).
const code = `
const { parentPort, workerData } = require('node:worker_threads');
function spin_a(n) { for (let i = 0; i < n; i++) performance.now(); }
function spin_b(n) { for (let i = 0; i < n; i++) performance.now(); }
${callsPerMs}
spin_a(20000);
spin_b(20000);
// Calls of performance.now() in about 2 ms.
const unit = Math.max(100, Math.round(2 * callsPerMs()));
${repliedWatching}
parentPort.on('message', (ms) => {
  if (repliedWatching(ms)) return;
  const busy = { a: 0, b: 0, clock: 'work' };
  // A worker that quits does ms' worth of work; the others work for ms of the clock.
  const until = performance.now() + ms;
  const calls = ms * (unit / 2);
  const more = () => (workerData.quit ? busy.a + busy.b < calls : performance.now() < until);
  while (more()) {
    spin_a(unit);
    busy.a += unit;
    spin_b(workerData.k * unit);
    busy.b += workerData.k * unit;
  }
  parentPort.postMessage(busy);
  if (workerData.quit) process.exit(0);
});
parentPort.postMessage('ready');
`;

function start(k, name, extra = {}) {
  return new Worker(code, { eval: true, workerData: { k, ...extra }, name });
}
const ready = (w) => new Promise((r) => w.once('message', r));
const spin300 = (w) => {
  w.postMessage(300);
  return ready(w);
};

const result = { version: process.version, api: typeof Worker.prototype.startCpuProfile };
try {
  const names = ['alpha', undefined];
  const workers = names.map((n, i) => start(i + 1, n));
  await Promise.all(workers.map(ready));
  result.threads = workers.map((w) => w.threadId);
  result.early = early.threadId;
  result.earlyQuits = earlyQuits.threadId;
  // A worker started by a worker, neither of which loads the package: the main thread's diagnostics_channel
  // never sees it; its inspector does (worker-sessions.ts). 2 ms of spin_nested every 50 ms.
  const outer = new Worker(
    `const { Worker, parentPort } = require('node:worker_threads');
     const inner = new Worker(
       'function spin_nested() { const end = performance.now() + 2; while (performance.now() < end); }' +
         'setInterval(spin_nested, 50);',
       { eval: true },
     );
     inner.once('online', () => parentPort.postMessage(inner.threadId));`,
    { eval: true },
  );
  result.nested = await new Promise((r) => outer.once('message', r));
  result.outer = outer.threadId;
  result.names = names.map((n) => n ?? '');
  const chunks = [];
  pprof.startCPUProfile({ write: (c) => chunks.push(c) }, { hz: 1000 });
  await new Promise((r) => setTimeout(r, 50)); // the workers' profiles start
  result.truths = await Promise.all(
    workers.map(
      (w) =>
        new Promise((r) => {
          w.once('message', r);
          w.postMessage(3000);
        }),
    ),
  );
  const t0 = performance.now();
  await pprof.stopCPUProfile();
  result.stopMs = performance.now() - t0;
  fs.writeFileSync(out, Buffer.concat(chunks));
  await Promise.all([...workers, outer].map((w) => w.terminate()));

  // Two workers exit by themselves (one created before the package loaded) after 300 ms of work, and one is
  // terminated, while profiled; one stays, and one is started while the profile runs.
  const quits = start(4, 'quits', { quit: true });
  const exited = [quits, earlyQuits].map((w) => new Promise((r) => w.once('exit', r)));
  const killed = start(5, 'killed');
  const stays = start(6, 'stays');
  await Promise.all([quits, killed, stays].map(ready));
  const chunks2 = [];
  pprof.startCPUProfile({ write: (c) => chunks2.push(c) }, { hz: 200 });
  const late = start(7, 'late');
  const ids = {
    quits: quits.threadId,
    earlyQuits: earlyQuits.threadId,
    killed: killed.threadId,
    stays: stays.threadId,
    late: late.threadId,
  };
  await ready(late);
  await Promise.all([quits, earlyQuits].map(watched)); // their profiles and watches are in place
  stays.postMessage(400);
  late.postMessage(400);
  quits.postMessage(300);
  earlyQuits.postMessage('go');
  await new Promise((r) => setTimeout(r, 100));
  await killed.terminate();
  await Promise.all(exited);
  await Promise.all([ready(stays), ready(late)]);
  const t1 = performance.now();
  await pprof.stopCPUProfile();
  result.midStopMs = performance.now() - t1;
  result.mid = { ids, bytes: Buffer.concat(chunks2).toString('base64') };

  // Back to back, as the Pyroscope pusher cuts: the next profile starts
  // before the last one has been collected; each has the workers' samples.
  const cuts = [[], []];
  pprof.startCPUProfile({ write: (c) => cuts[0].push(c) }, { hz: 200 });
  await new Promise((r) => setTimeout(r, 20));
  await Promise.all([stays, late].map(spin300));
  const first = pprof.stopCPUProfile();
  pprof.startCPUProfile({ write: (c) => cuts[1].push(c) }, { hz: 200 });
  await Promise.all([stays, late].map(spin300));
  await first;
  await pprof.stopCPUProfile();
  result.cuts = cuts.map((c) => Buffer.concat(c).toString('base64'));

  // The HTTP handler's profile, as `go tool pprof http://.../debug/pprof/profile` asks for it.
  const { handler } = await import(new URL('http.js', pathToFileURL(dist)).href);
  const server = http.createServer(handler());
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const got = fetch(`http://127.0.0.1:${server.address().port}/debug/pprof/profile?seconds=1`);
  await new Promise((r) => setTimeout(r, 100));
  await Promise.all([stays, late].map(spin300));
  const res = await got;
  result.http = { status: res.status, bytes: Buffer.from(await res.arrayBuffer()).toString('base64') };
  server.close();
  await Promise.all([stays.terminate(), late.terminate(), early.terminate()]);
} catch (e) {
  errors.push(`thrown: ${e?.stack ?? e}`);
}
await new Promise((r) => setTimeout(r, 100));
result.errors = errors;
console.log(JSON.stringify(result));
