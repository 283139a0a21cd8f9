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

/**
 * mutexRuns returns the store, load and delete runs of a mutex map. Both mutex maps are MutexMaps, so one
 * copy of the loops serves both without making their call sites see another class.
 */
function mutexRuns(name, m) {
  return {
    [`${name} store`](n) {
      for (let i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        const k = (x >>> 0) % keySpace;
        m.store(k, k);
      }
    },
    [`${name} load`](n) {
      for (let i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        const v = m.load((x >>> 0) % keySpace);
        if (v !== undefined) sink += v;
      }
    },
    [`${name} delete`](n) {
      for (let i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        m.delete((x >>> 0) % keySpace);
      }
    },
  };
}

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
  ...mutexRuns('mutex map (V8 lock)', mutexV8),
  ...mutexRuns('mutex map (spin lock)', mutexSpin),
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
