// The memory of a SharedMap: one growable SharedArrayBuffer seen as 32-bit words, a header, a lock-free bump
// allocator that grows the buffer in place, and lock-free free lists (Treiber stacks with tagged heads) that
// hand the space of freed records and retired tables back out. Nothing here takes a lock, so a worker that
// dies mid-call can at worst leak the block it was holding.

/** MAGIC marks a buffer laid out by this file ("GSM1"). */
export const MAGIC = 0x314d5347;

// Header words.
export const H_MAGIC = 0;
// H_CURRENT and the word after it are one 64-bit word: the current table (lo) and its id (hi), so that making
// a table current is one compare-exchange that fails if the old table was retired and its block reused since.
export const H_CURRENT = 2; // word index of the current table; H_CURRENT + 1: its id
export const H_COUNT = 7; // live entries
export const H_STAMP = 4; // source of unique 32-bit stamps
export const H_TOP = 5; // bump pointer (word index)
export const H_LIMIT = 6; // maxByteLength / 4
const H_LISTS = 8; // free-list heads, two words each (lo: block word index, hi: tag)

/** Record size classes: 1..32 units of 16 bytes exactly, then powers of two up to 2^30 units. */
const EXACT = 32;
const RECORD_CLASSES = EXACT + 26;
const TABLE_CLASSES = 32;
export const HEADER_WORDS = H_LISTS + 2 * (RECORD_CLASSES + TABLE_CLASSES);

/** Freed record blocks a thread keeps for itself per class (a terminated worker leaks at most these). */
const CACHE = 32;
/** Stamps a thread takes at a time. */
const STAMP_BATCH = 1024;

// The free-list link lives in word 2 of a free record block and in word 3 of a free table (its `prev` field),
// so a retired table keeps id 0 (dead) in word 0, and its size in its header, while it waits on a free list.
const LINK = 2;
const TABLE_LINK = 3;

/**
 * Heap is one thread's view of the shared memory. Its views have a fixed length (V8 in Node 20 makes Atomics on
 * length-tracking views of a growable buffer ten times slower), so they are remade by refresh when a pointer
 * read from the map lies beyond them: another thread grew the buffer. Views only ever get longer, so an older
 * view is still right for the addresses it covers.
 */
export class Heap {
  readonly sab: SharedArrayBuffer;
  w!: Int32Array;
  b!: BigInt64Array;
  /** len is the length of w in words. */
  len = 0;
  // This thread's cache of freed record blocks, per class (at most CACHE each), reused without atomics.
  private readonly cache: number[][] = Array.from({ length: RECORD_CLASSES }, () => []);
  // This thread's batch of stamps: next and end.
  private sNext = 0;
  private sEnd = 0;

  constructor(sab: SharedArrayBuffer) {
    this.sab = sab;
    this.refresh();
  }

  /** refresh remakes the views to cover the whole buffer as it is now. */
  refresh(): void {
    const bytes = this.sab.byteLength & ~7;
    this.w = new Int32Array(this.sab, 0, bytes >> 2);
    this.b = new BigInt64Array(this.sab, 0, bytes >> 3);
    this.len = bytes >> 2;
  }

  /** covers reports whether the views reach word end (exclusive), refreshing them if they do not yet. */
  covers(end: number): boolean {
    if (end <= this.len) return true;
    this.refresh();
    return end <= this.len;
  }

  /** init lays out a fresh header. */
  init(limitBytes: number): void {
    const w = this.w;
    Atomics.store(w, H_TOP, HEADER_WORDS);
    Atomics.store(w, H_LIMIT, Math.floor(limitBytes / 4));
    Atomics.store(w, H_STAMP, 1);
    Atomics.store(w, H_MAGIC, MAGIC);
  }

  /** stamp returns a fresh nonzero 32-bit stamp (unique until 2^32 stamps have been drawn). */
  stamp(): number {
    for (;;) {
      if (this.sNext === this.sEnd) {
        this.sNext = Atomics.add(this.w, H_STAMP, STAMP_BATCH);
        this.sEnd = this.sNext + STAMP_BATCH;
      }
      const s = this.sNext++ | 0;
      if (s !== 0) return s;
    }
  }

  /** bytes returns the bytes in use: everything below the bump pointer, free blocks included. */
  bytes(): number {
    return Atomics.load(this.w, H_TOP) * 4;
  }

