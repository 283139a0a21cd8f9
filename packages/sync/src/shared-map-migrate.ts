// How a SharedMap's index grows and sheds its deleted keys: entries move to a new table the way Cliff Click's
// non-blocking hash map moves them, a chunk at a time, by whichever writers pass by (Go's swiss map grows in
// src/internal/runtime/maps/map.go). Also the last resort of a full map: reclaim.
import { home, MaxKeyBytes } from './shared-codec';
import { H_COUNT, H_CURRENT, H_TOMBSTONE, type Heap, pack } from './shared-heap';
import type { Reader } from './shared-map-read';
import {
  CHUNK,
  DEL,
  DONE,
  FOLLOWED,
  followNext,
  MIN_LOG,
  newTable,
  PENDING,
  readCurrent,
  SEAL,
  slotWord,
  T_COPY,
  T_LOG,
  T_NEXT,
  T_PREV,
  T_RETRY,
  T_RETRY_LIVE,
  T_SLOTS,
  T_USED,
  TablePair,
  unitOf,
  withUnit,
} from './shared-map-table';

/** MAX_KEY_WORDS is the most words a key takes. */
const MAX_KEY_WORDS = (MaxKeyBytes + 3) >> 2;

/** isOutOfMemory reports whether e is the error a SharedMap throws when its memory is full. */
export function isOutOfMemory(e: unknown): boolean {
  return e instanceof RangeError && e.message.startsWith('sync: SharedMap is out of memory');
}

/**
 * softly runs f, which may start a migration, ignoring running out of memory: the current table keeps
 * working, and a write that truly needs room throws the error itself.
 */
export function softly(f: () => void): void {
  try {
    f();
  } catch (e) {
    if (!isOutOfMemory(e)) throw e;
  }
}

/** Migration is one thread's part in moving a map's entries from table to table. */
export class Migration {
  /** heap is the map's memory as this thread sees it. */
  private readonly heap: Heap;
  /** reader compares a record's key with the key in the codec (migrateKey moves that key first). */
  private readonly reader: Reader;
  /** keyScratch holds the key of a record being moved. */
  private keyScratch = new Int32Array(16);
  /** pair is scratch for reading a table and its id. */
  private readonly pair = new TablePair();

  constructor(heap: Heap, reader: Reader) {
    this.heap = heap;
    this.reader = reader;
  }

  /**
   * reclaim makes room after an allocation ran out of memory: it rebuilds the index without its deleted
   * keys (which frees their records) when it holds any, then merges free record blocks (see Heap.coalesce).
   */
  reclaim(): void {
    let tombstoned = false;
    for (let round = 0; round < 4; round++) {
      readCurrent(this.heap, this.pair);
      const t = this.pair.table;
      const id = this.pair.id;
      const w = this.heap.w;
      const next = Atomics.load(w, t + T_NEXT);
      if (next === 0) {
        if (Atomics.load(w, t + T_USED) <= Math.max(0, Atomics.load(w, H_COUNT))) break;
        softly(() => this.startMigration(t, id));
        if (Atomics.load(this.heap.w, t + T_NEXT) === 0) {
          // No room even for the new index: free the deleted keys' records in place first.
          if (tombstoned) break;
          this.tombstone(t, id);
          this.heap.coalesce();
          tombstoned = true;
          continue;
        }
      }
      softly(() => this.finishAll());
    }
    this.heap.coalesce();
  }

  /**
   * tombstone frees the records of the deleted keys in table t, pointing their slots at the tombstone record
   * instead (which matches no key, so probes step over it as before). Each slot changes by one
   * compare-exchange that expects it deleted and not sealed, so a writer reviving the key, or a migration
   * sealing the slot, wins or loses cleanly against it.
   */
  tombstone(t: number, id: number): void {
    const heap = this.heap;
    const tomb = H_TOMBSTONE >>> 2;
    const cap = 1 << Atomics.load(heap.w, t + T_LOG);
    for (let i = 0; i < cap; i++) {
      const si = (t + T_SLOTS + 2 * i) >> 1;
      const s = Atomics.load(heap.b, si);
      if (Atomics.load(heap.w, t) !== id) return;
      const lo = Number(BigInt.asIntN(32, s));
      const unit = unitOf(lo);
      if ((lo & (DEL | SEAL | DONE)) !== DEL || unit === tomb || unit === 0) continue;
      const next = pack(heap.stamp(), withUnit(lo, tomb));
      if (Atomics.compareExchange(heap.b, si, s, next) === s) heap.freeRecord(unit << 2);
    }
  }

  /**
   * startMigration marks t as moving (next = PENDING, which stops new inserts into t) and links a new table.
   * Counting the live entries only after PENDING bounds what the new table must take.
   */
  startMigration(t: number, id: number): void {
    const w = this.heap.w;
    if (Atomics.load(w, H_CURRENT) !== t || Atomics.load(w, t + T_NEXT) !== 0) return;
    const idle = pack(0, id);
    if (Atomics.compareExchange(this.heap.b, t >> 1, idle, pack(PENDING, id)) !== idle) return;
    this.installNext(t, id);
  }

