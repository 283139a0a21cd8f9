// How one thread writes to a SharedMap: building a record and the one loop (mutate) behind every write, which
// finds the newest table (helping any migration on the way), probes it for the key, and publishes the new
// record, or the deletion, with one 64-bit compare-exchange on the key's slot (Go's swiss map keeps its
// writes in runtime/maps, apart from lookups).
import { type Codec, home } from './shared-codec';
import { H_COUNT, H_CURRENT, type Heap, pack } from './shared-heap';
import { isOutOfMemory, type Migration, softly } from './shared-map-migrate';
import type { Reader } from './shared-map-read';
import {
  DEL,
  followNext,
  NO_NEXT,
  PENDING,
  readCurrent,
  SEAL,
  STALE,
  slotWord,
  T_LOG,
  T_NEXT,
  T_RETRY,
  T_RETRY_LIVE,
  T_SLOTS,
  T_USED,
  TAG_MASK,
  TablePair,
  tagOf,
  unitOf,
} from './shared-map-table';

/** OP_STORE and the others are the operations of mutate. */
export const OP_STORE = 0;
export const OP_LOAD_OR_STORE = 1;
export const OP_LOAD_AND_DELETE = 2;
export const OP_DELETE = 3;
export const OP_SWAP = 4;
export const OP_CAS = 5;
export const OP_CAD = 6;

/** Writer is one thread's writing side of a SharedMap. */
export class Writer {
  /** heap is the map's memory as this thread sees it. */
  private readonly heap: Heap;
  /** codec holds the key and value being written, and the value read back. */
  private readonly codec: Codec;
  /** reader compares keys and reads values back. */
  private readonly reader: Reader;
  /** migration moves entries from table to table. */
  private readonly migration: Migration;
  /** pair is scratch for reading a table and its id. */
  private readonly pair = new TablePair();

  constructor(heap: Heap, codec: Codec, reader: Reader, migration: Migration) {
    this.heap = heap;
    this.codec = codec;
    this.reader = reader;
    this.migration = migration;
  }

  /** build allocates a record for the key in c.k* and the value in c.v*. */
  build(): number {
    const c = this.codec;
    const words = 4 + c.kWords + c.vWords;
    let r: number;
    try {
      r = this.heap.allocRecord((words + 3) >> 2);
    } catch (e) {
      if (!isOutOfMemory(e)) throw e;
      this.migration.reclaim();
      r = this.heap.allocRecord((words + 3) >> 2, true);
    }
    const w = this.heap.w;
    w[r] = c.kHash;
    w[r + 1] = c.kInfo;
    w[r + 2] = c.vType | (c.vLen << 4);
    const k = c.kBuf;
    const kw = c.kWords;
    for (let j = 0; j < kw; j++) w[r + 4 + j] = k[j]!;
    const v = c.vBuf;
    const at = r + 4 + kw;
    for (let j = 0; j < c.vWords; j++) w[at + j] = v[j]!;
    return r;
  }

  /**
   * deleteSlot deletes the live entry that intSlot found in slot s of table t (id id), whose words were hi and
   * lo, when t is still the newest table and the slot still holds that entry; else it does nothing and
   * returns false, and the caller takes the general path. It is mutate's deletion without the probe: the
   * same checks (t alive and with no next table) and the same compare-exchange.
   */
  deleteSlot(t: number, id: number, s: number, hi: number, lo: number): boolean {
    const heap = this.heap;
    if (!this.isNewest(t, id)) return false;
    const was = pack(hi, lo);
    if (Atomics.compareExchange(heap.b, s >> 1, was, pack(heap.stamp(), lo | DEL)) !== was) return false;
    this.deleted(t, id);
    return true;
  }

  /**
   * replaceSlot stores the value in c.v* for the key in c.k* in place of the live entry that intSlot found in
   * slot s of table t (id id), whose words were hi and lo, as deleteSlot deletes it: false (and nothing
   * stored) when t is no longer the newest table or the slot changed.
   */
  replaceSlot(t: number, id: number, s: number, hi: number, lo: number): boolean {
    const heap = this.heap;
    if (!this.isNewest(t, id)) return false;
    const rec = this.build();
    const was = pack(hi, lo);
    if (
      Atomics.compareExchange(heap.b, s >> 1, was, pack(heap.stamp(), slotWord(rec, this.codec.kHash))) !==
      was
    ) {
      heap.freeRecord(rec);
      return false;
    }
    heap.freeRecord(unitOf(lo) << 2);
    return true;
  }

  /** isNewest reports whether table t still has id id and no next table: writes go only there. */
  private isNewest(t: number, id: number): boolean {
    const w = this.heap.w;
    return Atomics.load(w, t + T_NEXT) === 0 && Atomics.load(w, t) === id;
  }

  /** deleted counts a deletion in table t (id id), and starts rebuilding the index once it is mostly deleted keys. */
  private deleted(t: number, id: number): void {
    const w = this.heap.w;
    const live = Atomics.sub(w, H_COUNT, 1) - 1;
    // Mostly deleted keys: rebuild the index to drop them and free their records (unless a rebuild found no
    // memory and not enough keys have gone since: see T_RETRY_LIVE).
    if (
      Atomics.load(w, t + T_USED) - live > (1 << Atomics.load(w, t + T_LOG)) >> 1 &&
      live <= Atomics.load(w, t + T_RETRY_LIVE)
    )
      softly(() => this.migration.startMigration(t, id));
  }

