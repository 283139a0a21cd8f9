// The records the index points at, as the thread that merges free memory (shared-coalesce.ts) sees them
// when free space lies in pieces too small for the table or record it needs: it lists them (IndexedRecords),
// picks a stretch of memory that holds only free blocks and records (shared-compact.ts), and moves each of
// those records out of it. A move copies the record and points its slot at the copy with one compare-exchange
// that expects the slot as it was listed, as every write does: a write, a deletion or a migration that got
// there first makes the move fail, and the block stays the slot's. Readers check a slot's stamp after reading
// its record, so one that read the old copy reads again, as after any write.
import { classUnits, H_TOMBSTONE, H_TOP, type Heap, isRecordClass, pack } from './shared-heap';
import {
  DEL,
  DONE,
  PENDING,
  readCurrent,
  SEAL,
  T_LOG,
  T_NEXT,
  T_SLOTS,
  TablePair,
  unitOf,
  withUnit,
} from './shared-map-table';

/** IndexedRecords lists the records the current table pointed at, by address. */
export class IndexedRecords {
  /** length is the number of records listed. */
  readonly length: number;
  /** at is each record's word address, ascending. */
  readonly at: Int32Array;
  /** words is the size in words of each record's block. */
  readonly words: Int32Array;
  /** slot is the word index of each record's slot. */
  readonly slot: Int32Array;
  /** hi and lo are each slot's words as listed. */
  readonly hi: Int32Array;
  readonly lo: Int32Array;

  constructor(n: number) {
    this.length = n;
    this.at = new Int32Array(n);
    this.words = new Int32Array(n);
    this.slot = new Int32Array(n);
    this.hi = new Int32Array(n);
    this.lo = new Int32Array(n);
  }

  /** deleted reports whether record k is a deleted key's (kept for the key's return; it needs no copy). */
  deleted(k: number): boolean {
    return (this.lo[k]! & DEL) !== 0;
  }
}

/** INDEX_SPAN keeps a record's index in the low bits of its sort key: at most 2^26 records fit in 2 GiB. */
const INDEX_SPAN = 2 ** 26;

/**
 * listRecords lists the records of the current table's live and deleted keys, or returns null while a
 * migration is moving entries to a next table (then a record is in two tables).
 */
export function listRecords(heap: Heap): IndexedRecords | null {
  const pair = new TablePair();
  readCurrent(heap, pair);
  const t = pair.table;
  const next = Atomics.load(heap.w, t + T_NEXT);
  if (next !== 0 && next !== PENDING) return null;
  const top = Atomics.load(heap.w, H_TOP);
  heap.covers(top);
  const w = heap.w;
  const cap = 1 << Atomics.load(w, t + T_LOG);
  if (cap > INDEX_SPAN) return null;
  const tomb = H_TOMBSTONE >>> 2;
  // Pass 1: the slots worth listing, by their sort key (unit * INDEX_SPAN + slot number).
  const keys: number[] = [];
  for (let i = 0; i < cap; i++) {
    const lo = Atomics.load(w, t + T_SLOTS + 2 * i);
    const unit = unitOf(lo);
    if (unit === 0 || unit === tomb || (lo & (SEAL | DONE)) !== 0 || (unit << 2) + 4 > top) continue;
    keys.push(unit * INDEX_SPAN + i);
  }
  const n = keys.length;
  const sorted = Float64Array.from(keys).sort();
  // Pass 2: each slot again, as one 64-bit value, and its record's class, which stays while the slot still
  // holds that value.
  const out = new IndexedRecords(n);
  let m = 0;
  for (let j = 0; j < n; j++) {
    const i = sorted[j]! % INDEX_SPAN;
    const sw = t + T_SLOTS + 2 * i;
    const hi = Atomics.load(w, sw + 1);
    const lo = Atomics.load(w, sw);
    const unit = unitOf(lo);
    if (unit * INDEX_SPAN + i !== sorted[j] || (lo & (SEAL | DONE)) !== 0) continue;
    const r = unit << 2;
    const cls = Atomics.load(w, r + 3);
    if (Atomics.load(w, sw + 1) !== hi || Atomics.load(w, sw) !== lo || !isRecordClass(cls)) continue;
    const words = classUnits(cls) * 4;
    if (r + words > top) continue;
    out.at[m] = r;
    out.words[m] = words;
    out.slot[m] = sw;
    out.hi[m] = hi;
    out.lo[m] = lo;
    m++;
  }
  if (Atomics.load(heap.w, t) !== pair.id) return null;
  return m === n ? out : trimmed(out, m);
}

/** trimmed returns the first m records of list. */
function trimmed(list: IndexedRecords, m: number): IndexedRecords {
  const out = new IndexedRecords(m);
  out.at.set(list.at.subarray(0, m));
  out.words.set(list.words.subarray(0, m));
  out.slot.set(list.slot.subarray(0, m));
  out.hi.set(list.hi.subarray(0, m));
  out.lo.set(list.lo.subarray(0, m));
  return out;
}

/**
 * moveRecord moves record k of list out of its block: a live key's record is copied to dest (a free block of
 * at least its size that the caller holds), a deleted key's slot points at the tombstone instead. It returns
 * true if the slot changed, and then the old block is the caller's; false if the slot had changed first.
 */
export function moveRecord(heap: Heap, list: IndexedRecords, k: number, dest: number): boolean {
  const si = list.slot[k]! >> 1;
  const lo = list.lo[k]!;
  const s = pack(list.hi[k]!, lo);
  if (list.deleted(k)) {
    const next = pack(heap.stamp(), withUnit(lo, H_TOMBSTONE >>> 2));
    return Atomics.compareExchange(heap.b, si, s, next) === s;
  }
  const r = list.at[k]!;
  const n = list.words[k]!;
  if (!heap.covers(Math.max(r, dest) + n)) return false;
  const w = heap.w;
  for (let j = 0; j < n; j++) w[dest + j] = w[r + j]!;
  // A copy made while the record was being replaced is garbage, and then the slot has changed: no move.
  const next = pack(heap.stamp(), withUnit(lo, dest >>> 2));
  return Atomics.compareExchange(heap.b, si, s, next) === s;
}
