// What the label log's async hooks and the V8 profiler each add to bench/overhead.mjs's await-heavy
// workload, labeled, in one process with the variants taking turns (raw hooks and inspector, no package):
// full = hooks like the label log's, beforeOnly = its before alone, empty(Before) = empty hooks,
// prof = the inspector's Profiler at 100 Hz, both = full and prof.
// node bench/hook-split.mjs
import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { Session } from 'node:inspector';
import { cpuUs, handle } from './workload.mjs';

const als = new AsyncLocalStorage();
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
