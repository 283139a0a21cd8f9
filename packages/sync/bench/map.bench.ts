// The in-process Map (Go's sync.Map) against the global Map, and against a Map guarded by an async mutex, this
// package's Mutex or async-mutex's (the shape of the seed's table: Go's mutex-guarded map vs sync.Map, store /
// lookup / delete in ns/op).
// Every task does a batch of `batch` operations, so tinybench's per-call overhead does not swamp a hash
// lookup: ns/op = (mean time of one task) / batch.
import { Mutex } from 'async-mutex';
import { bench, describe } from 'vitest';
import { Mutex as GoMutex, SyncMap } from '../src/index';

const batch = 1024;
const keySpace = 1 << 16;

/** Pseudo-random keys in [0, keySpace), like the seed's r.Intn, fixed so every peer sees the same ones. */
function randomKeys(n: number, seed: number): Int32Array {
  const out = new Int32Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x >>> 0) % keySpace;
  }
  return out;
}

const keys = randomKeys(batch * 64, 0x9e3779b9);
let round = 0;
/** The offset of the next batch of keys, rotating through the key table. */
function next(): number {
  round = (round + 1) & 63;
  return round * batch;
}

let sink = 0;

function filledNative(): Map<number, number> {
  const m = new Map<number, number>();
  for (let k = 0; k < keySpace; k++) m.set(k, k);
  return m;
}
function filledSync(): SyncMap<number, number> {
  const m = new SyncMap<number, number>();
  for (let k = 0; k < keySpace; k++) m.store(k, k);
  return m;
}

const native = filledNative();
const sync = filledSync();
const opts = { time: 1000, warmupTime: 300 };

describe(`get: ${batch} hits`, () => {
  bench(
    'Map.get',
    () => {
      const o = next();
      let s = 0;
      for (let i = 0; i < batch; i++) s += native.get(keys[o + i] as number) as number;
      sink += s;
    },
    opts,
  );
  bench(
    'SyncMap.get',
    () => {
      const o = next();
      let s = 0;
      for (let i = 0; i < batch; i++) s += sync.get(keys[o + i] as number) as number;
      sink += s;
    },
    opts,
  );
});

describe(`has: ${batch} hits`, () => {
  bench(
    'Map.has',
    () => {
      const o = next();
      let s = 0;
      for (let i = 0; i < batch; i++) if (native.has(keys[o + i] as number)) s++;
      sink += s;
    },
    opts,
  );
  bench(
    'SyncMap.has',
    () => {
      const o = next();
      let s = 0;
      for (let i = 0; i < batch; i++) if (sync.has(keys[o + i] as number)) s++;
      sink += s;
    },
    opts,
  );
});

/** The naive way to get Go's (value, ok) from a Map: a tuple of get and has. */
function naiveLoad(m: Map<number, number>, k: number): [number | undefined, boolean] {
  return [m.get(k), m.has(k)];
}

describe(`load: ${batch} hits, value and ok used`, () => {
  bench(
    'Map.get',
    () => {
      const o = next();
      let s = 0;
      for (let i = 0; i < batch; i++) {
        const v = native.get(keys[o + i] as number);
        if (v !== undefined) s += v;
      }
      sink += s;
    },
    opts,
  );
  bench(
    'SyncMap.load',
    () => {
      const o = next();
      let s = 0;
      for (let i = 0; i < batch; i++) {
        const [v, ok] = sync.load(keys[o + i] as number);
        if (ok) s += v as number;
      }
      sink += s;
    },
    opts,
  );
  bench(
    'naive [Map.get, Map.has] tuple',
    () => {
      const o = next();
      let s = 0;
      for (let i = 0; i < batch; i++) {
        const [v, ok] = naiveLoad(native, keys[o + i] as number);
        if (ok) s += v as number;
      }
      sink += s;
    },
    opts,
  );
});

describe(`store: ${batch} overwrites`, () => {
  bench(
    'Map.set',
    () => {
      const o = next();
      for (let i = 0; i < batch; i++) {
        const k = keys[o + i] as number;
        native.set(k, k);
      }
    },
    opts,
  );
  bench(
    'SyncMap.store',
    () => {
      const o = next();
      for (let i = 0; i < batch; i++) {
        const k = keys[o + i] as number;
        sync.store(k, k);
      }
    },
    opts,
  );
});

// Each task deletes `batch` distinct present keys and stores them back, so both paths that change the key set
// (a new key, and a delete) are measured; ns/op is per delete + store pair.
const churnKeys = Int32Array.from({ length: batch }, (_, i) => i * 61);
describe(`delete + store back: ${batch} present keys`, () => {
  bench(
    'Map.delete + Map.set',
    () => {
      for (let i = 0; i < batch; i++) native.delete(churnKeys[i] as number);
      for (let i = 0; i < batch; i++) {
        const k = churnKeys[i] as number;
        native.set(k, k);
      }
    },
    opts,
  );
  bench(
    'SyncMap.delete + SyncMap.store',
    () => {
      for (let i = 0; i < batch; i++) sync.delete(churnKeys[i] as number);
      for (let i = 0; i < batch; i++) {
        const k = churnKeys[i] as number;
        sync.store(k, k);
      }
    },
    opts,
  );
});

