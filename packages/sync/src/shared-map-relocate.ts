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
  UNIT_MASK,
  unitOf,
} from './shared-map-table';

/** IndexedRecords is a list of the records the current table pointed at, by address. */
export class IndexedRecords {
  /** at is each record's word address, ascending. */
  readonly at: number[] = [];
  /** words is the size in words of each record's block. */
  readonly words: number[] = [];
  /** slot is the 64-bit index of each record's slot. */
  readonly slot: number[] = [];
  /** was is each slot as it was listed. */
  readonly was: bigint[] = [];
  /** deleted says whether each record is a deleted key's (kept for the key's return, and not worth moving). */
  readonly deleted: boolean[] = [];

  get length(): number {
    return this.at.length;
  }
}

/**
 * listRecords lists the records of the current table's live and deleted keys, or returns null while a
 * migration is moving entries to a next table (then a record is in two tables).
 */
export function listRecords(heap: Heap): IndexedRecords | null {
  const pair = new TablePair();
  readCurrent(heap, pair);
  const t = pair.table;
  const w = heap.w;
  const next = Atomics.load(w, t + T_NEXT);
  if (next !== 0 && next !== PENDING) return null;
  const top = Atomics.load(w, H_TOP);
  heap.covers(top);
  const cap = 1 << Atomics.load(heap.w, t + T_LOG);
  const tomb = H_TOMBSTONE >>> 2;
  const found: [number, number, number, bigint, boolean][] = [];
  for (let i = 0; i < cap; i++) {
    const si = (t + T_SLOTS + 2 * i) >> 1;
    const s = Atomics.load(heap.b, si);
    const lo = Number(BigInt.asIntN(32, s));
    const unit = unitOf(lo);
    if (unit === 0 || unit === tomb || (lo & (SEAL | DONE)) !== 0) continue;
    const r = unit << 2;
    if (r + 4 > top) continue;
    const cls = Atomics.load(heap.w, r + 3);
    // A record's class stays while a slot points at it: if the slot still holds s, cls is this record's.
    if (Atomics.load(heap.b, si) !== s || !isRecordClass(cls)) continue;
    const words = classUnits(cls) * 4;
    if (r + words > top) continue;
    found.push([r, words, si, s, (lo & DEL) !== 0]);
  }
  if (Atomics.load(heap.w, t) !== pair.id) return null;
  found.sort((a, b) => a[0] - b[0]);
  const out = new IndexedRecords();
  for (const [r, words, si, s, del] of found) {
    out.at.push(r);
    out.words.push(words);
    out.slot.push(si);
    out.was.push(s);
    out.deleted.push(del);
  }
  return out;
}

/**
 * moveRecord moves record k of list out of its block: a live key's record is copied to dest (a free block of
 * at least its size that the caller holds), a deleted key's slot points at the tombstone instead. It returns
 * true if the slot changed, and then the old block is the caller's; false if the slot had changed first.
 */
export function moveRecord(heap: Heap, list: IndexedRecords, k: number, dest: number): boolean {
  const si = list.slot[k]!;
  const s = list.was[k]!;
  const lo = Number(BigInt.asIntN(32, s));
  const away = lo & ~(UNIT_MASK << 3);
  if (list.deleted[k]) {
    const next = pack(heap.stamp(), away | ((H_TOMBSTONE >>> 2) << 3));
    return Atomics.compareExchange(heap.b, si, s, next) === s;
  }
  const r = list.at[k]!;
  const n = list.words[k]!;
  if (!heap.covers(Math.max(r, dest) + n)) return false;
  const w = heap.w;
  for (let j = 0; j < n; j++) w[dest + j] = w[r + j]!;
  // A copy made while the record was being replaced is garbage, and then the slot has changed: no move.
  const next = pack(heap.stamp(), away | ((dest >>> 2) << 3));
  return Atomics.compareExchange(heap.b, si, s, next) === s;
}
