// A worker for shared-map.worker.test.ts: attaches to the SharedMap in workerData.handle (from the built
// dist, so run `npx tsup` first) and runs one task. `stop` is an Int32Array over a SharedArrayBuffer; tasks
// that loop run until stop[0] becomes 1. Every task posts one result message when it ends. Tasks count the
// operations they complete in progress[0] (a SharedArrayBuffer the test watches): a count that stops moving
// means an operation of the map is spinning, and the test terminates the workers and says so.
import { parentPort, workerData } from 'node:worker_threads';
import { SharedMap } from '../../dist/index.js';
import { rng, steadyWork } from './shared-map-steady.mjs';
import { isValueFor, keyOf, sameValue, valueFor } from './shared-map-values.mjs';

const { handle, task, stopBuffer, progressBuffer } = workerData;
const m = SharedMap.from(handle);
const stop = stopBuffer ? new Int32Array(stopBuffer) : new Int32Array(1);
const progress = progressBuffer ? new Int32Array(progressBuffer) : new Int32Array(1);

/** tick records that one more operation completed. */
function tick() {
  Atomics.add(progress, 0, 1);
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

  // A short-lived worker's share of steady work on `keys` keys that stay present: replace values of four
  // sizes (so records of four size classes are freed and reused) and delete and re-store keys, n times.
  shortLived({ keys, n, seed }) {
    parentPort.postMessage({ started: true });
    steadyWork(m, keys, n, seed, tick);
    return { ops: n };
  },

  // Store n keys of this worker's own (`${prefix}${i}` -> a string naming both) while the other workers grow
  // the map and free blocks, reading each back at once and all of them at the end; count the ones missing.
  ownKeys({ prefix, n }) {
    let lost = 0;
    let lostAtEnd = 0;
    for (let i = 0; i < n; i++) {
      const k = `${prefix}${i}`;
      // A first value, replaced at once (its record goes back to the free blocks), and a key stored and
      // deleted: every thread keeps freeing blocks that the others take.
      m.store(k, i);
      m.store(`${k}x`, i);
      m.store(k, `${k}=${i}`);
      m.delete(`${k}x`);
      if (m.get(k) !== `${k}=${i}`) lost++;
      tick();
    }
    for (let i = 0; i < n; i++) if (m.get(`${prefix}${i}`) !== `${prefix}${i}=${i}`) lostAtEnd++;
    return { lost, lostAtEnd };
  },

  // Store `count` values of `bytes` bytes under fresh keys until the map is out of memory; report how many fit.
  bigStores({ count, bytes, prefix }) {
    let stored = 0;
    for (; stored < count; stored++) {
      try {
        m.store(`${prefix}${stored}`, new Uint8Array(bytes));
      } catch (e) {
        if (!String(e).includes('out of memory')) throw e;
        break;
      }
      tick();
    }
    return { stored };
  },

  // Random mixes of every operation on keys 0..keys-1 (ints and strings) with self-describing values, until
  // stopped or terminated. Every value read must be one written for its key (isValueFor); every range must
  // visit no key twice. Out of memory (the map is small) is expected: then the worker deletes a run of keys.
  adversary({ keys, seed, worker }) {
    const r = rng(seed);
    parentPort.postMessage({ started: true });
    let ops = 0;
    let bad = 0;
    let oom = 0;
    let seq = 0;
    const problems = [];
    const check = (k, v, what) => {
      if (!isValueFor(k, v)) {
        bad++;
        if (problems.length < 5) problems.push(`${what}(${String(k)}) -> ${String(v).slice(0, 60)}`);
      }
    };
    while (Atomics.load(stop, 0) === 0) {
      const i = r() % keys;
      const k = keyOf(i);
      const v = valueFor(i, worker, seq++);
      try {
        switch (r() % 20) {
          case 0:
          case 1:
          case 2:
          case 3: {
            const [got, ok] = m.load(k);
            if (ok) check(k, got, 'load');
            break;
          }
          case 4:
          case 5:
          case 6:
            m.store(k, v);
            break;
          case 7: {
            const [got, loaded] = m.loadOrStore(k, v);
            check(k, got, 'loadOrStore');
            if (!loaded && !sameValue(got, v)) check(k, undefined, 'loadOrStore stored');
            break;
          }
          case 8: {
            const [got, loaded] = m.loadAndDelete(k);
            if (loaded) check(k, got, 'loadAndDelete');
            break;
          }
          case 9:
            m.delete(k);
            break;
          case 10:
          case 11: {
            const [got, loaded] = m.swap(k, v);
            if (loaded) check(k, got, 'swap');
            break;
          }
          case 12:
          case 13:
          case 14: {
            const [old, ok] = m.load(k);
            if (ok) {
              check(k, old, 'load for CAS');
              m.compareAndSwap(k, old, v);
            }
            break;
          }
          case 15: {
            const [old, ok] = m.load(k);
            if (ok) m.compareAndDelete(k, old);
            break;
          }
          case 16: {
            const got = m.get(k);
            if (got !== undefined) check(k, got, 'get');
            break;
          }
          case 17:
            if (r() % 8 === 0) {
              const seen = new Set();
              m.range((key, value) => {
                if (seen.has(key)) {
                  bad++;
                  problems.push(`range visited ${String(key)} twice`);
                }
                seen.add(key);
                check(key, value, 'range');
                return r() % 64 !== 0;
              });
            }
            break;
          case 18:
            if (r() % 64 === 0) m.clear();
            break;
          default:
            m.has(k);
        }
      } catch (e) {
        if (!String(e).includes('out of memory')) throw e;
        oom++;
        // Memory pressure: delete a run of keys, then go on filling.
        const from = r() % keys;
        for (let j = 0; j < 64; j++) m.delete(keyOf((from + j) % keys));
      }
      ops++;
      if ((ops & 63) === 0) tick();
    }
    return { ops, bad, oom, problems: problems.join('; ') };
  },

  // Read, write and delete keyOf(i) for i in [from, from + keys) (keys no other thread touches) with small
  // values until stopped, and check every answer against what this worker did last: a load gets exactly the
  // value it wrote last (or nothing after its delete), a swap gives that back, a compareAndSwap from it
  // succeeds, a loadOrStore of a deleted key stores. Deletes need no memory, so they race the thread that
  // moves records even when a full map makes the writes wait. Out of memory is counted (nothing was written).
  pins({ from, keys, seed, worker }) {
    const r = rng(seed);
    parentPort.postMessage({ started: true });
    const last = new Map();
    for (let i = from; i < from + keys; i++) last.set(i, m.load(keyOf(i))[0]);
    let ops = 0;
    let bad = 0;
    let oom = 0;
    let seq = 0;
    const problems = [];
    const expect = (i, got, what) => {
      if (sameValue(got, last.get(i))) return;
      bad++;
      if (problems.length < 5)
        problems.push(`${what}(${String(keyOf(i))}) -> ${String(got)}, wrote ${String(last.get(i))}`);
    };
    while (Atomics.load(stop, 0) === 0) {
      const i = from + (r() % keys);
      const k = keyOf(i);
      // Ints (seq % 4 == 0) and short strings (seq % 4 == 1) only: records of at most 48 bytes.
      seq += 4;
      const v = valueFor(i, worker, seq + (r() % 2));
      try {
        switch (r() % 5) {
          case 0:
            expect(i, m.load(k)[0], 'load');
            break;
          case 1:
            m.store(k, v);
            last.set(i, v);
            break;
          case 2:
            expect(i, m.swap(k, v)[0], 'swap');
            last.set(i, v);
            break;
          case 3: {
            if (last.get(i) === undefined) {
              const [got, loaded] = m.loadOrStore(k, v);
              if (loaded) expect(i, got, 'loadOrStore of a deleted key');
              last.set(i, v);
            } else if (m.compareAndSwap(k, last.get(i), v)) {
              last.set(i, v);
            } else {
              expect(i, Symbol('compareAndSwap failed'), `compareAndSwap (now ${String(m.load(k)[0])})`);
            }
            break;
          }
          default:
            m.delete(k);
            last.set(i, undefined);
        }
      } catch (e) {
        if (!String(e).includes('out of memory')) throw e;
        oom++;
      }
      ops++;
      if ((ops & 63) === 0) tick();
    }
    for (let i = from; i < from + keys; i++) expect(i, m.load(keyOf(i))[0], 'final load');
    return { ops, bad, oom, problems: problems.join('; ') };
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
