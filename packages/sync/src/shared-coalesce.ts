// Merging the free record blocks of a SharedMap whose memory is full, so that room freed by records of one
// size serves records of another, and a run of free blocks that ends at the bump pointer goes back to it.
//
// Merging needs every free block in hand at once (neighbours are found by sorting addresses), and a worker
// can be terminated at any instruction. If the merging thread held the blocks in a local array, its death
// would leak all the map's free memory (seen: deleting everything no longer made room after a worker was
// terminated mid-merge). So the blocks never leave shared memory: the merging thread (the owner, one at a
// time) moves them one by one into the limbo, a list whose head is in the header; plans the merge from
// there; replaces the limbo, in one compare-exchange, with the list of merged pieces; and hands the pieces
// out one by one. A thread that dies in any of these steps leaves the limbo consistent, and loses at most
// the one block it was moving; the next thread to merge finishes its work.
//
// The limbo's head is one 64-bit word: lo = first block, hi = the owner's epoch (<< 1) | PIECES. While it
// holds free blocks (PIECES clear) they are linked through word LINK, their class in word 3, as on the free
// lists; while it holds merged pieces (PIECES set) they are linked through word 0, their class in word 1,
// so that writing the pieces' list never touches the links and classes of the blocks list it replaces.
// Ownership is a 64-bit word (lo = the owner's token, hi = the second it took it). An owner that has held
// it for staleSeconds (10) is taken for dead; the thread that takes over bumps the epoch, so that every later
// compare-exchange of the old owner on the limbo fails and it stops. (An owner that is only paused for that
// long could still write a piece's link words after the takeover; merging takes milliseconds, so only a
// debugger or a stopped process does that.)

import { compactions, evacuate, planEvacuation } from './shared-compact';
import {
  classUnits,
  H_LIMBO,
  H_LIMBO_OWNER,
  H_LISTS,
  H_MAGAZINES,
  H_TOP,
  type Heap,
  isRecordClass,
  LINK,
  MAG_SLOTS,
  MAGAZINE_WORDS,
  MAGAZINES,
  pack,
  pieceClassIn,
  RECORD_CLASSES,
} from './shared-heap';

/** PIECES is the bit of the limbo head's hi word that says it holds merged pieces, not free blocks. */
const PIECES = 1;
/** staleSeconds is how long an owner may hold the limbo before another thread takes it for dead. */
let staleSeconds = 10;

/**
 * setStaleSeconds sets how long an owner of the limbo may hold it before this thread takes it for dead
 * (10 s; the tests that terminate workers mid-merge shorten it). It returns the previous value.
 */
export function setStaleSeconds(s: number): number {
  const was = staleSeconds;
  staleSeconds = s;
  return was;
}
/** WAIT_MS is how long a thread waits for another thread's merge to end before it gives up. */
const WAIT_MS = 250;
/** SECONDS_BASE keeps the owner's seconds in 32 bits for the next decades. */
const SECONDS_BASE = 1_700_000_000;

function seconds(): number {
  return (Date.now() / 1000 - SECONDS_BASE) | 0;
}

function lo(h: bigint): number {
  return Number(BigInt.asIntN(32, h));
}

function hi(h: bigint): number {
  return Number(h >> 32n) | 0;
}

/**
 * coalesce merges the map's free record blocks: it returns the start of a run of wantUnits units kept for
 * the caller (a table, or a record bigger than a piece), or 0. When another thread is merging it waits for
 * it (up to WAIT_MS) and returns 0.
 */
export function coalesce(heap: Heap, wantUnits: number): number {
  const mine = acquire(heap);
  if (mine === 0n) return 0;
  try {
    return merge(heap, wantUnits);
  } finally {
    Atomics.compareExchange(heap.b, H_LIMBO_OWNER >> 1, mine, 0n);
  }
}

/**
 * abandonMergeForTests does what a merging thread terminated after `step` leaves behind: it takes the limbo
 * and stops after gathering the free blocks into it, or after replacing them with the merged pieces, without
 * handing anything out or letting the limbo go. It returns false if it could not take the limbo.
 */
export function abandonMergeForTests(heap: Heap, step: 'gathered' | 'planned'): boolean {
  if (acquire(heap) === 0n) return false;
  const epoch = hi(Atomics.load(heap.b, H_LIMBO >> 1));
  if (epoch & PIECES || !gather(heap, epoch)) return false;
  if (step === 'gathered') return true;
  const head = Atomics.load(heap.b, H_LIMBO >> 1);
  return publishPieces(heap, head, plan(heap, lo(head), 0).pieces, epoch);
}

