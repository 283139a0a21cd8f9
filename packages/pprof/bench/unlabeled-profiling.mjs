// Run after `npx tsup`: node bench/unlabeled-profiling.mjs [force]
// Profiling cost in a process that never sets labels: hooks installed lazily (default) or at once (force).
import * as pprof from '../dist/index.js';

const force = process.argv[2] === 'force';
if (force) globalThis[Symbol.for('@gostd/pprof.shared.v1')].labeled = true;
let sink = 0;
function work(n) {
  let x = sink | 0;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 1664525) + 1013904223 + i) | 0;
  return x;
}
const cpuUs = (c0) => {
  const c = process.cpuUsage(c0);
  return c.user + c.system;
};
function calibrate(us) {
  let n = 100;
  for (let r = 0; r < 8; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < 2000; i++) sink ^= work(n);
    n = Math.max(1, Math.round((n * us) / (cpuUs(c0) / 2000)));
  }
  return n;
}
const q = calibrate(5);
async function handle(i) {
  sink ^= work(q);
  await Promise.resolve();
  sink ^= work(q);
  await new Promise((r) => queueMicrotask(r));
  sink ^= work(q);
  await null;
  sink ^= work(q);
  return i;
}
async function batch() {
  const ps = [];
  for (let i = 0; i < 64; i++) ps.push(handle(i));
  await Promise.all(ps);
}
async function cpu() {
  const c0 = process.cpuUsage();
  for (let b = 0; b < 40; b++) await batch();
  return cpuUs(c0);
}
for (let i = 0; i < 300; i++) await batch();
const t = { off: [], on: [] };
for (let r = 0; r < 25; r++) {
  t.off.push(await cpu());
  pprof.startCPUProfile({ write: () => true });
  t.on.push(await cpu());
  await pprof.stopCPUProfile();
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(
  force ? 'hooks at once' : 'hooks lazily ',
  'profiling vs not, never labeled:',
  (med(t.on) / med(t.off)).toFixed(3),
  (med(t.off) / 2560).toFixed(2),
  'µs/request',
);
