// A worker for sync.worker.test.ts: attaches to the primitives in workerData (from the built dist, so run
// `npx tsup` first) and runs one task. Every task adds 1 to progress[0] as it goes (the test's watchdog
// terminates workers whose count stops moving) and posts { done: true, ... } when it ends.
import { parentPort, workerData } from 'node:worker_threads';
import { Cond, Mutex, Once, RWMutex, WaitGroup } from '../../dist/index.js';

const { task, progressBuffer, dataBuffer } = workerData;
const progress = new Int32Array(progressBuffer);
/** data is the plain shared memory the task reads and writes (non-atomically where the test says so). */
const data = dataBuffer ? new Int32Array(dataBuffer) : new Int32Array(1);
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function tick() {
  Atomics.add(progress, 0, 1);
}

function sleep(ms) {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** busy does some work that the optimiser cannot remove, to widen a race window. */
function busy(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 31 + i) | 0;
  return x;
}

/** meet waits until `of` workers have arrived at data[at], so that they start at once. */
function meet(at, of) {
  Atomics.add(data, at, 1);
  while (Atomics.load(data, at) < of);
}

/** increment is the non-atomic read-modify-write the lock must protect: a plain read, some work, a plain write. */
function increment() {
  const v = data[0];
  data[2] = busy(8);
  data[0] = v + 1;
}

const tasks = {
  /** Lock around increment n times, with lockSync, lock() or neither (mode 'none', the control). */
  async counter({ mode, n, of }) {
    const mu = workerData.mutex ? Mutex.from(workerData.mutex) : undefined;
    meet(1, of);
    for (let i = 0; i < n; i++) {
      if (mode === 'sync') mu.lockSync();
      else if (mode === 'async') await mu.lock();
      increment();
      if (mode !== 'none') mu.unlock();
      if ((i & 1023) === 0) tick();
    }
    return {};
  },

  /** Hold the mutex and report it, then wait to be terminated. */
  async holdForever() {
    const mu = Mutex.from(workerData.mutex);
    mu.lockSync();
    parentPort.postMessage({ locked: true });
    for (;;) {
      tick();
      sleep(50);
    }
  },

  /** Lock and unlock the mutex in a loop, holding it `holdUs` microseconds each time, until data[3] is 1. */
  async hog({ holdUs, mode }) {
    const mu = Mutex.from(workerData.mutex);
    let n = 0;
    while (Atomics.load(data, 3) === 0) {
      if (mode === 'async') await mu.lock();
      else mu.lockSync();
      const until = performance.now() + holdUs / 1000;
      while (performance.now() < until);
      mu.unlock();
      n++;
      tick();
    }
    return { n };
  },

  /** Take the mutex `n` times with lockSync, sleeping 0.1 ms in between; report how long each took. */
  async fairLocker({ n }) {
    const mu = Mutex.from(workerData.mutex);
    const waits = [];
    for (let i = 0; i < n; i++) {
      sleep(0.1);
      const t = performance.now();
      mu.lockSync();
      waits.push(performance.now() - t);
      mu.unlock();
      tick();
    }
    return { waits };
  },

  /**
   * RWMutex writer: writes the record data[8..8+len) with one value per round, word by word, for at least
   * `rounds` rounds and until the readers have read minReads times (data[5]).
   */
  async writer({ rounds, minReads, len, mode }) {
    const rw = mode === 'none' ? undefined : RWMutex.from(workerData.rwmutex);
    meet(1, workerData.of);
    for (let r = 1; r <= rounds || Atomics.load(data, 5) < minReads; r++) {
      if (mode === 'sync') rw.lockSync();
      else if (mode === 'async') await rw.lock();
      for (let i = 0; i < len; i++) {
        data[8 + i] = r;
        busy(4);
      }
      rw?.unlock();
      tick();
    }
    Atomics.store(data, 3, 1);
    return {};
  },

  /** RWMutex reader: reads the record until the writer is done, counting reads that mix two rounds. */
  async reader({ len, mode }) {
    const rw = mode === 'none' ? undefined : RWMutex.from(workerData.rwmutex);
    meet(1, workerData.of);
    let reads = 0;
    let torn = 0;
    while (Atomics.load(data, 3) === 0) {
      if (mode === 'sync') rw.rLockSync();
      else if (mode === 'async') await rw.rLock();
      const first = data[8];
      for (let i = 1; i < len; i++) {
        if (data[8 + i] !== first) {
          torn++;
          break;
        }
      }
      rw?.rUnlock();
      reads++;
      Atomics.add(data, 5, 1);
      if ((reads & 255) === 0) tick();
    }
    return { reads, torn };
  },

  /** WaitGroup: sleep ms, mark data[8 + id], then done. */
  async wgDone({ id, ms }) {
    const wg = WaitGroup.from(workerData.wg);
    sleep(ms);
    Atomics.store(data, 8 + id, 1);
    tick();
    wg.done();
    return {};
  },

  /** WaitGroup: waitSync, then report which marks were set at that moment. */
  async wgWait({ count }) {
    const wg = WaitGroup.from(workerData.wg);
    parentPort.postMessage({ waiting: true });
    wg.waitSync();
    const marks = [];
    for (let i = 0; i < count; i++) marks.push(Atomics.load(data, 8 + i));
    return { marks };
  },

  /** Once: race once.do(f); f counts its calls in data[4], sleeps, then sets data[5]; report data[5] after do. */
  async onceRace({ of, ms }) {
    const once = Once.from(workerData.once);
    meet(1, of);
    tick();
    once.do(() => {
      Atomics.add(data, 4, 1);
      sleep(ms);
      Atomics.store(data, 5, 1);
    });
    return { sawDone: Atomics.load(data, 5) };
  },

  /**
   * Cond: under the mutex, count this waiter in data[6] and wait (waitSync, or await wait()) until data[7]
   * is set; report what data[7] was when the wait returned, and that the mutex was held then.
   */
  async condWait({ mode }) {
    const mu = Mutex.from(workerData.mutex);
    const c = Cond.from(workerData.cond, mu);
    if (mode === 'async') await mu.lock();
    else mu.lockSync();
    data[6]++;
    tick();
    while (data[7] === 0) {
      if (mode === 'async') await c.wait();
      else c.waitSync();
      tick();
    }
    const held = !mu.tryLock();
    const flag = data[7];
    mu.unlock();
    return { flag, held };
  },
};

tasks[task](workerData)
  .then((r) => parentPort.postMessage({ done: true, ...r }))
  .catch((e) => parentPort.postMessage({ done: true, error: String(e?.stack ?? e) }));