  /**
   * mutate applies op to the key in c.k* (and the value in c.v*). It returns 1 when the op found a live entry
   * (its value read back into c.r*) or, for OP_CAS and OP_CAD, when it swapped or deleted; else 0.
   */
  mutate(op: number, old: unknown): number {
    const c = this.codec;
    const heap = this.heap;
    const inserts = op === OP_STORE || op === OP_LOAD_OR_STORE || op === OP_SWAP;
    const needsValue = op !== OP_STORE && op !== OP_DELETE;
    let rec = 0;
    try {
      outer: for (;;) {
        // The current table and its id, read together: a cached id could be stale for a block that was retired
        // and came back as the current table, and no check against it would ever pass.
        const pair = this.pair;
        readCurrent(heap, pair);
        let t = pair.table;
        let id = pair.id;
        // Finish (a share of) any migration first: writes only ever happen in the newest table.
        for (;;) {
          // No migration under way, the common case: nothing to follow (t's id is checked below).
          if (Atomics.load(heap.w, t + T_NEXT) === 0) break;
          const step = followNext(heap, t, id, pair);
          if (step === NO_NEXT) break;
          if (step === STALE) continue outer;
          if (step === PENDING) {
            const [from, fromId] = [t, id];
            softly(() => this.migration.installNext(from, fromId));
            continue outer;
          }
          const nx = pair.table;
          const nid = pair.id;
          if (!this.migration.helpMigrate(t, id, nx, nid)) continue outer;
          if (!this.migration.migrateKey(t, id, nx, nid)) continue outer;
          t = nx;
          id = nid;
        }
        if (Atomics.load(heap.w, t) !== id) {
          this.reader.forget();
          continue;
        }
        let w = heap.w;
        let b = heap.b;
        const mask = (1 << Atomics.load(w, t + T_LOG)) - 1;
        let i = home(c.kHash, mask);
        const tag = tagOf(c.kHash);
        for (let n = 0; n <= mask; ) {
          const sw = t + T_SLOTS + 2 * i;
          const si = sw >> 1;
          const hi = Atomics.load(w, sw + 1);
          const lo = Atomics.load(w, sw);
          if (Atomics.load(w, sw + 1) !== hi) continue;
          if (lo & SEAL) continue outer;
          const unit = unitOf(lo);
          if (unit === 0) {
            if (!inserts) {
              if (Atomics.load(w, t) !== id) continue outer;
              return 0;
            }
            const used = Atomics.load(w, t + T_USED);
            if (used >= ((mask + 1) * 3) >> 3 && Atomics.load(w, H_CURRENT) !== t) {
              // A table being filled by a migration keeps room for the copies: help finish it first.
              this.migration.finishAll();
              continue outer;
            }
            if (rec === 0) rec = this.build();
            if (Atomics.load(w, t) !== id) continue outer;
            const s = pack(hi, lo);
            if (Atomics.compareExchange(b, si, s, pack(heap.stamp(), slotWord(rec, c.kHash))) !== s) continue;
            rec = 0;
            Atomics.add(w, H_COUNT, 1);
            const nowUsed = Atomics.add(w, t + T_USED, 1) + 1;
            if (nowUsed >= ((mask + 1) * 3) >> 2 && nowUsed >= Atomics.load(w, t + T_RETRY)) {
              softly(() => this.migration.startMigration(t, id));
            }
            return 0;
          }
          if ((lo ^ tag) & TAG_MASK) {
            i = (i + 1) & mask;
            n++;
            continue;
          }
          const r = unit << 2;
          if (r + 8 > heap.len) {
            if (!heap.covers(r + 8)) continue outer;
            w = heap.w;
            b = heap.b;
          }
          if (!this.reader.keyAt(r)) {
            if (Atomics.load(w, sw + 1) !== hi) continue;
            i = (i + 1) & mask;
            n++;
            continue;
          }
          const live = (lo & DEL) === 0;
          if (live && needsValue && !this.reader.readRaw(r, c.kWords)) {
            if (Atomics.load(w, sw + 1) === hi) {
              throw new Error('sync: SharedMap internal error: unreadable record');
            }
            continue;
          }
          if (Atomics.load(w, sw + 1) !== hi) continue;
          if (Atomics.load(w, t) !== id) continue outer;
          let next: bigint;
          let result = live ? 1 : 0;
          switch (op) {
            case OP_LOAD_OR_STORE:
              if (live) return 1;
              break;
            case OP_LOAD_AND_DELETE:
            case OP_DELETE:
              if (!live) return 0;
              break;
            case OP_CAS:
            case OP_CAD:
              if (!live || !c.equalsRead(old)) return 0;
              result = 1;
          }
          const del = op === OP_LOAD_AND_DELETE || op === OP_DELETE || op === OP_CAD;
          if (del) {
            next = pack(heap.stamp(), lo | DEL);
          } else {
            if (rec === 0) rec = this.build();
            next = pack(heap.stamp(), slotWord(rec, c.kHash));
          }
          const s = pack(hi, lo);
          if (Atomics.compareExchange(b, si, s, next) !== s) continue;
          if (!del) {
            rec = 0;
            heap.freeRecord(r);
            if (!live) Atomics.add(w, H_COUNT, 1);
          } else {
            this.deleted(t, id);
          }
          return result;
        }
        // The table is full of keys: move to a bigger one.
        this.migration.startMigration(t, id);
        if (Atomics.load(heap.w, t + T_NEXT) === 0) this.migration.finishAll();
      }
    } finally {
      if (rec !== 0) heap.freeRecord(rec);
    }
  }
}
