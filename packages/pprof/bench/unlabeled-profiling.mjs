// Run after `npx tsup`: node bench/unlabeled-profiling.mjs [force]
// Profiling cost in a process that never sets labels: hooks installed lazily (default) or at once (force).
import * as pprof from '../dist/index.js';
import { cpuUs, handle } from './workload.mjs';

const force = process.argv[2] === 'force';
if (force) globalThis[Symbol.for('@gostd/pprof.shared.v1')].labeled = true;
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
