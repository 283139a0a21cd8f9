// A worker of bench/vs-go.mjs: attaches to the SharedMap in workerData.handle and, for every message
// { n }, waits at a barrier for the other worker, runs n lookups of keys from workerData.keys and answers
// with the nanoseconds its loop took.
import { parentPort, workerData } from 'node:worker_threads';
import { SharedMap } from '../dist/index.js';

const m = SharedMap.from(workerData.handle);
const keys = new Int32Array(workerData.keys);
const gate = new Int32Array(workerData.gate);
const mask = keys.length - 1;
let at = workerData.offset;
let sink = 0;

parentPort.on('message', ({ n, round }) => {
  Atomics.add(gate, 0, 1);
  while (Atomics.load(gate, 0) < 2 * round);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += m.get(keys[at++ & mask]);
  parentPort.postMessage(Number(process.hrtime.bigint() - t0) + (sink === -1 ? 1 : 0));
});
