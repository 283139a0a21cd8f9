// The baselines of the SharedMap benchmark, as in the Go 1.9 blog post's MyMap (a map guarded by one
// sync.Mutex): a shared open-addressing hash table of int32 keys and float64 values behind ONE lock word.
// Deletion shifts entries back (linear probing without tombstones), so churn needs no cleanup.
//
// Two locks, both on Atomics:
// - 'v8': the mutex of V8's own Atomics article (https://v8.dev/features/atomics, its lockSync and unlock),
//   which is also what small npm lock packages (atomic-lock, @devteks/node-atomics) ship: compareExchange
//   0 -> 1, else Atomics.wait while it is 1; unlock compareExchanges back to 0 and notifies one waiter.
// - 'spin': a tuned futex mutex (Drepper's "Futexes Are Tricky", mutex 3, with 100 tries first): it spins
//   before sleeping and notifies only when someone sleeps, so with tiny critical sections it rarely sleeps.

const LOCK = 0; // v8: 0 free, 1 locked. spin: 0 free, 1 locked, 2 locked with waiters
const COUNT = 1;
const SLOTS = 4; // slot i: words SLOTS + 4i (state: 0 empty, 1 full), +1 key; float64 value at +2..3

/** MutexMap is an int -> number hash map in a SharedArrayBuffer guarded by a single Atomics mutex. */
export class MutexMap {
  /**
   * @param {SharedArrayBuffer | number} bufOrCapacity a buffer from another MutexMap, or a power of two
   * @param {'v8' | 'spin'} kind which lock guards the table (every MutexMap on one buffer must use the same)
   */
  constructor(bufOrCapacity, kind) {
    this.buf =
      typeof bufOrCapacity === 'number' ? new SharedArrayBuffer(16 + 16 * bufOrCapacity) : bufOrCapacity;
    this.w = new Int32Array(this.buf);
    this.f = new Float64Array(this.buf);
    this.mask = (this.w.length - SLOTS) / 4 - 1;
    if (kind !== 'v8' && kind !== 'spin') throw new TypeError(`MutexMap: unknown lock ${kind}`);
    this.spin = kind === 'spin';
  }

  lock() {
    const w = this.w;
    let c = Atomics.compareExchange(w, LOCK, 0, 1);
    if (c === 0) return;
    if (!this.spin) {
      do Atomics.wait(w, LOCK, 1);
      while (Atomics.compareExchange(w, LOCK, 0, 1) !== 0);
      return;
    }
    for (let spin = 0; spin < 100 && c !== 0; spin++) c = Atomics.compareExchange(w, LOCK, 0, 1);
    if (c === 0) return;
    if (c !== 2) c = Atomics.exchange(w, LOCK, 2);
    while (c !== 0) {
      Atomics.wait(w, LOCK, 2);
      c = Atomics.exchange(w, LOCK, 2);
    }
  }

  unlock() {
    if (!this.spin) {
      if (Atomics.compareExchange(this.w, LOCK, 1, 0) !== 1)
        throw new Error('MutexMap: unlock of an unlocked mutex');
      Atomics.notify(this.w, LOCK, 1);
      return;
    }
    if (Atomics.exchange(this.w, LOCK, 0) === 2) Atomics.notify(this.w, LOCK, 1);
  }

  /** find returns the slot holding key, or -1 - (the empty slot where it would go). */
  find(key) {
    const w = this.w;
    const mask = this.mask;
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const at = SLOTS + 4 * i;
      if (w[at] === 0) return -1 - i;
      if (w[at + 1] === key) return i;
      i = (i + 1) & mask;
    }
  }

  store(key, value) {
    this.lock();
    try {
      let i = this.find(key);
      if (i < 0) {
        if (this.w[COUNT] >= (this.mask * 3) >> 2) throw new Error('MutexMap is full');
        i = -1 - i;
        this.w[SLOTS + 4 * i] = 1;
        this.w[SLOTS + 4 * i + 1] = key;
        this.w[COUNT]++;
      }
      this.f[(SLOTS + 4 * i + 2) >> 1] = value;
    } finally {
      this.unlock();
    }
  }

  /** load returns the value for key, or undefined. */
  load(key) {
    this.lock();
    try {
      const i = this.find(key);
      return i < 0 ? undefined : this.f[(SLOTS + 4 * i + 2) >> 1];
    } finally {
      this.unlock();
    }
  }

  delete(key) {
    this.lock();
    try {
      let i = this.find(key);
      if (i < 0) return;
      const w = this.w;
      const mask = this.mask;
      // Backward-shift deletion.
      let j = i;
      for (;;) {
        j = (j + 1) & mask;
        const at = SLOTS + 4 * j;
        if (w[at] === 0) break;
        const home = (Math.imul(w[at + 1], 0x9e3779b1) >>> 0) & mask;
        if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
          w.copyWithin(SLOTS + 4 * i, at, at + 4);
          i = j;
        }
      }
      w[SLOTS + 4 * i] = 0;
      w[COUNT]--;
    } finally {
      this.unlock();
    }
  }

  get size() {
    return this.w[COUNT];
  }
}
