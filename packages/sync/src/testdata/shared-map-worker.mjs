// A worker for shared-map.worker.test.ts: attaches to the SharedMap in workerData.handle (from the built
// dist, so run `npx tsup` first) and runs one task. `stop` is an Int32Array over a SharedArrayBuffer; tasks
// that loop run until stop[0] becomes 1. Every task posts one result message when it ends. Tasks count the
// operations they complete in progress[0] (a SharedArrayBuffer the test watches): a count that stops moving
// means an operation of the map is spinning, and the test terminates the workers and says so.
import { parentPort, workerData } from 'node:worker_threads';
import { SharedMap } from '../../dist/index.js';

const { handle, task, stopBuffer, progressBuffer } = workerData;
const m = SharedMap.from(handle);
const stop = stopBuffer ? new Int32Array(stopBuffer) : new Int32Array(1);
const progress = progressBuffer ? new Int32Array(progressBuffer) : new Int32Array(1);

/** tick records that one more operation completed. */
function tick() {
  Atomics.add(progress, 0, 1);
}

/** A small deterministic PRNG (xorshift32), seeded per worker. */
function rng(seed) {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

function increment(key) {
  for (let tries = 1; ; tries++) {
    const [v, ok] = m.load(key);
    if (!ok) {
      if (!m.loadOrStore(key, 1)[1]) return tries;
      continue;
    }
    if (m.compareAndSwap(key, v, v + 1)) return tries;
  }
}

const tasks = {
  // CAS-increment each of `keys` n times, round robin.
  increment({ keys, n }) {
    let retries = 0;
    for (let i = 0; i < n; i++) {
      retries += increment(keys[i % keys.length]) - 1;
      tick();
    }
    return { retries };
  },

  // Store and delete keys from [0, span) (values k * round) until stopped; keys >= span are never touched.
  churn({ span, seed }) {
    const r = rng(seed);
    let ops = 0;
    for (let round = 1; Atomics.load(stop, 0) === 0; round++) {
      for (let j = 0; j < 64; j++, ops++) {
        const k = (r() % span) + 1;
        if (r() % 3 === 0) m.delete(k);
        else m.store(k, k * round);
      }
      tick();
    }
    return { ops };
  },

  // Range over the map until stopped; check each key at most once per range, every stable key (span < k <=
  // span + stable) visited, and each value a multiple of its key.
  ranger({ span, stable }) {
    let ranges = 0;
    let bad = 0;
    let missing = 0;
    let twice = 0;
    while (Atomics.load(stop, 0) === 0 || ranges < 3) {
      const seen = new Set();
      m.range((k, v) => {
        if (seen.has(k)) twice++;
        seen.add(k);
        if (typeof v !== 'number' || v % k !== 0) bad++;
        return true;
      });
      for (let k = span + 1; k <= span + stable; k++) if (!seen.has(k)) missing++;
      ranges++;
      tick();
    }
    return { ranges, bad, missing, twice };
  },

  // Load stable keys [0, stable) (value 2k) until stopped (or n loads); count loads that miss or see a wrong
  // value.
  reader({ stable, prefix, n }) {
    let loads = 0;
    let wrong = 0;
    const r = rng(7);
    while (n ? loads < n : Atomics.load(stop, 0) === 0 || loads < 1000) {
      for (let j = 0; j < 256; j++, loads++) {
        const k = r() % stable;
        const [v, ok] = m.load(prefix ? `${prefix}${k}` : k);
        if (!ok || v !== 2 * k) wrong++;
      }
      tick();
    }
    return { loads, wrong };
  },

  // Insert n fresh keys `${prefix}${i}` -> i (the map grows while others read).
  fill({ prefix, n }) {
    for (let i = 0; i < n; i++) {
      m.store(`${prefix}${i}`, i);
      tick();
    }
    return { bytes: m.handle.buffer.byteLength };
  },

  // Store then delete ever-new keys until stopped (or n times); reports the memory in use.
  storeDelete({ prefix, n }) {
    let i = 0;
    for (; i < n && (n !== Infinity || Atomics.load(stop, 0) === 0); i++) {
      const k = `${prefix}${i}`;
      m.store(k, `value ${i}`);
      m.delete(k);
      tick();
    }
    return { ops: i, bytes: m.byteLength };
  },

  // Attach and load (which caches the current table), then wait for stop[0] to become 1 while the test
  // rebuilds the index under it until that table's block comes back as the current table, in the middle of
  // a migration; then write. A writer that trusted its cached table id would spin here forever.
  staleWriter({ n }) {
    m.load('k0');
    parentPort.postMessage({ started: true });
    while (Atomics.load(stop, 0) === 0) {
      Atomics.wait(stop, 0, 0, 100);
      tick();
    }
    for (let i = 0; i < n; i++) {
      m.store(`stale${i}`, i);
      m.delete(`stale${i}`);
      tick();
    }
    m.store('stale', 'written');
    return { ops: n };
  },

  // Everything at once, forever: fresh-key churn (migrations), CAS increments and Uint8Array values; the
  // test terminates this worker at a random moment.
  mayhem({ seed }) {
    const r = rng(seed);
    parentPort.postMessage({ started: true });
    for (let i = 0; ; i++) {
      tick();
      const k = `t${seed}-${r() % 5000}`;
      switch (r() % 6) {
        case 0:
          m.delete(k);
          break;
        case 1:
          increment('ctr');
          break;
        case 2:
          m.store(k, new Uint8Array([i & 255, 1, 2, 3]));
          break;
        case 3:
          m.swap(k, `s${i}`);
          break;
        default:
          m.store(`fresh${seed}-${i}`, i);
          m.delete(`fresh${seed}-${i}`);
      }
    }
  },
};

const fn = tasks[task];
if (!fn) throw new Error(`unknown task ${task}`);
parentPort.postMessage({ done: true, ...fn(workerData) });
