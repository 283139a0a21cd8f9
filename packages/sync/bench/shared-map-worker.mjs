// A benchmark worker: attaches to the three maps it is given and runs `n` operations of one kind on one of
// them per message, then answers. Keys are pseudo-random (xorshift32), as in the Go post's benchmark.
import { parentPort, workerData } from 'node:worker_threads';
import NpmSharedMap from 'sharedmap';
import { SharedMap } from '../dist/index.js';
import { MutexMap } from './mutex-map.mjs';

const gostd = SharedMap.from(workerData.gostd);
const gostdStr = SharedMap.from(workerData.gostdStr);
const mutex = new MutexMap(workerData.mutex);
const npm = workerData.npm;
Object.setPrototypeOf(npm, NpmSharedMap.prototype);
const { keySpace, strKeys } = workerData;

let x = workerData.seed | 0 || 1;
let sink = 0;

const runs = {
  'SharedMap store'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const k = (x >>> 0) % keySpace;
      gostd.store(k, k);
    }
  },
  'SharedMap load'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const v = gostd.get((x >>> 0) % keySpace);
      if (v !== undefined) sink += v;
    }
  },
  'SharedMap delete'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      gostd.delete((x >>> 0) % keySpace);
    }
  },
  'mutex map store'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const k = (x >>> 0) % keySpace;
      mutex.store(k, k);
    }
  },
  'mutex map load'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const v = mutex.load((x >>> 0) % keySpace);
      if (v !== undefined) sink += v;
    }
  },
  'mutex map delete'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      mutex.delete((x >>> 0) % keySpace);
    }
  },
  'SharedMap string load'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const v = gostdStr.get(strKeys[(x >>> 0) % strKeys.length]);
      if (v !== undefined) sink += v.length;
    }
  },
  'sharedmap (npm) string load'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const v = npm.get(strKeys[(x >>> 0) % strKeys.length]);
      if (v !== undefined) sink += v.length;
    }
  },
};

parentPort.on('message', ({ id, name, n }) => {
  const t0 = performance.now();
  runs[name](n);
  parentPort.postMessage({ id, ms: performance.now() - t0, sink: sink & 1 });
});