  /**
   * installNext links a new table with at least twice as many slots as live entries (plus 64) as t's next.
   * New keys go into a table that is still being filled only up to 3/8 of it, so the copies always fit.
   */
  installNext(t: number, id: number): void {
    const live = Math.max(0, Atomics.load(this.heap.w, H_COUNT));
    let log = MIN_LOG;
    while (1 << log < 2 * live + 64) log++;
    let nx: number;
    try {
      nx = newTable(this.heap, log);
    } catch (e) {
      // Out of memory: t stays current (and keeps serving every write that needs no new slot). Inserts try
      // again once 1/64 of t's slots more are used (a full t tries at once: see Writer.mutate), deletions
      // once 1/64 of its slots fewer are live (the new table they want is smaller).
      const w = this.heap.w;
      const step = Math.max(1, (1 << Atomics.load(w, t + T_LOG)) >> 6);
      Atomics.store(w, t + T_RETRY, Atomics.load(w, t + T_USED) + step);
      Atomics.store(w, t + T_RETRY_LIVE, live - step);
      Atomics.compareExchange(this.heap.b, t >> 1, pack(PENDING, id), pack(0, id));
      throw e;
    }
    const w = this.heap.w;
    Atomics.store(w, nx + T_PREV, id);
    const pending = pack(PENDING, id);
    if (Atomics.compareExchange(this.heap.b, t >> 1, pending, pack(nx, id)) !== pending) {
      Atomics.store(w, nx, 0);
      this.heap.freeTable(nx, log);
    }
  }

  /** finishAll completes the migration of the current table, if one is under way. */
  finishAll(): void {
    const pair = this.pair;
    readCurrent(this.heap, pair);
    const t = pair.table;
    const id = pair.id;
    const step = followNext(this.heap, t, id, pair);
    if (step === PENDING) softly(() => this.installNext(t, id));
    else if (step === FOLLOWED) this.sweep(t, id, pair.table, pair.id);
  }

  /** helpMigrate copies one chunk of t into nx; the taker of the last chunk sweeps and finishes. */
  helpMigrate(t: number, id: number, nx: number, nid: number): boolean {
    const w = this.heap.w;
    const cap = 1 << Atomics.load(w, t + T_LOG);
    const start = Atomics.add(w, t + T_COPY, CHUNK);
    if (start < cap) {
      const end = Math.min(cap, start + CHUNK);
      for (let i = start; i < end; i++) if (!this.migrateSlot(t, id, nx, nid, i)) return false;
      if (end < cap) return true;
    }
    return this.sweep(t, id, nx, nid);
  }

  /** sweep makes sure every slot of t is DONE, then makes nx current and frees t. */
  sweep(t: number, id: number, nx: number, nid: number): boolean {
    const cap = 1 << Atomics.load(this.heap.w, t + T_LOG);
    for (let i = 0; i < cap; i++) if (!this.migrateSlot(t, id, nx, nid, i)) return false;
    return this.promote(t, id, nx, nid);
  }

  /**
   * promote makes nx (id nid), into which every slot of t (id id) has moved, the current table in t's place,
   * then retires and frees t. It is one compare-exchange of (table, id): a sweeper paused just before it, while
   * t was retired and its block came back as a newer current table, fails instead of retiring that table.
   * It returns false when t is still alive and not current (only a migration's target is).
   */
  promote(t: number, id: number, nx: number, nid: number): boolean {
    const w = this.heap.w;
    const log = Atomics.load(w, t + T_LOG);
    const cur = pack(id, t);
    if (Atomics.compareExchange(this.heap.b, H_CURRENT >> 1, cur, pack(nid, nx)) !== cur) {
      return Atomics.load(w, t) !== id;
    }
    // We retired t: anyone still inside it sees id 0 and starts over, so its memory can be reused. Its live
    // records moved to nx, and its deleted keys' records were freed as their slots were sealed.
    Atomics.store(w, t, 0);
    this.heap.freeTable(t, log);
    return true;
  }

  /** migrateKey makes sure the slot for c.k* in t (or the empty slot ending its probe) is DONE. */
  migrateKey(t: number, id: number, nx: number, nid: number): boolean {
    const heap = this.heap;
    const w = heap.w;
    const mask = (1 << Atomics.load(w, t + T_LOG)) - 1;
    let i = home(this.reader.codec.kHash, mask);
    for (let n = 0; n <= mask; ) {
      const s = t + T_SLOTS + 2 * i;
      const hi = Atomics.load(w, s + 1);
      const lo = Atomics.load(w, s);
      if (Atomics.load(w, s + 1) !== hi) continue;
      // A DONE slot's record may have been freed and reused since it moved (see probeRead): step over it.
      // If it held the key, the probe ends at an empty slot, and sealing that is all there is to do. A DONE
      // slot that was empty ends the probe itself: it is sealed already (stepping over it scanned the moved
      // part of t to its end on every write: 10-12 µs a store while 100,000 int keys were inserted).
      if (lo & DONE) {
        if (unitOf(lo) === 0) return Atomics.load(w, t) === id;
        i = (i + 1) & mask;
        n++;
        continue;
      }
      const unit = unitOf(lo);
      if (unit !== 0 && !heap.covers((unit << 2) + 8)) return false;
      if (unit === 0 || this.reader.keyAt(unit << 2)) {
        if (Atomics.load(w, s + 1) !== hi) continue;
        return this.migrateSlot(t, id, nx, nid, i);
      }
      if (Atomics.load(w, s + 1) !== hi) continue;
      i = (i + 1) & mask;
      n++;
    }
    return Atomics.load(w, t) === id;
  }

