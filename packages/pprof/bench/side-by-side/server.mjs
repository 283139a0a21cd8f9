// The side-by-side workload's server: routes that do CPU work between awaits
// of real I/O, every request labeled by its route, under one of three
// profilers: none, @gostd/pprof/pyroscope, @pyroscope/nodejs (and two variants that split gostd's
// cost: gostd-unlabeled, labels-only). Prints its port,
// then on "stop" (stdin) stops the profiler and prints its CPU time and count.
import fs from 'node:fs/promises';
import http from 'node:http';

const [variant, ingest, pieceIterations] = process.argv.slice(2);
let wrap = (_route, fn) => fn();
let stop = async () => {};
if (variant === 'gostd') {
  const pprof = await import('../../dist/index.js');
  const { start } = await import('../../dist/pyroscope.js');
  const p = start({ applicationName: 'side.gostd', serverAddress: ingest }); // defaults: 15 s, CPU and heap
  wrap = (route, fn) => pprof.do(pprof.labels('route', route), fn);
  stop = () => p.stop();
} else if (variant === 'gostd-unlabeled') {
  // To split the cost (VARIANTS in run.mjs): the pusher with requests that set no labels ...
  const { start } = await import('../../dist/pyroscope.js');
  const p = start({ applicationName: 'side.gostd-unlabeled', serverAddress: ingest });
  stop = () => p.stop();
} else if (variant === 'labels-only') {
  // ... and labeled requests with no profiler.
  const pprof = await import('../../dist/index.js');
  wrap = (route, fn) => pprof.do(pprof.labels('route', route), fn);
} else if (variant === 'pyroscope') {
  const Pyroscope = (await import('@pyroscope/nodejs')).default;
  Pyroscope.init({ appName: 'side.pyroscope', serverAddress: ingest }); // defaults
  Pyroscope.start();
  // wrapWithLabels calls fn synchronously and restores the labels when it returns.
  wrap = (route, fn) => {
    let out;
    Pyroscope.wrapWithLabels({ route }, () => {
      out = fn();
    });
    return out;
  };
  stop = () => Pyroscope.stop();
}

// A piece of work is a fixed number of iterations (the parent measured how
// many take about 0.25 ms): /b does three times the work of /a.
const piece = Number(pieceIterations);
let sink = 0;
function spin(n) {
  let x = sink | 0;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 1664525) + 1013904223 + i) | 0;
  sink = x;
}
// The work runs as calls of spin(1000) so that spin is called often: with one long call per piece,
// Node 24's V8 compiled the route functions with spin inlined at its middle tier (Maglev), marked spin
// for its top tier and never compiled it there (spin was no longer called on its own), and every request
// cost about 7 ms of CPU instead of about 1.6 (2026-12-07, `--trace-opt`).
function route_a_work(n) {
  for (let k = 0; k < n; k += 1000) spin(1000);
}
function route_b_work(n) {
  for (let k = 0; k < n; k += 1000) spin(1000);
}
const routes = { '/a': [route_a_work, piece], '/b': [route_b_work, 3 * piece] };
// Warm the work up with short calls before any request. Otherwise V8 optimizes spin during its
// first long call, before the function has type feedback for its first line (the feedback vector
// comes after a few calls), deoptimizes it at the first request ("Insufficient type feedback for
// binary operation") and in some processes ran it about 3.5 times slower from then on: a second
// mode of ~6 ms instead of ~1.8 ms of CPU per request, whatever the profiler.
for (let i = 0; i < 2000; i++) (i % 2 === 0 ? route_a_work : route_b_work)(4);
let served = 0;
const self = new URL(import.meta.url).pathname;

const server = http.createServer((req, res) => {
  const r = routes[req.url];
  if (!r) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const [work, ms] = r;
  wrap(req.url, async () => {
    work(ms);
    await fs.stat(self); // I/O between pieces of CPU work
    work(ms);
    await new Promise((ok) => setTimeout(ok, 1));
    work(ms);
    served++;
    res.end('ok');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
process.stdin.setEncoding('utf8');
process.stdin.on('data', async (d) => {
  if (d.includes('begin')) {
    const c = process.cpuUsage();
    console.log(JSON.stringify({ cpuUs: c.user + c.system, served }));
    return;
  }
  if (!d.includes('stop')) return;
  const cpu = process.cpuUsage();
  const n = served;
  await stop();
  console.log(JSON.stringify({ cpuUs: cpu.user + cpu.system, served: n }));
  process.exit(0);
});
