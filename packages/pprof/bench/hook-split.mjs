// What the label log's async hooks and the V8 profiler each add to bench/overhead.mjs's await-heavy
// workload, labeled, in one process with the variants taking turns (raw hooks and inspector, no package):
// full = hooks like the label log's, beforeOnly = its before alone, empty(Before) = empty hooks,
// prof = the inspector's Profiler at 100 Hz, both = full and prof.
// node bench/hook-split.mjs
import { AsyncLocalStorage, createHook } from 'node:async_hooks';

const als = new AsyncLocalStorage();
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
const stores = [{ a: 1 }, { b: 2 }, { c: 3 }, { d: 4 }];
async function labeled() {
  const ps = [];
  for (let i = 0; i < 64; i++) ps.push(als.run(stores[i & 3], () => handle(i)));
  await Promise.all(ps);
}
let last;
const stack = [];
let depth = 0;
let n = 0;
const full = createHook({
  before() {
    stack[depth++] = last;
    const s = als.getStore();
    if (s !== last) {
      last = s;
      n++;
    }
  },
  after() {
    const s = depth > 0 ? stack[--depth] : undefined;
    if (s !== last) {
      last = s;
      n++;
    }
  },
});
const beforeOnly = createHook({
  before() {
    const s = als.getStore();
    if (s !== last) {
      last = s;
      n++;
    }
  },
});
const empty = createHook({ before() {}, after() {} });
const emptyBefore = createHook({ before() {} });

import { Session } from 'node:inspector';

const sess = new Session();
sess.connect();
const post = (m, p = {}) => sess.post(m, p, () => {});
post('Profiler.enable');
post('Profiler.setSamplingInterval', { interval: 10000 });
const prof = {
  enable() {
    post('Profiler.start');
  },
  disable() {
    post('Profiler.stop');
  },
};
const both = {
  enable() {
    full.enable();
    prof.enable();
  },
  disable() {
    full.disable();
    prof.disable();
  },
};
const variants = { none: null, full, beforeOnly, empty, emptyBefore, prof, both };
const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < 300; i++) await labeled();
for (let r = 0; r < 21; r++)
  for (const [k, h] of Object.entries(variants)) {
    h?.enable();
    const c0 = process.cpuUsage();
    for (let b = 0; b < 40; b++) await labeled();
    times[k].push(cpuUs(c0) / 40 / 64);
    h?.disable();
  }
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const base = med(times.none);
for (const k of Object.keys(times))
  console.log(k.padEnd(12), med(times[k]).toFixed(2), (med(times[k]) / base).toFixed(3));
console.log('label switches seen by the hooks:', n);