const small = new Map<number, number>();
const smallSync = new SyncMap<number, number>();
for (let k = 0; k < 1024; k++) {
  small.set(k, k);
  smallSync.store(k, k);
}
let total = 0;
function add(_k: number, v: number): boolean {
  total += v;
  return true;
}
function addNative(v: number): void {
  total += v;
}

describe('range over 1024 keys', () => {
  bench(
    'Map.forEach',
    () => {
      small.forEach(addNative);
    },
    opts,
  );
  bench(
    'for of Map',
    () => {
      for (const [, v] of small) total += v;
    },
    opts,
  );
  bench(
    'SyncMap.range',
    () => {
      smallSync.range(add);
    },
    opts,
  );
  bench(
    'for of SyncMap',
    () => {
      for (const [, v] of smallSync) total += v;
    },
    opts,
  );
});

// The seed's table: store, lookup and delete on random keys (Go: k := r.Intn(...)), `batch` operations per
// task. Go's benchmark ran 4 goroutines (RunParallel on 4 cores); here each mutex-guarded Map runs 4 async
// tasks of batch/4 operations each, every operation taking and releasing the lock (this package's Mutex, as
// Go's map + sync.Mutex does; or async-mutex's runExclusive), and the other peers run the batch in one
// synchronous loop (a JavaScript thread has nothing to run them in parallel with).
const mutex = new Mutex();
const goMutex = new GoMutex();
const guarded = filledNative();
const guardedGo = filledNative();
const seedMap = filledSync();
const plain = filledNative();
const tasks = 4;
const perTask = batch / tasks;

/** Locked runs f holding a lock. */
type Locked = (f: () => void) => Promise<void>;
const withAsyncMutex: Locked = (f) => mutex.runExclusive(f);
const withGoMutex: Locked = async (f) => {
  await goMutex.lock();
  try {
    f();
  } finally {
    goMutex.unlock();
  }
};

async function guardedTasks(locked: Locked, op: (k: number) => void): Promise<void> {
  const o = next();
  const work: Promise<void>[] = [];
  for (let t = 0; t < tasks; t++) {
    work.push(
      (async () => {
        for (let i = 0; i < perTask; i++) {
          const k = keys[o + t * perTask + i] as number;
          await locked(() => op(k));
        }
      })(),
    );
  }
  await Promise.all(work);
}

describe(`seed table: store, ${batch} random keys`, () => {
  bench('Map + Mutex (@gostd/sync)', () => guardedTasks(withGoMutex, (k) => void guardedGo.set(k, k)), opts);
  bench('Map + async-mutex', () => guardedTasks(withAsyncMutex, (k) => void guarded.set(k, k)), opts);
  bench(
    'SyncMap.store',
    () => {
      const o = next();
      for (let i = 0; i < batch; i++) {
        const k = keys[o + i] as number;
        seedMap.store(k, k);
      }
    },
    opts,
  );
  bench(
    'Map.set (unguarded)',
    () => {
      const o = next();
      for (let i = 0; i < batch; i++) {
        const k = keys[o + i] as number;
        plain.set(k, k);
      }
    },
    opts,
  );
});

describe(`seed table: lookup, ${batch} random keys`, () => {
  bench(
    'Map + Mutex (@gostd/sync)',
    () =>
      guardedTasks(withGoMutex, (k) => {
        sink += guardedGo.get(k) ?? -1;
      }),
    opts,
  );
  bench(
    'Map + async-mutex',
    () =>
      guardedTasks(withAsyncMutex, (k) => {
        sink += guarded.get(k) ?? -1;
      }),
    opts,
  );
  bench(
    'SyncMap.load',
    () => {
      const o = next();
      let s = 0;
      for (let i = 0; i < batch; i++) {
        const [v, ok] = seedMap.load(keys[o + i] as number);
        s += ok ? (v as number) : -1;
      }
      sink += s;
    },
    opts,
  );
  bench(
    'Map.get (unguarded)',
    () => {
      const o = next();
      let s = 0;
      for (let i = 0; i < batch; i++) s += plain.get(keys[o + i] as number) ?? -1;
      sink += s;
    },
    opts,
  );
});

// As in the seed, most deletes after the first round find no key (the keys are not stored back).
describe(`seed table: delete, ${batch} random keys`, () => {
  bench(
    'Map + Mutex (@gostd/sync)',
    () =>
      guardedTasks(withGoMutex, (k) => {
        if (guardedGo.has(k)) guardedGo.delete(k);
      }),
    opts,
  );
  bench(
    'Map + async-mutex',
    () =>
      guardedTasks(withAsyncMutex, (k) => {
        if (guarded.has(k)) guarded.delete(k);
      }),
    opts,
  );
  bench(
    'SyncMap.delete',
    () => {
      const o = next();
      for (let i = 0; i < batch; i++) seedMap.delete(keys[o + i] as number);
    },
    opts,
  );
  bench(
    'Map.delete (unguarded)',
    () => {
      const o = next();
      for (let i = 0; i < batch; i++) plain.delete(keys[o + i] as number);
    },
    opts,
  );
});

export { sink, total };
