// A benchmark worker: attaches to the maps it is given and runs `n` operations of one kind on one of
// them per message, then answers. Keys are pseudo-random (xorshift32), as in the Go post's benchmark.
import { parentPort, workerData } from 'node:worker_threads';
import NpmSharedMap from 'sharedmap';
import { SharedMap } from '../dist/index.js';
import { MutexMap } from './mutex-map.mjs';

const gostd = SharedMap.from(workerData.gostd);
const gostdStr = SharedMap.from(workerData.gostdStr);
const mutexV8 = new MutexMap(workerData.mutexV8, 'v8');
const mutexSpin = new MutexMap(workerData.mutexSpin, 'spin');
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
  'mutex map (V8 lock) store'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const k = (x >>> 0) % keySpace;
      mutexV8.store(k, k);
    }
  },
  'mutex map (V8 lock) load'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const v = mutexV8.load((x >>> 0) % keySpace);
      if (v !== undefined) sink += v;
    }
  },
  'mutex map (V8 lock) delete'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      mutexV8.delete((x >>> 0) % keySpace);
    }
  },
  'mutex map (spin lock) store'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const k = (x >>> 0) % keySpace;
      mutexSpin.store(k, k);
    }
  },
  'mutex map (spin lock) load'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const v = mutexSpin.load((x >>> 0) % keySpace);
      if (v !== undefined) sink += v;
    }
  },
  'mutex map (spin lock) delete'(n) {
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      mutexSpin.delete((x >>> 0) % keySpace);
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
