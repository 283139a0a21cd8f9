// A benchmark worker for mutex.bench.ts: per message, takes and releases one lock `n` times around a
// non-atomic increment of a shared counter, and answers with the time it took. The locks:
// - 'Mutex.lockSync' and 'Mutex.lock': this package's Mutex (blocking, and awaited);
// - 'spin lock': the plain Atomics.compareExchange spin lock (retry until 0 -> 1 succeeds; unlock stores 0);
// - 'V8 lock' and 'futex lock': the two locks of the SharedMap benchmark's mutex map (mutex-map.mjs).
import { parentPort, workerData } from 'node:worker_threads';
import { Mutex } from '../dist/index.js';
import { MutexMap } from './mutex-map.mjs';

const counter = new Int32Array(workerData.counter);
const mu = Mutex.from(workerData.mutex);
const spin = new Int32Array(workerData.spin);
const v8 = new MutexMap(workerData.v8, 'v8');
const futex = new MutexMap(workerData.futex, 'spin');

const runs = {
  'Mutex.lockSync'(n) {
    for (let i = 0; i < n; i++) {
      mu.lockSync();
      counter[0]++;
      mu.unlock();
    }
  },
  async 'Mutex.lock'(n) {
    for (let i = 0; i < n; i++) {
      await mu.lock();
      counter[0]++;
      mu.unlock();
    }
  },
  'spin lock'(n) {
    for (let i = 0; i < n; i++) {
      while (Atomics.compareExchange(spin, 0, 0, 1) !== 0);
      counter[0]++;
      Atomics.store(spin, 0, 0);
    }
  },
  'V8 lock'(n) {
    for (let i = 0; i < n; i++) {
      v8.lock();
      counter[0]++;
      v8.unlock();
    }
  },
  'futex lock'(n) {
    for (let i = 0; i < n; i++) {
      futex.lock();
      counter[0]++;
      futex.unlock();
    }
  },
};

parentPort.on('message', async ({ id, name, n }) => {
  const t = performance.now();
  await runs[name](n);
  parentPort.postMessage({ id, ms: performance.now() - t });
});