/** acquire makes this thread the owner of the limbo and returns its ownership word (0n: it did not). */
function acquire(heap: Heap): bigint {
  const b = heap.b;
  const at = H_LIMBO_OWNER >> 1;
  const t0 = Date.now();
  for (;;) {
    const now = seconds();
    const mine = pack(now, heap.token);
    const owner = Atomics.load(b, at);
    if (owner === 0n) {
      if (Atomics.compareExchange(b, at, 0n, mine) === 0n) return mine;
      continue;
    }
    if (now - hi(owner) >= staleSeconds) {
      if (Atomics.compareExchange(b, at, owner, mine) !== owner) continue;
      newEpoch(heap);
      return mine;
    }
    // Another thread is merging: what it frees serves this thread too, once it is done.
    if (Date.now() - t0 > WAIT_MS) return 0n;
  }
}

/** newEpoch bumps the limbo's epoch, so that a former owner's compare-exchanges on it fail. */
function newEpoch(heap: Heap): void {
  const at = H_LIMBO >> 1;
  for (;;) {
    const h = Atomics.load(heap.b, at);
    if (Atomics.compareExchange(heap.b, at, h, pack((hi(h) + 2) | 0, lo(h))) === h) return;
  }
}

/** merge does the owner's work; it returns the run kept for the caller, or 0. */
function merge(heap: Heap, wantUnits: number): number {
  compactions.merges++;
  let epoch = hi(Atomics.load(heap.b, H_LIMBO >> 1));
  // Pieces left by an owner that died: hand them out first.
  if (epoch & PIECES) {
    if (!handOut(heap, epoch)) return 0;
    epoch &= ~PIECES;
  }
  for (let pass = 1; ; pass++) {
    if (!gather(heap, epoch)) return 0;
    const head = Atomics.load(heap.b, H_LIMBO >> 1);
    if (hi(head) !== epoch) return 0;
    const runs = runsOf(heap, lo(head));
    const kept = keepRun(runs, wantUnits);
    // No run is long enough: free one by moving the records that lie between free runs (shared-compact.ts).
    const relocator = heap.relocator;
    const ev =
      kept === 0 && wantUnits > 0 && relocator !== null
        ? planEvacuation(heap, relocator, runs, wantUnits * 4)
        : null;
    if (!publishPieces(heap, head, cutPieces(runs), epoch)) return 0;
    const stillOwner = handOut(heap, epoch | PIECES);
    if (ev === null) return kept;
    const got = evacuate(heap, ev);
    // A write replaced a record before it moved: its old block went to a free list, and the next pass
    // gathers it (the records that did move stay moved, so each pass has less to do).
    if (got !== 0 || !stillOwner || pass === EVACUATION_PASSES) return got;
  }
}

/** EVACUATION_PASSES is how many times merge tries to free a run by moving records before it gives up. */
const EVACUATION_PASSES = 4;

/**
 * publishPieces links the pieces (highest first, so that a run that ends at the bump pointer goes back to it
 * piece by piece) and puts them in the limbo in place of the blocks list whose head was `head`.
 */
function publishPieces(heap: Heap, head: bigint, pieces: number[], epoch: number): boolean {
  const w = heap.w;
  for (let i = 0; i < pieces.length; i += 2) {
    const p = pieces[i]!;
    w[p] = i + 2 < pieces.length ? pieces[i + 2]! : 0;
    w[p + 1] = pieces[i + 1]!;
  }
  const first = pieces.length > 0 ? pieces[0]! : 0;
  return Atomics.compareExchange(heap.b, H_LIMBO >> 1, head, pack(epoch | PIECES, first)) === head;
}

/**
 * gather moves every free record block, from the magazines and the free lists, into the limbo, one at a
 * time. It returns false if this thread lost the limbo to another (then the block in its hand goes back).
 */
function gather(heap: Heap, epoch: number): boolean {
  const w = heap.w;
  for (let m = 0; m < MAGAZINES * MAGAZINE_WORDS; m++) {
    if (w[H_MAGAZINES + m] === 0) continue;
    const r = Atomics.exchange(w, H_MAGAZINES + m, 0);
    if (r === 0) continue;
    const cls = (((m % MAGAZINE_WORDS) / MAG_SLOTS) | 0) + 1;
    if (!heap.covers(r + classUnits(cls) * 4)) continue;
    heap.w[r + 3] = cls;
    if (!intoLimbo(heap, epoch, r)) {
      heap.push(H_LISTS + 2 * cls, r);
      return false;
    }
  }
  // Other threads keep freeing while this runs: take at most as many blocks as the heap can hold.
  let budget = Atomics.load(heap.w, H_TOP) >> 2;
  for (let cls = 1; cls < RECORD_CLASSES; cls++) {
    for (;;) {
      const r = heap.pop(H_LISTS + 2 * cls, classUnits(cls));
      if (r === 0) break;
      if (!intoLimbo(heap, epoch, r)) {
        heap.push(H_LISTS + 2 * cls, r);
        return false;
      }
      if (--budget <= 0) return true;
    }
  }
  return true;
}

