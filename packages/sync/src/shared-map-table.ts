// The layout of one SharedMap index table, and the steps every path takes through tables: make one, read the
// current one, and follow one's `next` to the table its entries are moving to. (Go's swiss map keeps the
// same things in src/internal/runtime/maps/table.go.)
//
// A table is a header of TABLE_HEADER_WORDS words (its id, `next`, size, the id of the table it follows and
// the counters of its migration) and 2^log slots of two words each. A slot's low word is
// (tag << 30 | record unit << 3 | flags), its high word a stamp that is fresh on every change.
import { H_CURRENT, type Heap, TABLE_HEADER_WORDS } from './shared-heap';

// Table words. Word 0 is the table's id (0 once retired) and word 1 its `next`: together one 64-bit word, so
// every change of `next` is a compare-exchange that also checks the id. A check of the id followed by a 32-bit
// compare-exchange would not do: a thread paused between the two could, after the table was retired and its
// block reused for a new table, mark or link that new table (an ABA that wedged the map).
/** T_NEXT is the word of a table that holds its `next` (exported for the tests that stage races). */
export const T_NEXT = 1;
/** T_LOG is the word of a table that holds log2 of its slot count. */
export const T_LOG = 2;
// The id of the table this one was linked to as next. A worker that dies between making a table current and
// zeroing the old one's id leaves the old one looking alive; its `next` may later point at a reused block,
// which T_PREV exposes. A free table keeps its free-list link here.
export const T_PREV = 3;
// The counters writers bump live 64 bytes away from the id and mask every reader checks, so that inserts do
// not keep taking that cache line away from the readers.
export const T_USED = 16;
/** T_COPY is the word of a table that hands out chunks of its slots to the writers that migrate it. */
export const T_COPY = 17;
/**
 * T_RETRY is the count of used slots at which an insert next tries to start growing the table, after a try
 * found no memory for the new one: every insert past 3/4 trying again merged all the free blocks each time.
 */
export const T_RETRY = 18;
/** T_RETRY_LIVE is, likewise, the count of live entries at or below which a deletion next tries to rebuild t. */
export const T_RETRY_LIVE = 19;
/** T_SLOTS is the word of a table where its slots (two words each) start. */
export const T_SLOTS = TABLE_HEADER_WORDS;

// Slot flags: DEL, the key is deleted (its record stays, or the tombstone); SEAL, the slot is being moved to
// the next table and takes no more writes; DONE, it has moved.
export const DEL = 1;
export const SEAL = 2;
export const DONE = 4;

// A slot's low word also holds, in its top two bits, a tag: two bits of its key's hash. A slot keeps its key
// for as long as its table lives, so a probe whose tag differs steps over the slot without reading its record
// (and so without checking the stamp afterwards), which is most of the cost of a collision.
export const TAG_MASK = 3 << 30;
/** UNIT_MASK covers a record's unit (its address in 16-byte blocks): the buffer holds at most 2^27 of them. */
export const UNIT_MASK = (1 << 27) - 1;

/** tagOf returns the tag bits of a slot for a key with this hash. */
export function tagOf(hash: number): number {
  return (hash & 3) << 30;
}

/** slotWord returns the low word of a slot that holds record r (a word address) of a key with this hash. */
export function slotWord(r: number, hash: number): number {
  return ((r >>> 2) << 3) | tagOf(hash);
}

/** withUnit returns a slot's low word lo pointing at the record unit `unit` instead, its tag and flags kept. */
export function withUnit(lo: number, unit: number): number {
  return (lo & ~(UNIT_MASK << 3)) | (unit << 3);
}

/** unitOf returns the record unit in a slot's low word (0: empty); exported for the tests that stage races. */
export function unitOf(lo: number): number {
  return (lo >>> 3) & UNIT_MASK;
}

/** PENDING is T_NEXT while a migration is being set up: no new inserts, the new table is on its way. */
export const PENDING = 1;

