// The memory of a SharedMap: one growable SharedArrayBuffer seen as 32-bit words, a header, a lock-free bump
// allocator that grows the buffer in place, and lock-free free lists (Treiber stacks with tagged heads) that
// hand the space of freed records and retired tables back out. Nothing here takes a lock, so a worker that
// dies mid-call can at worst leak the block it was holding.

import { coalesce } from './shared-coalesce';
import { drawIntMultiplier } from './shared-codec';
import type { Relocator } from './shared-compact';

/** MAGIC marks a buffer laid out by this file ("GSM3": since the size classes of 1.5 times a power of two). */
export const MAGIC = 0x334d5347;

// Header words.
export const H_MAGIC = 0;
const H_ATTACHED = 1; // threads attached so far: each takes magazine (count mod MAGAZINES)
// H_CURRENT and the word after it are one 64-bit word: the current table (lo) and its id (hi), so that making
// a table current is one compare-exchange that fails if the old table was retired and its block reused since.
export const H_CURRENT = 2; // word index of the current table; H_CURRENT + 1: its id
export const H_COUNT = 7; // live entries
export const H_STAMP = 4; // source of unique 32-bit stamps
export const H_TOP = 5; // bump pointer (word index)
export const H_LIMIT = 6; // maxByteLength / 4
export const H_LISTS = 8; // free-list heads, two words each (lo: block word index, hi: tag)

/**
 * Record size classes: 1..32 units of 16 bytes exactly, then two a power of two, 1.5 * 2^k and 2^(k+1) units
 * (48, 64, 96, 128, ... up to 2^30), so that a record takes at most half again what it needs (with powers
 * of two alone, a 1 MiB value took a 2 MiB record).
 */
const EXACT = 32;
export const RECORD_CLASSES = EXACT + 1 + 50;
const TABLE_CLASSES = 32;

/**
 * H_SEED is where the map's random hash seed starts: SEED_WORDS words drawn when the map is made, so every
 * thread that attaches hashes with the same seed. Word 0 is the multiplier of int keys (drawIntMultiplier),
 * word 1 is unused, words 2 and 3 seed the hash of string and float keys (positionKeys).
 */
export const H_SEED = H_LISTS + 2 * (RECORD_CLASSES + TABLE_CLASSES);
export const SEED_WORDS = 4;

/**
 * H_LIMBO is the 64-bit head of the limbo, where the thread that merges free blocks keeps them while it
 * works (see shared-coalesce.ts), so that nothing is lost if it dies; H_LIMBO_OWNER (64-bit) names that
 * thread and when it started.
 */
export const H_LIMBO = H_SEED + SEED_WORDS;
export const H_LIMBO_OWNER = H_LIMBO + 2;

// Magazines: small arrays of free record blocks that threads use before the shared free lists (whose 64-bit
// compare-exchange costs more than the rest of a store). A magazine lives in the shared buffer, not in one
// thread, so a thread that exits or is terminated leaves its blocks where every other thread finds them.
// Each thread takes one magazine when it attaches (threads may share one: every slot changes by one atomic
// exchange or compare-exchange, so that is safe); it takes blocks from any magazine before growing the heap.
/** MAGAZINES is the number of magazines. */
export const MAGAZINES = 4;
/** MAG_CLASSES is the number of record classes magazines hold (the small ones: up to 256-byte records). */
const MAG_CLASSES = 16;
/** MAG_SLOTS is the number of blocks a magazine holds per class. */
export const MAG_SLOTS = 4;
export const MAGAZINE_WORDS = MAG_CLASSES * MAG_SLOTS;
// Blocks are 16-byte units (slotWord keeps a record's address in units), so the header is a whole number
// of them.
/**
 * H_TOMBSTONE is a record that matches no key (key info 0) and is never freed (class 0): a slot whose deleted
 * key's record was freed to make room points here, so probes still step over it.
 */
export const H_TOMBSTONE = (H_LIMBO_OWNER + 2 + 3) & ~3;
export const H_MAGAZINES = H_TOMBSTONE + 4;

export const HEADER_WORDS = (H_MAGAZINES + MAGAZINES * MAGAZINE_WORDS + 3) & ~3;

/** Stamps a thread takes at a time. */
const STAMP_BATCH = 1024;