/** intoLimbo pushes free block r onto the limbo of this epoch (false: the epoch has passed). */
function intoLimbo(heap: Heap, epoch: number, r: number): boolean {
  const at = H_LIMBO >> 1;
  for (;;) {
    const h = Atomics.load(heap.b, at);
    if (hi(h) !== epoch) return false;
    Atomics.store(heap.w, r + LINK, lo(h));
    if (Atomics.compareExchange(heap.b, at, h, pack(epoch, r)) === h) return true;
  }
}

/**
 * plan reads the limbo's blocks from first on and merges neighbours into runs; it keeps the start of the
 * first run of wantUnits units for the caller, and cuts the rest into pieces of the largest classes that
 * fit, up to MAX_PIECE_CLASS. It returns the pieces (address, class, ...) from the highest address down.
 */
function plan(heap: Heap, first: number, wantUnits: number): { pieces: number[]; kept: number } {
  const runs = runsOf(heap, first);
  const kept = keepRun(runs, wantUnits);
  return { pieces: cutPieces(runs), kept };
}

/** runsOf reads the limbo's blocks from first on and merges neighbours: runs, as sorted start, end pairs. */
function runsOf(heap: Heap, first: number): number[] {
  const blocks: number[] = [];
  const top = Atomics.load(heap.w, H_TOP);
  for (let r = first, n = 0; r !== 0 && n <= top >> 2; n++) {
    if (!heap.covers(r + 4)) break;
    const cls = heap.w[r + 3]!;
    // Never happens in a map that is not corrupt; a block it cannot size is left where it is.
    if (!isRecordClass(cls) || r + classUnits(cls) * 4 > top) break;
    blocks.push(r, r + classUnits(cls) * 4);
    r = Atomics.load(heap.w, r + LINK);
  }
  const order = Array.from({ length: blocks.length / 2 }, (_, i) => i).sort(
    (a, b) => blocks[2 * a]! - blocks[2 * b]!,
  );
  const runs: number[] = [];
  for (const i of order) {
    const start = blocks[2 * i]!;
    const end = blocks[2 * i + 1]!;
    if (runs.length > 0 && runs[runs.length - 1] === start) runs[runs.length - 1] = end;
    else runs.push(start, end);
  }
  if (runs.length > 0) heap.covers(runs[runs.length - 1]!);
  return runs;
}

/** keepRun takes wantUnits units from the start of the first run that long and returns it (0: none, or none wanted). */
function keepRun(runs: number[], wantUnits: number): number {
  if (wantUnits <= 0) return 0;
  for (let i = 0; i < runs.length; i += 2) {
    if (runs[i + 1]! - runs[i]! < wantUnits * 4) continue;
    const kept = runs[i]!;
    runs[i] = kept + wantUnits * 4;
    return kept;
  }
  return 0;
}

/** cutPieces cuts runs into pieces of the largest classes that fit: (address, class, ...), highest first. */
function cutPieces(runs: number[]): number[] {
  const pieces: number[] = [];
  for (let i = runs.length - 2; i >= 0; i -= 2) {
    const start = runs[i]!;
    const end = runs[i + 1]!;
    // Cut from the end down, so that the list runs from the highest address to the lowest.
    const cut: number[] = [];
    for (let at = start; at < end; ) {
      const cls = pieceClassIn((end - at) >> 2);
      cut.push(at, cls);
      at += classUnits(cls) * 4;
    }
    for (let j = cut.length - 2; j >= 0; j -= 2) pieces.push(cut[j]!, cut[j + 1]!);
  }
  return pieces;
}

/**
 * handOut takes the limbo's pieces one by one and gives each back: to the bump pointer when it ends there,
 * else to the free list of its class. It returns false if this thread lost the limbo to another.
 */
function handOut(heap: Heap, epoch: number): boolean {
  const at = H_LIMBO >> 1;
  for (;;) {
    const h = Atomics.load(heap.b, at);
    if (hi(h) !== epoch) return false;
    const p = lo(h);
    if (p === 0) {
      if (Atomics.compareExchange(heap.b, at, h, pack(epoch & ~PIECES, 0)) === h) return true;
      continue;
    }
    if (!heap.covers(p + 4)) return false;
    const next = Atomics.load(heap.w, p);
    const cls = Atomics.load(heap.w, p + 1);
    if (Atomics.compareExchange(heap.b, at, h, pack(epoch, next)) !== h) continue;
    if (!isRecordClass(cls)) continue;
    const end = p + classUnits(cls) * 4;
    if (Atomics.compareExchange(heap.w, H_TOP, end, p) === end) continue;
    heap.covers(end);
    heap.w[p + 3] = cls;
    heap.push(H_LISTS + 2 * cls, p);
  }
}
