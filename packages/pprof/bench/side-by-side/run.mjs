// Side by side with @pyroscope/nodejs (issue 14, section 3), in one run: the
// same HTTP workload (server.mjs, under load from client.mjs in another
// process) with no profiler, with @gostd/pprof/pyroscope and with
// @pyroscope/nodejs, both pushing to an ingest receiver here. Reports, per
// profiler, the share of the samples in each route's work function that carry
// the right route label, the wrong one or none, and the server's CPU time per
// request against no profiler. Run after `npx tsup`:
//   node bench/side-by-side/run.mjs [rounds=3] [ms=8000] [concurrency=4]
// VARIANTS=none,gostd,pyroscope (the default) picks the variants; gostd-unlabeled (the pusher, requests
// not labeled) and labels-only (do() per request, no profiler) split gostd's overhead.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';

const [rounds = 3, ms = 8000, concurrency = 4] = process.argv.slice(2).map(Number);
const here = new URL('.', import.meta.url).pathname;

// The work of one piece of a request: a fixed number of iterations (about
// 0.25 ms here, measured once), so that CPU time per request shows what a
// profiler adds rather than how long the machine took.
let sink = 0;
function spin(n) {
  let x = sink | 0;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 1664525) + 1013904223 + i) | 0;
  sink = x;
}
// As server.mjs runs it: calls of spin(1000).
function iterations(n) {
  for (let k = 0; k < n; k += 1000) spin(1000);
}
let n = 10_000;
for (let k = 0; k < 6; k++) {
  const c0 = process.cpuUsage();
  for (let r = 0; r < 200; r++) iterations(n);
  const us = (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 200;
  n = Math.max(1000, Math.round((n * 250) / Math.max(us, 1)));
}

// An ingest receiver: keeps the multipart field "profile" of every upload, by app.
const profiles = new Map();
const receiver = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://x');
    const name = (url.searchParams.get('name') ?? '').replace(/\{.*$/, '');
    const boundary = /boundary=([^;]+)/.exec(req.headers['content-type'] ?? '')?.[1];
    if (!boundary) {
      // @pyroscope/nodejs sends the profile as the whole body.
      const list = profiles.get(name) ?? [];
      list.push(Buffer.concat(chunks));
      profiles.set(name, list);
    } else {
      const body = Buffer.concat(chunks);
      const head = body.indexOf('name="profile"');
      if (head >= 0) {
        const start = body.indexOf('\r\n\r\n', head) + 4;
        const end = body.indexOf(`\r\n--${boundary}`, start);
        const list = profiles.get(name) ?? [];
        list.push(body.subarray(start, end));
        profiles.set(name, list);
      }
    }
    res.end('ok');
  });
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const ingest = `http://127.0.0.1:${receiver.address().port}`;

function lines(child) {
  const waiting = [];
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    buf += d;
    let i = buf.indexOf('\n');
    while (i >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.startsWith('{')) waiting.shift()?.(JSON.parse(line));
      i = buf.indexOf('\n');
    }
  });
  return () => new Promise((r) => waiting.push(r));
}