  /** migrateSlot seals slot i of t and copies its entry into nx, until the slot is DONE; false if t died. */
  migrateSlot(t: number, id: number, nx: number, nid: number, i: number): boolean {
    const heap = this.heap;
    const si = (t + T_SLOTS + 2 * i) >> 1;
    for (;;) {
      const b = heap.b;
      const s = Atomics.load(b, si);
      if (Atomics.load(heap.w, t) !== id) return false;
      const lo = Number(BigInt.asIntN(32, s));
      if (lo & DONE) return true;
      const unit = unitOf(lo);
      if ((lo & SEAL) === 0) {
        // Seal it; an empty slot or a deleted key has nothing to copy, so it is DONE at once. A deleted key's
        // record is given back here, by the thread whose compare-exchange points the slot at the tombstone
        // instead, not when the table is retired: a worker terminated in the middle of freeing a whole table's
        // deleted records took all the rest with it (hundreds of KiB in the adversary test).
        if (lo & DEL && unit !== 0) {
          const gone = withUnit(lo, H_TOMBSTONE >>> 2) | SEAL | DONE;
          if (Atomics.compareExchange(b, si, s, pack(heap.stamp(), gone)) === s) heap.freeRecord(unit << 2);
          continue;
        }
        const sealed = lo | SEAL | (unit === 0 ? DONE : 0);
        Atomics.compareExchange(b, si, s, pack(heap.stamp(), sealed));
        continue;
      }
      if (this.copyInto(t, id, si, s, unit << 2, nx, nid) < 0) return false;
      Atomics.compareExchange(heap.b, si, s, pack(heap.stamp(), lo | DONE));
    }
  }

  /**
   * copyInto moves the record r (in sealed slot si of t, whose value was s) into nx unless nx already has its
   * key: the record itself moves, so a migration needs no memory beyond the new table. It returns 1 if it
   * moved it, 0 if nx had the key, -1 if a table died under it.
   */
  copyInto(t: number, id: number, si: number, s: bigint, r: number, nx: number, nid: number): number {
    const heap = this.heap;
    if (!heap.covers(r + 8)) return -1;
    let w = heap.w;
    const hash = Atomics.load(w, r);
    const kInfo = Atomics.load(w, r + 1);
    const kWords = ((kInfo >>> 2) + 3) >> 2;
    if (kWords > MAX_KEY_WORDS || !heap.covers(r + 4 + kWords)) {
      // What we read is not this slot's record any more (it moved on and its block was reused).
      return Atomics.load(heap.b, si) === s && Atomics.load(heap.w, t) === id ? -1 : 0;
    }
    w = heap.w;
    if (kWords > this.keyScratch.length) this.keyScratch = new Int32Array(kWords);
    const key = this.keyScratch;
    for (let j = 0; j < kWords; j++) key[j] = Atomics.load(w, r + 4 + j);
    // While the slot still holds s, r is the slot's own record: what we read is its key.
    if (Atomics.load(heap.b, si) !== s || Atomics.load(w, t) !== id)
      return Atomics.load(w, t) === id ? 0 : -1;
    const mask = (1 << Atomics.load(w, nx + T_LOG)) - 1;
    let i = home(hash, mask);
    for (let n = 0; n <= mask; ) {
      const b = heap.b;
      const ni = (nx + T_SLOTS + 2 * i) >> 1;
      const ns = Atomics.load(b, ni);
      const lo = Number(BigInt.asIntN(32, ns));
      const unit = unitOf(lo);
      if (unit === 0) {
        if (lo & SEAL || Atomics.load(heap.w, nx) !== nid) return -1;
        if (Atomics.compareExchange(b, ni, ns, pack(heap.stamp(), slotWord(r, hash))) !== ns) continue;
        Atomics.add(heap.w, nx + T_USED, 1);
        return 1;
      }
      const o = unit << 2;
      if (!heap.covers(o + 4 + kWords)) return -1;
      const v = heap.w;
      let same = Atomics.load(v, o) === hash && Atomics.load(v, o + 1) === kInfo;
      for (let j = 0; same && j < kWords; j++) same = Atomics.load(v, o + 4 + j) === key[j];
      if (Atomics.load(b, ni) !== ns) continue;
      if (same) return 0; // already moved (and maybe written since)
      i = (i + 1) & mask;
      n++;
    }
    throw new Error('sync: SharedMap internal error: migration target is full');
  }
}