  /** allocRecord returns the word index of a block of `units` 16-byte units; word 3 holds its class. */
  allocRecord(units: number): number {
    const cls = recordClass(units);
    const size = classUnits(cls);
    const r = this.cache[cls]!.pop() || this.pop(H_LISTS + 2 * cls, size) || this.bump(size);
    this.w[r + 3] = cls;
    return r;
  }

  /** freeRecord gives the block at word index r, allocated by allocRecord, back. */
  freeRecord(r: number): void {
    const cls = this.w[r + 3]!;
    if (!(cls > 0 && cls < RECORD_CLASSES)) return;
    const cache = this.cache[cls]!;
    if (cache.length < CACHE) cache.push(r);
    else this.push(H_LISTS + 2 * cls, r);
  }

  /** allocTable returns the word index of a block for a table of 2^log slots. */
  allocTable(log: number): number {
    const size = tableUnits(log);
    return this.pop(H_LISTS + 2 * (RECORD_CLASSES + log), size, TABLE_LINK) || this.bump(size, true);
  }

  freeTable(t: number, log: number): void {
    this.push(H_LISTS + 2 * (RECORD_CLASSES + log), t, TABLE_LINK);
  }

  private bump(units: number, forTable = false): number {
    const w = this.w;
    const size = units * 4;
    for (;;) {
      const top = Atomics.load(w, H_TOP);
      const end = top + size;
      const limit = Atomics.load(w, H_LIMIT);
      // Records leave the last 1/16 (at most 64 KiB) to tables, so a full map can still rebuild its index
      // and get back the space of its deleted entries.
      if (end > (forTable ? limit : limit - Math.min(limit >> 4, 16384))) {
        throw new RangeError(
          `sync: SharedMap is out of memory (maxByteLength ${Atomics.load(w, H_LIMIT) * 4})`,
        );
      }
      if (Atomics.compareExchange(w, H_TOP, top, end) !== top) continue;
      this.ensure(end * 4);
      this.covers(end);
      return top;
    }
  }

  /** ensure grows the buffer (by doubling, up to its maxByteLength) until it holds `bytes` bytes. */
  private ensure(bytes: number): void {
    const sab = this.sab;
    while (sab.byteLength < bytes) {
      const want = Math.min(sab.maxByteLength, Math.max(bytes, sab.byteLength * 2));
      try {
        sab.grow(want);
      } catch (e) {
        // Another thread grew it past `want` first; anything else is a real failure.
        if (sab.byteLength < want) throw e;
      }
    }
  }

  // A Treiber stack whose head is a 64-bit word: lo = block, hi = tag bumped on every change, so a pop that
  // read a stale `next` fails its compare-exchange instead of corrupting the list (no ABA).
  private pop(head: number, units: number, link = LINK): number {
    for (;;) {
      const b = this.b;
      const h = Atomics.load(b, head >> 1);
      const blk = Number(BigInt.asIntN(32, h));
      if (blk === 0) return 0;
      if (!this.covers(blk + units * 4)) continue;
      const next = Atomics.load(this.w, blk + link);
      const tag = Number(h >> 32n) + 1;
      if (Atomics.compareExchange(this.b, head >> 1, h, pack(tag, next)) === h) return blk;
    }
  }

  private push(head: number, blk: number, link = LINK): void {
    const w = this.w;
    const b = this.b;
    for (;;) {
      const h = Atomics.load(b, head >> 1);
      Atomics.store(w, blk + link, Number(BigInt.asIntN(32, h)));
      const tag = Number(h >> 32n) + 1;
      if (Atomics.compareExchange(b, head >> 1, h, pack(tag, blk)) === h) return;
    }
  }
}

/** pack makes the signed 64-bit word with hi and lo as its 32-bit halves. */
export function pack(hi: number, lo: number): bigint {
  return BigInt.asIntN(64, (BigInt(hi | 0) << 32n) | BigInt(lo >>> 0));
}

function recordClass(units: number): number {
  if (units <= EXACT) return units;
  return EXACT + (32 - Math.clz32(units - 1)) - 5;
}

function classUnits(cls: number): number {
  return cls <= EXACT ? cls : 2 ** (cls - EXACT + 5);
}

/** TABLE_HEADER_WORDS is the size of a table's header, before its slots. */
export const TABLE_HEADER_WORDS = 32;

/** tableUnits is the size of a table of 2^log slots: its header and two words a slot. */
export function tableUnits(log: number): number {
  return (TABLE_HEADER_WORDS + 2 * 2 ** log) / 4;
}