async function runOnce(variant) {
  const server = spawn(process.execPath, [`${here}server.mjs`, variant, ingest, String(n)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const next = lines(server);
  const { port } = await next();
  server.stdin.write('begin\n');
  const begun = await next();
  const client = spawn(
    process.execPath,
    [`${here}client.mjs`, String(port), String(ms), String(concurrency)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const clientDone = lines(client)();
  await clientDone;
  server.stdin.write('stop\n');
  const end = await next();
  await new Promise((r) => server.on('exit', r));
  return { cpuUs: end.cpuUs - begun.cpuUs, served: end.served - begun.served };
}

const known = ['none', 'gostd', 'pyroscope', 'gostd-unlabeled', 'labels-only'];
const variants = [
  'none',
  ...(process.env.VARIANTS ?? 'gostd,pyroscope').split(',').filter((v) => v && v !== 'none'),
];
for (const v of variants)
  if (!known.includes(v)) throw new Error(`VARIANTS: ${v} is not one of ${known.join(', ')}`);
const cpu = new Map(variants.map((v) => [v, []]));
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? variants : [...variants].reverse();
  for (const v of order) {
    const x = await runOnce(v);
    cpu.get(v).push(x.cpuUs / x.served);
    console.error(
      `round ${r + 1} ${v}: ${x.served} requests, ${(x.cpuUs / x.served).toFixed(1)} CPU µs/request`,
    );
  }
}
receiver.close();

function labelShares(list) {
  const want = { route_a_work: '/a', route_b_work: '/b' };
  let right = 0;
  let wrong = 0;
  let none = 0;
  for (const raw of list) {
    const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
    const p = Profile.decode(bytes);
    const s = (i) => p.stringTable.strings[Number(i)] ?? '';
    // @pyroscope/nodejs names functions file:name:line, with the plain name in systemName.
    const fn = new Map(p.function.map((f) => [Number(f.id), s(f.systemName) || s(f.name)]));
    const loc = new Map(
      p.location.map((l) => [Number(l.id), l.line.map((ln) => fn.get(Number(ln.functionId)))]),
    );
    const types = p.sampleType.map((t) => s(t.type));
    if (types.some((t) => t.includes('space'))) continue; // a heap profile
    for (const x of p.sample) {
      const names = x.locationId.flatMap((id) => loc.get(Number(id)) ?? []);
      const w = names.find((n) => n in want);
      if (!w) continue;
      // Samples (value 0 in both profiles); in a work function they are all on CPU.
      const n = Number(x.value[0]);
      const label = x.label.find((l) => s(l.key) === 'route');
      if (!label) none += n;
      else if (s(label.str) === want[w]) right += n;
      else wrong += n;
    }
  }
  const all = right + wrong + none;
  return { right, wrong, none, all };
}

/** The packages a package installs (itself and its dependency closure), their bytes and native files. */
function footprint(name, from) {
  const seen = new Map();
  const visit = (pkg, dir) => {
    let manifest;
    try {
      manifest = createRequire(path.join(dir, 'x.js')).resolve(`${pkg}/package.json`);
    } catch {
      // No "./package.json" export: walk up from the entry point.
      let d = path.dirname(createRequire(path.join(dir, 'x.js')).resolve(pkg));
      while (
        !fs.existsSync(path.join(d, 'package.json')) ||
        JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')).name !== pkg
      )
        d = path.dirname(d);
      manifest = path.join(d, 'package.json');
    }
    const root = path.dirname(manifest);
    if (seen.has(root)) return;
    seen.set(root, pkg);
    const deps = JSON.parse(fs.readFileSync(manifest, 'utf8')).dependencies ?? {};
    for (const d of Object.keys(deps)) visit(d, root);
  };
  visit(name, from);
  let bytes = 0;
  let native = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        bytes += fs.statSync(p).size;
        if (e.name.endsWith('.node')) native++;
      }
    }
  };
  for (const root of seen.keys()) walk(root);
  return { packages: seen.size, bytes, native };
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const base = median(cpu.get('none'));
const pct = (n, d) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
console.log(
  `\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores ${os.cpus()[0]?.model ?? ''}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}; ${rounds} rounds of ${ms} ms, ${concurrency} client loops\n`,
);
const pkgDir = path.join(here, '..', '..');
const feet = { gostd: footprint('pprof-format', pkgDir), pyroscope: footprint('@pyroscope/nodejs', pkgDir) };
const ownBytes = fs
  .readdirSync(path.join(pkgDir, 'dist'))
  .reduce((a, f) => a + fs.statSync(path.join(pkgDir, 'dist', f)).size, 0);
feet.gostd = {
  packages: feet.gostd.packages + 1,
  bytes: feet.gostd.bytes + ownBytes,
  native: feet.gostd.native,
};
const range = (a) => `${Math.min(...a).toFixed(0)}–${Math.max(...a).toFixed(0)}`;
console.log(
  '| profiler | route label right | wrong | none | CPU µs / request, median (range) | overhead vs none | paired rounds: median (min to max) | packages installed | bytes installed | native files |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
console.log(`| none | | | | ${base.toFixed(0)} (${range(cpu.get('none'))}) | | | | | |`);
/** Each round's ratio of variant v to that round's no-profiler run, as "median% (min to max)". */
function paired(v) {
  const r = cpu.get(v).map((x, i) => 100 * (x / cpu.get('none')[i] - 1));
  const f = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
  return `${f(median(r))}% (${f(Math.min(...r))} to ${f(Math.max(...r))})`;
}
for (const [v, app] of [
  ['gostd', 'side.gostd'],
  ['pyroscope', 'side.pyroscope'],
].filter(([v]) => variants.includes(v))) {
  const l = labelShares(profiles.get(app) ?? []);
  const m = median(cpu.get(v));
  console.log(
    `| ${v === 'gostd' ? '@gostd/pprof/pyroscope' : '@pyroscope/nodejs 0.6.4'} | ${pct(l.right, l.all)} of ${l.all} | ${pct(l.wrong, l.all)} | ${pct(l.none, l.all)} | ${m.toFixed(0)} (${range(cpu.get(v))}) | ${pct(m - base, base)} | ${paired(v)} | ${feet[v].packages} | ${(feet[v].bytes / 1e6).toFixed(2)} MB | ${feet[v].native} |`,
  );
}
for (const v of variants.filter((v) => v.includes('-'))) {
  const m = median(cpu.get(v));
  console.log(
    `| ${v} | | | | ${m.toFixed(0)} (${range(cpu.get(v))}) | ${pct(m - base, base)} | ${paired(v)} | | | |`,
  );
}