/** MIN_LOG is log2 of the slot count of the smallest table. */
export const MIN_LOG = 6;
/** CHUNK is the number of slots a writer migrates at a time. */
export const CHUNK = 64;

/** PLAIN is true where plain typed-array loads are ordered like Atomics loads (x86-64). */
export const PLAIN = typeof process !== 'undefined' && process.arch === 'x64';

/** newTable allocates and initializes a table of 2^log empty slots; it returns its word index. */
export function newTable(heap: Heap, log: number): number {
  const t = heap.allocTable(log);
  const id = heap.stamp();
  const w = heap.w;
  Atomics.store(w, t, 0);
  w[t + T_LOG] = log;
  w[t + T_NEXT] = 0;
  w[t + T_PREV] = 0;
  w[t + T_USED] = 0;
  w[t + T_COPY] = 0;
  w[t + T_RETRY] = 0;
  w[t + T_RETRY_LIVE] = 0x7fffffff;
  const end = t + T_SLOTS + 2 * (1 << log);
  for (let s = t + T_SLOTS; s < end; s += 2) {
    w[s] = 0;
    w[s + 1] = id;
  }
  Atomics.store(w, t, id);
  return t;
}

/** tableFits makes sure this thread's views reach the whole table t. */
export function tableFits(heap: Heap, t: number): boolean {
  return (
    heap.covers(t + T_SLOTS) && heap.covers(t + T_SLOTS + 2 * (1 << (Atomics.load(heap.w, t + T_LOG) & 31)))
  );
}

/**
 * TablePair names a table: its word index and the id it had when read. A table's block is reused by later
 * tables, so the index alone does not name one; every check compares the id.
 */
export class TablePair {
  /** table is the table's word index. */
  table = 0;
  /** id is the id the table had when it was read. */
  id = 0;
}

/**
 * readCurrent reads the current table and its id into out. The two words are read one at a time (a 64-bit
 * load would allocate a BigInt): if the pair changed in between, the id is another table's, and the caller's
 * check of the table's id fails and it starts over, as for any table retired under it.
 */
export function readCurrent(heap: Heap, out: TablePair): void {
  const w = heap.w;
  out.id = Atomics.load(w, H_CURRENT + 1);
  out.table = Atomics.load(w, H_CURRENT);
  // The thread that made it current had all of it in its views, so the buffer already covers it: no waiting.
  if (!tableFits(heap, out.table))
    throw new Error('sync: SharedMap internal error: current table out of bounds');
}

// Results of followNext.
/** NO_NEXT: the table has no next table. */
export const NO_NEXT = 0;
// PENDING (1): a migration is being set up; the next table is on its way.
/** FOLLOWED: the next table and its id are in `out`. */
export const FOLLOWED = 2;
/** STALE: the table was retired, or its next cannot be trusted: start over from the current table. */
export const STALE = -1;

/**
 * followNext follows the `next` of table t (whose id was id) and checks both tables' ids: t's before and
 * after reading nx's id, and nx's own id and the id nx records of the table it follows (T_PREV). A table's
 * block may have been retired and reused at any moment; these checks are what make a thread that was paused
 * in the middle start over instead of following a link of a table that no longer exists. It returns NO_NEXT,
 * PENDING, STALE or FOLLOWED (with the next table and its id in out).
 */
export function followNext(heap: Heap, t: number, id: number, out: TablePair): number {
  const nx = Atomics.load(heap.w, t + T_NEXT);
  if (Atomics.load(heap.w, t) !== id) return STALE;
  if (nx === 0) return NO_NEXT;
  if (nx === PENDING) return PENDING;
  if (!tableFits(heap, nx)) return STALE;
  const w = heap.w;
  const nid = Atomics.load(w, nx);
  if (Atomics.load(w, t) !== id || nid === 0 || Atomics.load(w, nx + T_PREV) !== id) return STALE;
  out.table = nx;
  out.id = nid;
  return FOLLOWED;
}