// The free-list link lives in word 2 of a free record block and in word 3 of a free table (its `prev` field),
// so a retired table keeps id 0 (dead) in word 0, and its size in its header, while it waits on a free list.
export const LINK = 2;
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
  /** magazine is the word index of this thread's magazine (see MAGAZINES). */
  private magazine = 0;
  /** relocator finds and moves the records the index points at, for merging (the map sets it). */
  relocator: Relocator | null = null;
  /** token names this thread among the threads attached to the map (nonzero once attached). */
  token = 0;
  // This thread's batch of stamps: next and end.
  private sNext = 0;
  private sEnd = 0;

  constructor(sab: SharedArrayBuffer) {
    this.sab = sab;
    this.refresh();
  }

  /** attach gives this thread its magazine; call it once the header is laid out. */
  attach(): void {
    const n = Atomics.add(this.w, H_ATTACHED, 1);
    this.magazine = H_MAGAZINES + (n % MAGAZINES) * MAGAZINE_WORDS;
    this.token = (n + 1) | 0 || 1;
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
    const seed = new Int32Array(SEED_WORDS);
    crypto.getRandomValues(seed);
    seed[0] = drawIntMultiplier(randomWords());
    for (let i = 0; i < SEED_WORDS; i++) Atomics.store(w, H_SEED + i, seed[i]!);
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

  /** setNextStamp makes next the next stamp drawn (tests use it to run the counter through its wrap). */
  setNextStamp(next: number): void {
    Atomics.store(this.w, H_STAMP, next | 0);
    this.sNext = 0;
    this.sEnd = 0;
  }

  /** bytes returns the bytes in use: everything below the bump pointer, free blocks included. */
  bytes(): number {
    return Atomics.load(this.w, H_TOP) * 4;
  }

  /**
   * allocRecord returns the word index of a block of `units` 16-byte units; word 3 holds its class. With
   * moveRecords (a retry, after the map has rebuilt its index and merged its free blocks) a record of any
   * size that finds no free block of its size is carved out of a run freed by moving records out of the way:
   * free pieces too small for it may lie between live records (deleted 80-byte entries between kept ones
   * left a map half free, where not one 96-byte entry fitted).
   */
  allocRecord(units: number, moveRecords = false): number {
    const cls = recordClass(units);
    const size = classUnits(cls);
    let r = 0;
    if (cls <= MAG_CLASSES) {
      const w = this.w;
      const at = this.magazine + (cls - 1) * MAG_SLOTS;
      for (let j = 0; j < MAG_SLOTS; j++) {
        if (w[at + j] === 0) continue;
        r = Atomics.exchange(w, at + j, 0);
        if (r !== 0) return this.inView(r, size);
      }
    }
    r = this.pop(H_LISTS + 2 * cls, size) || this.fromOtherMagazines(cls);
    if (r !== 0) this.inView(r, size);
    if (r === 0) {
      try {
        r = this.bump(size);
      } catch (e) {
        r = this.split(cls);
        // Free blocks are at most MAX_PIECE_CLASS: a bigger record is carved out of merged free blocks.
        if (r === 0 && cls > MAX_PIECE_CLASS) r = this.coalesce(size);
        else if (r === 0 && moveRecords) r = this.carve(size);
        if (r === 0) throw e;
      }
    }
    this.w[r + 3] = cls;
    return r;
  }

  /**
   * carve returns a block of size units (at most a piece) cut from a run that merging, and moving the records
   * that lie between free blocks, made for it; 0 if there is none. It asks for a whole piece first and gives
   * back what the record does not take, so that the records that follow find room without another merge;
   * then, if the free memory cannot make a piece, for the record's size alone.
   */
  private carve(size: number): number {
    const piece = classUnits(MAX_PIECE_CLASS);
    const run = this.coalesce(piece);
    if (run === 0) return this.coalesce(size);
    this.pushRun(run + size * 4, run + piece * 4);
    return run;
  }

  /**
   * split takes a free block of a bigger class than cls, keeps a block of class cls from its start and
   * gives the rest back cut into blocks of the largest classes that fit; 0 if there is none. Only a full
   * heap calls it, so that blocks merged by coalesce serve records of every size.
   */
  private split(cls: number): number {
    const size = classUnits(cls) * 4;
    for (let c = cls + 1; c <= MAX_PIECE_CLASS; c++) {
      const blk = this.pop(H_LISTS + 2 * c, classUnits(c));
      if (blk === 0) continue;
      this.pushRun(blk + size, blk + classUnits(c) * 4);
      return blk;
    }
    return 0;
  }

  /** pushRun gives the free words [start, end) back as blocks of the largest classes that fit (pieces). */
  pushRun(start: number, end: number): void {
    for (let at = start; at < end; ) {
      const cls = pieceClassIn((end - at) >> 2);
      this.w[at + 3] = cls;
      this.push(H_LISTS + 2 * cls, at);
      at += classUnits(cls) * 4;
    }
  }

  /**
   * inView returns block r of `units` units after making sure this thread's views reach its end. A block
   * another thread freed may lie past views made before that thread grew the buffer, and a typed array
   * ignores a write past its end: the record built there would be lost (a store that vanished).
   */
  private inView(r: number, units: number): number {
    if (!this.covers(r + units * 4)) {
      throw new Error(`sync: internal error: SharedMap block ${r} lies outside the buffer`);
    }
    return r;
  }

  /** fromOtherMagazines takes a free block of class cls from any magazine (0 if there is none). */
  private fromOtherMagazines(cls: number): number {
    if (cls > MAG_CLASSES) return 0;
    const w = this.w;
    for (let m = 0; m < MAGAZINES; m++) {
      const at = H_MAGAZINES + m * MAGAZINE_WORDS + (cls - 1) * MAG_SLOTS;
      for (let j = 0; j < MAG_SLOTS; j++) {
        const r = w[at + j] !== 0 ? Atomics.exchange(w, at + j, 0) : 0;
        if (r !== 0) return r;
      }
    }
    return 0;
  }

  /** freeRecord gives the block at word index r, allocated by allocRecord, back. */
  freeRecord(r: number): void {
    if (!this.covers(r + 4)) return;
    const w = this.w;
    const cls = w[r + 3]!;
    if (!(cls > 0 && cls < RECORD_CLASSES)) return;
    if (cls <= MAG_CLASSES) {
      const at = this.magazine + (cls - 1) * MAG_SLOTS;
      for (let j = 0; j < MAG_SLOTS; j++) {
        if (w[at + j] === 0 && Atomics.compareExchange(w, at + j, 0, r) === 0) return;
      }
    }
    this.push(H_LISTS + 2 * cls, r);
  }

  /**
   * coalesce merges neighbouring free record blocks (see shared-coalesce.ts); given wantUnits, it keeps the
   * start of the first merged run that long for the caller (a table, or a record bigger than a piece) and
   * returns it (0: none was that long).
   */
  coalesce(wantUnits = 0): number {
    return coalesce(this, wantUnits);
  }

  /**
   * allocTable returns the word index of a block for a table of 2^log slots. When the heap is full it carves
   * one out of free record blocks (see coalesce): record space may become a table, but a table's block is
   * only ever a table again, so that a thread holding a stale table pointer always finds a table there.
   */
  allocTable(log: number): number {
    const size = tableUnits(log);
    const t = this.pop(H_LISTS + 2 * (RECORD_CLASSES + log), size, TABLE_LINK);
    if (t !== 0) return t;
    try {
      return this.bump(size, true);
    } catch (e) {
      const carved = this.coalesce(size);
      if (carved !== 0) return carved;
      // The merge may have given a run that ended at the bump pointer back to it.
      try {
        return this.bump(size, true);
      } catch {
        throw e;
      }
    }
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
  /** pop takes a block off the free list at head (0: it is empty); `link` is the word of a free block that links the next. */
  pop(head: number, units: number, link = LINK): number {
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

  /** push puts block blk on the free list at head. */
  push(head: number, blk: number, link = LINK): void {
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

/** recordClass returns the smallest record class whose blocks hold `units` units. */
export function recordClass(units: number): number {
  if (units <= EXACT) return units;
  const p = 32 - Math.clz32(units - 1); // 2^(p-1) < units <= 2^p, p >= 6
  return EXACT + 1 + 2 * (p - 6) + (units <= 3 * 2 ** (p - 2) ? 0 : 1);
}

/** classUnits returns the size in 16-byte units of the blocks of record class cls. */
export function classUnits(cls: number): number {
  if (cls <= EXACT) return cls;
  const j = cls - EXACT - 1;
  const p = 6 + (j >> 1);
  return (j & 1) === 0 ? 3 * 2 ** (p - 2) : 2 ** p;
}

/** largestClassIn returns the largest record class whose blocks fit in `units` units (at least 1). */
export function largestClassIn(units: number): number {
  if (units <= EXACT) return units;
  const q = 31 - Math.clz32(units); // 2^q <= units < 2^(q+1), q >= 5
  let cls: number;
  if (units >= 3 * 2 ** (q - 1)) cls = EXACT + 1 + 2 * (q - 5);
  else cls = q === 5 ? EXACT : EXACT + 2 * (q - 5);
  return Math.min(RECORD_CLASSES - 1, cls);
}

/**
 * MAX_PIECE_CLASS is the largest class of the pieces that merging and splitting cut free space into (4 KiB).
 * A thread holds a free block alone between taking it off a list and putting it (or what is left of it) back,
 * and a worker terminated there takes the block with it; when merging made pieces as big as the free space,
 * one such worker took hundreds of KiB of a 512 KiB map. Only a freed record bigger than this is a bigger
 * free block, and a thread takes one apart only inside a merge.
 */
export const MAX_PIECE_CLASS = EXACT + 6; // 256 units

/** pieceClassIn returns the largest class, up to MAX_PIECE_CLASS, whose blocks fit in `units` units. */
export function pieceClassIn(units: number): number {
  return Math.min(MAX_PIECE_CLASS, largestClassIn(units));
}

/** isRecordClass reports whether cls is a record class (a block's word 3). */
export function isRecordClass(cls: number): boolean {
  return cls > 0 && cls < RECORD_CLASSES;
}

/** TABLE_HEADER_WORDS is the size of a table's header, before its slots. */
export const TABLE_HEADER_WORDS = 32;

/** tableUnits is the size of a table of 2^log slots: its header and two words a slot. */
export function tableUnits(log: number): number {
  return (TABLE_HEADER_WORDS + 2 * 2 ** log) / 4;
}

/** randomWords returns a source of random 32-bit words, drawn from crypto.getRandomValues 256 at a time. */
function randomWords(): () => number {
  const words = new Int32Array(256);
  let next = words.length;
  return () => {
    if (next === words.length) {
      crypto.getRandomValues(words);
      next = 0;
    }
    return words[next++]!;
  };
}
