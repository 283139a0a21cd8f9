// `npm run bench:go -w @gostd/sync`: Map.load against Go's sync.Map.Load, and SharedMap lookups from 2
// worker_threads against sync.Map.Load from 2 goroutines (bench/vs-go.go, testing.Benchmark), over
// 65,536 int keys on the same pseudo-random key sequence, interleaved over rounds; prints gostd ns/op
// over Go's. Measures the built bundle (run `npx tsup` first; `npm run bench` builds through turbo).
import { Worker } from 'node:worker_threads';
import { report, vsGo } from '@gostd/testing/vs-go';
import { SharedMap, SyncMap } from '../dist/index.js';

const keySpace = 1 << 16;
/** The keys of bench/vs-go.go: xorshift32 from the same seed, modulo keySpace. */
const keyBuffer = new SharedArrayBuffer(4 << 16);
const keys = new Int32Array(keyBuffer);
let x = 0x9e3779b9 | 0;
for (let i = 0; i < keys.length; i++) {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  keys[i] = (x >>> 0) % keySpace;
}
const mask = keys.length - 1;

const map = new SyncMap();
const shared = new SharedMap({ byteLength: 8 << 20 });
for (let k = 0; k < keySpace; k++) {
  map.store(k, k);
  shared.store(k, k);
}

const gate = new SharedArrayBuffer(4);
const workers = [0, 1].map(
  (w) =>
    new Worker(new URL('./vs-go-worker.mjs', import.meta.url), {
      workerData: { handle: shared.handle, keys: keyBuffer, gate, offset: w * 7919 },
    }),
);
let round = 0;
/** n lookups split over the 2 workers, started together; the wall time is the slower worker's loop. */
async function twoWorkers(n) {
  round++;
  const half = Math.max(1, n >> 1);
  const times = await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) => {
          w.once('message', resolve);
          w.postMessage({ n: half, round });
        }),
    ),
  );
  return (Math.max(...times) * n) / (2 * half);
}

let sink = 0;
let at = 0;
const rounds = Number(process.env.ROUNDS ?? 7);
try {
  const rows = await vsGo({
    program: new URL('./vs-go.go', import.meta.url).pathname,
    rounds,
    cases: [
      {
        name: 'Map.load(k), int key, hit',
        go: 'MapLoad',
        goal: 1,
        run(n) {
          for (let i = 0; i < n; i++) sink += map.load(keys[at++ & mask])[0];
        },
      },
      {
        name: 'SharedMap.get(k), int key, 2 workers',
        go: 'MapLoad2',
        goal: 1.5,
        timed: twoWorkers,
      },
    ],
  });
  console.log(report(rows, rounds));
  if (sink === -1) console.log(sink);
} finally {
  await Promise.all(workers.map((w) => w.terminate()));
}
