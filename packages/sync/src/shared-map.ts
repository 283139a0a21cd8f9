// SharedMap: Go's sync.Map for worker_threads, in one growable SharedArrayBuffer.
//
// The index is an open-addressing table (linear probing) of 64-bit slots. A slot's low word is
// (tag << 30 | record unit << 3 | flags), the tag being two bits of the key's hash, and its high word a stamp
// that is fresh on every change, so a reader can take a consistent snapshot with three 32-bit loads (hi, lo,
// hi) and later check that nothing changed. Records (hash, key info, value info, class, key words, value
// words) are immutable once published; every write builds a new record and publishes it with one 64-bit
// compare-exchange on the slot, then frees the record it replaced. A reader reads the record and then
// re-checks the slot's stamp (and, when its answer rests on an empty slot, the table's id): if either moved,
// what it read may have been freed and it tries again. Nothing is ever locked.
//
// A slot, once it holds key K, holds K until its table is retired (a delete sets the DEL flag and keeps the
// record), so two writers can never insert K at two places. Growth, and the compaction that drops deleted
// keys, move the entries to a new table the way Cliff Click's non-blocking hash map does: a writer links a
// new table as `next` (after marking it PENDING, which stops new inserts, so the new table can be sized
// for what it must take); then every slot of the old table is sealed (SEAL) and its record moved (DONE) by
// whichever writers pass by, in chunks, with a final sweep, so a worker that dies mid-move only leaves work
// for the others. Readers that meet a moved slot follow `next`; a sealed slot not yet moved still holds the
// latest value, since nobody writes the key in the new table before its slot is DONE. When every slot is
// DONE the finisher makes the new table current, sets the old table's id to 0 (which sends any thread still
// inside it back to the start) and frees it with the records of its deleted keys.
//
// Table blocks are reused (tables of one size take turns in the same blocks), so a table's address alone
// does not name it: every compare-exchange that changes which table is current, or a table's `next`, takes
// the (table, id) or (id, next) pair as one 64-bit word, and writers read the current table and its id
// together. A thread paused for a long time (or a stale cached id) then fails its compare-exchange or its
// id check and starts over, instead of acting on the block's new table or spinning on a check that can
// never pass.
//
// Memory is one growable SharedArrayBuffer (shared-heap.ts); a thread's views have a fixed length and are
// remade when a pointer lies beyond them. Blocks are reused only for the same size class, and tables only
// as tables, so a stale pointer always lands on a record or a table whose stamp or id tells it apart.

import { newSharedBuffer } from './shared-buffer';
import {
  Codec,
  describe,
  home,
  intHash,
  K_F64,
  K_INT,
  K_STR,
  MaxKeyBytes,
  type SharedMapCodec,
  V_INT,
  V_STR,
} from './shared-codec';
import {
  H_COUNT,
  H_CURRENT,
  H_MAGIC,
  HEADER_WORDS,
  Heap,
  MAGIC,
  pack,
  TABLE_HEADER_WORDS,
} from './shared-heap';

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
const T_PREV = 3;
// The counters writers bump live 64 bytes away from the id and mask every reader checks, so that inserts do
// not keep taking that cache line away from the readers.
const T_USED = 16;
/** T_COPY is the word of a table that hands out chunks of its slots to the writers that migrate it. */
export const T_COPY = 17;
/** T_SLOTS is the word of a table where its slots (two words each) start. */
export const T_SLOTS = TABLE_HEADER_WORDS;

// Slot flags.
const DEL = 1;
const SEAL = 2;
const DONE = 4;

// A slot's low word also holds, in its top two bits, a tag: two bits of its key's hash. A slot keeps its key
// for as long as its table lives, so a probe whose tag differs steps over the slot without reading its record
// (and so without checking the stamp afterwards), which is most of the cost of a collision.
const TAG_MASK = 3 << 30;
/** UNIT_MASK covers a record's unit (its address in 16-byte blocks): the buffer holds at most 2^27 of them. */
const UNIT_MASK = (1 << 27) - 1;

/** tagOf returns the tag bits of a slot for a key with this hash. */
function tagOf(hash: number): number {
  return (hash & 3) << 30;
}

/** slotWord returns the low word of a slot that holds record r (a word address) of a key with this hash. */
function slotWord(r: number, hash: number): number {
  return ((r >>> 2) << 3) | tagOf(hash);
}

/** unitOf returns the record unit in a slot's low word (0: empty); exported for the tests that stage races. */
export function unitOf(lo: number): number {
  return (lo >>> 3) & UNIT_MASK;
}

/** PENDING is T_NEXT while a migration is being set up: no new inserts, the new table is on its way. */
export const PENDING = 1;

const MIN_LOG = 6;
const CHUNK = 64;

// Results of a probe.
const ABSENT = 0;
const FOUND = 1;
const NEXT = 2;
const RETRY = 3;

// Operations of mutate.
const OP_STORE = 0;
const OP_LOAD_OR_STORE = 1;
const OP_LOAD_AND_DELETE = 2;
const OP_DELETE = 3;
const OP_SWAP = 4;
const OP_CAS = 5;
const OP_CAD = 6;

/** PLAIN is true where plain typed-array loads are ordered like Atomics loads (x86-64). */
const PLAIN = typeof process !== 'undefined' && process.arch === 'x64';

/** The result of intLoad when the general path must decide. */
const SLOW = Symbol('slow');
const INT_KEY_INFO = K_INT | (4 << 2);

/** STRING_CACHE is the number of decoded string values a thread keeps per map (256 KiB of arrays). */
const STRING_CACHE_LOG = 14;
const STRING_CACHE = 1 << STRING_CACHE_LOG;

const DEFAULT_MAX = 256 * 1024 * 1024;
const LIMIT_MAX = 2 ** 31 - 4096;

/** SharedMapValue is a value SharedMap stores without a codec. */
export type SharedMapValue = number | bigint | boolean | null | undefined | string | Uint8Array;

/** SharedMapHandle is the structured-cloneable value that attaches another thread to a SharedMap. */
export interface SharedMapHandle {
  /** buffer is the map's memory. */
  readonly buffer: SharedArrayBuffer;
}

/** SharedMapOptions configure a new SharedMap. */
export interface SharedMapOptions {
  /** byteLength is the initial size of the shared memory in bytes (default 64 KiB). */
  byteLength?: number;
  /** maxByteLength is the most memory the map may grow to, in bytes (default 256 MiB, at most 2 GiB). */
  maxByteLength?: number;
  /** codec stores values of other types as bytes; pass the same codec to SharedMap.from in every thread. */
  codec?: SharedMapCodec;
}

/**
 * SharedMap is like Go's sync.Map, but one map is shared by all the worker_threads that attach to it: its
 * entries live in a growable SharedArrayBuffer. Keys are strings (up to MaxKeyBytes UTF-8 bytes) and numbers
 * (compared like Map keys: NaN equals NaN, -0 equals 0); values are numbers, bigints, booleans, null,
 * undefined, strings and Uint8Arrays, stored by value (a load returns a copy), unless a codec is given. Other
 * values throw a TypeError.
 *
 * Loads never lock or wait, and writers never stop them; writes are compare-and-swap loops, so a worker that
 * is terminated in the middle of a write cannot leave the map locked. Every single-key operation is
 * linearizable. Post `map.handle` to a worker and call `SharedMap.from(handle)` there.
 *
 * @example
 * ```ts
 * import { SharedMap } from '@gostd/sync';
 *
 * const m = new SharedMap<string, number | string>();
 * m.store('answer', 42);
 * m.store('greeting', 'hello');
 * console.log(m.load('answer'));
 * console.log(m.loadOrStore('greeting', 'hi'));
 * console.log(m.compareAndSwap('answer', 42, 43), m.get('answer'));
 * // In a worker: const same = SharedMap.from(workerData.handle)
 * const same = SharedMap.from(m.handle);
 * console.log(same.get('greeting'), same.size);
 * // Output:
 * // [ 42, true ]
 * // [ 'hello', true ]
 * // true 43
 * // hello 2
 * ```
 */
export class SharedMap<K extends string | number = string | number, V = SharedMapValue> {
  private readonly heap: Heap;
  private readonly c: Codec;
  // The table read() saw last: its word index, id and slot mask.
  private ct = 0;
  private cid = 0;
  private cmask = 0;
  // The record and slot stamp of the last FOUND probe, and a cache of decoded string values: a record with
  // a given stamp never changes, so (record, stamp) names one string for good. Allocated at the first miss.
  private fr = 0;
  private fhi = 0;
  private scR = new Int32Array(0);
  private scHi = new Int32Array(0);
  private scS: string[] = [];
  // The id currentTable() read with the current table.
  private curId = 0;
  // Scratch for the key of a record being moved.
  private mk = new Int32Array(16);

  /**
   * new SharedMap makes a new, empty SharedMap in a fresh growable SharedArrayBuffer.
   *
   * @example
   * ```ts
   * import { SharedMap } from '@gostd/sync';
   *
   * const m = new SharedMap({ maxByteLength: 16 * 1024 * 1024 });
   * m.store(1, 'one');
   * console.log(m.get(1), m.handle.buffer.growable);
   * // Output:
   * // one true
   * ```
   */
  constructor(options: SharedMapOptions = {}, attach?: SharedArrayBuffer) {
    if (attach) {
      this.heap = new Heap(attach);
    } else {
      const max = options.maxByteLength ?? DEFAULT_MAX;
      if (!(max >= 65536 && max <= LIMIT_MAX)) {
        throw new RangeError(`sync: SharedMap maxByteLength must be between 65536 and ${LIMIT_MAX}`);
      }
      const initial = Math.min(max, Math.max(4096, options.byteLength ?? 65536));
      const sab = newSharedBuffer('new SharedMap', initial, max);
      // Without growable SharedArrayBuffers, reserve the whole maximum (the OS commits pages lazily).
      this.heap = new Heap(sab.growable ? sab : newSharedBuffer('new SharedMap', max));
      this.heap.init(max);
    }
    this.c = new Codec(options.codec);
    if (!attach) {
      const t = this.newTable(MIN_LOG);
      Atomics.store(this.heap.b, H_CURRENT >> 1, pack(Atomics.load(this.heap.w, t), t));
    }
  }

  /**
   * from attaches to the SharedMap whose handle was posted to this thread. Pass the same codec option as the
   * thread that made the map.
   *
   * @example
   * ```ts
   * import { SharedMap } from '@gostd/sync';
   *
   * const m = new SharedMap();
   * const handle = structuredClone(m.handle); // what postMessage does
   * SharedMap.from(handle).store('k', 'v');
   * console.log(m.load('k'));
   * // Output:
   * // [ 'v', true ]
   * ```
   */
  static from<K extends string | number = string | number, V = SharedMapValue>(
    handle: SharedMapHandle,
    options: { codec?: SharedMapCodec } = {},
  ): SharedMap<K, V> {
    const buf = (handle as { buffer?: unknown } | null)?.buffer;
    if (!(buf instanceof SharedArrayBuffer) || buf.byteLength < HEADER_WORDS * 4) {
      throw new TypeError(`sync: SharedMap.from needs a SharedMap handle, not ${describe(handle)}`);
    }
    if (Atomics.load(new Int32Array(buf, 0, 1), H_MAGIC) !== MAGIC) {
      throw new TypeError('sync: SharedMap.from: the buffer does not hold a SharedMap');
    }
    return new SharedMap<K, V>(options, buf);
  }

  /** handle is a plain, structured-cloneable value: post it to a worker and call SharedMap.from there. */
  get handle(): SharedMapHandle {
    return { buffer: this.heap.sab };
  }

  /**
   * byteLength is the number of bytes of shared memory the map has taken from its buffer so far (free blocks
   * waiting for reuse included); the buffer itself grows in doublings up to maxByteLength.
   */
  get byteLength(): number {
    return this.heap.bytes();
  }

  /**
   * size is the number of entries in the map: under concurrent writes, the count at some recent moment. A
   * worker terminated inside a write can leave it off by one.
   */
  get size(): number {
    return Math.max(0, Atomics.load(this.heap.w, H_COUNT));
  }

  /**
   * load returns the value stored in the map for key and true, or [undefined, false] when no value is
   * present. It never locks or waits.
   *
   * @example
   * ```ts
   * import { SharedMap } from '@gostd/sync';
   *
   * const m = new SharedMap();
   * m.store('k', 1n);
   * console.log(m.load('k'), m.load('missing'));
   * // Output:
   * // [ 1n, true ] [ undefined, false ]
   * ```
   */
  load(key: K): [value: V | undefined, ok: boolean] {
    if (PLAIN && typeof key === 'number' && (key | 0) === key) {
      const v = this.intLoad(key);
      if (v !== SLOW) return v === undefined ? [undefined, false] : [v as V, true];
    }
    this.c.key(key);
    return this.read() === FOUND ? [this.found() as V, true] : [undefined, false];
  }

  /** get returns the value stored for key, or undefined when there is none. */
  get(key: K): V | undefined {
    if (PLAIN && typeof key === 'number' && (key | 0) === key) {
      const v = this.intLoad(key);
      if (v !== SLOW) return v as V | undefined;
    }
    this.c.key(key);
    if (this.read() !== FOUND) return undefined;
    const c = this.c;
    return (c.rType === V_INT ? c.rBuf[0] : this.found()) as V;
  }

  /** has reports whether a value is stored for key. */
  has(key: K): boolean {
    this.c.key(key);
    return this.read() === FOUND;
  }

  /** store sets the value for key. It throws a TypeError for a value the map cannot hold. */
  store(key: K, value: V): void {
    this.c.key(key);
    this.c.value(value);
    this.mutate(OP_STORE, undefined);
  }

  /**
   * loadOrStore returns the existing value for key and true if present. Otherwise it stores value and returns
   * value and false.
   */
  loadOrStore(key: K, value: V): [actual: V, loaded: boolean] {
    this.c.key(key);
    this.c.value(value);
    return this.mutate(OP_LOAD_OR_STORE, undefined) ? [this.c.decoded() as V, true] : [value, false];
  }

  /** loadAndDelete deletes the value for key, returning the previous value if any and whether it was present. */
  loadAndDelete(key: K): [value: V | undefined, loaded: boolean] {
    this.c.key(key);
    return this.mutate(OP_LOAD_AND_DELETE, undefined) ? [this.c.decoded() as V, true] : [undefined, false];
  }

  /** delete deletes the value for key. */
  delete(key: K): void {
    this.c.key(key);
    this.mutate(OP_DELETE, undefined);
  }

  /** swap stores value for key and returns the previous value if any and whether it was present. */
  swap(key: K, value: V): [previous: V | undefined, loaded: boolean] {
    this.c.key(key);
    this.c.value(value);
    return this.mutate(OP_SWAP, undefined) ? [this.c.decoded() as V, true] : [undefined, false];
  }

  /**
   * compareAndSwap swaps the old and new values for key if the value stored in the map equals old, compared by
   * value (`===` for primitives, so NaN never matches and -0 matches 0; bytewise for Uint8Arrays and codec
   * values). It returns whether it swapped; it is false for a missing key.
   *
   * @example
   * ```ts
   * import { SharedMap } from '@gostd/sync';
   *
   * const m = new SharedMap<string, number>();
   * m.store('hits', 0);
   * // The lock-free increment that is safe from any number of workers:
   * for (;;) {
   *   const n = m.get('hits') ?? 0;
   *   if (m.compareAndSwap('hits', n, n + 1)) break;
   * }
   * console.log(m.get('hits'));
   * // Output:
   * // 1
   * ```
   */
  compareAndSwap(key: K, old: V, value: V): boolean {
    this.c.key(key);
    this.c.value(value);
    return this.mutate(OP_CAS, old) === 1;
  }

  /** compareAndDelete deletes the entry for key if its value equals old (as in compareAndSwap). */
  compareAndDelete(key: K, old: V): boolean {
    this.c.key(key);
    return this.mutate(OP_CAD, old) === 1;
  }

  /**
   * range calls f sequentially for each key and value present in the map; if f returns false, range stops.
   * As in Go, range is not a snapshot: no key is visited more than once, every key present for the whole
   * call is visited, and a key stored or deleted concurrently may be seen with any value it held during the
   * call, or not at all. f may call any method of the map.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: f may be a function that returns nothing
  range(f: (key: K, value: V) => boolean | undefined | void): void {
    const seen = new Set<K>();
    const c = this.c;
    const heap = this.heap;
    restart: for (;;) {
      let [t, id] = this.current();
      // Scan t, then the table its entries are moving to, if any: a slot that has moved (DONE) is visited
      // in the next table, so every key present throughout is visited, and `seen` keeps it to once.
      for (;;) {
        const cap = 1 << Atomics.load(heap.w, t + T_LOG);
        for (let i = 0; i < cap; i++) {
          const w = heap.w;
          const s = t + T_SLOTS + 2 * i;
          const hi = Atomics.load(w, s + 1);
          const lo = Atomics.load(w, s);
          const unit = unitOf(lo);
          if (unit === 0 || (lo & (DEL | DONE)) !== 0) continue;
          const r = unit << 2;
          const key = heap.covers(r + 8) ? this.keyOf(r) : undefined;
          const live = key !== undefined && this.readRaw(r, ((Atomics.load(heap.w, r + 1) >>> 2) + 3) >> 2);
          if (Atomics.load(w, s + 1) !== hi || Atomics.load(w, t) !== id) {
            if (Atomics.load(w, t) !== id) continue restart;
            i--; // the slot changed: read it again
            continue;
          }
          if (!live || seen.has(key as K)) continue;
          seen.add(key as K);
          if (f(key as K, c.decoded() as V) === false) return;
        }
        const w = heap.w;
        const nx = Atomics.load(w, t + T_NEXT);
        if (Atomics.load(w, t) !== id) continue restart;
        if (nx <= PENDING) return;
        if (!this.tableFits(nx)) continue restart;
        const nid = Atomics.load(heap.w, nx);
        if (Atomics.load(w, t) !== id || nid === 0 || Atomics.load(heap.w, nx + T_PREV) !== id)
          continue restart;
        t = nx;
        id = nid;
      }
    }
  }

  /** clear deletes all the entries, leaving the map empty (each entry is deleted at some moment of the call). */
  clear(): void {
    this.range((k) => {
      this.delete(k);
      return true;
    });
  }

  // ---- reading ----

  /** found returns the value read() found, decoding a string only the first time this thread sees it. */
  private found(): unknown {
    const c = this.c;
    if (c.rType !== V_STR) return c.decoded();
    const i = Math.imul(this.fr, 0x9e3779b1) >>> (32 - STRING_CACHE_LOG);
    if (this.scR[i] === this.fr && this.scHi[i] === this.fhi) return this.scS[i];
    const v = c.decoded() as string;
    if (this.scS.length === 0) {
      this.scR = new Int32Array(STRING_CACHE);
      this.scHi = new Int32Array(STRING_CACHE);
      this.scS = new Array<string>(STRING_CACHE).fill('');
    }
    this.scR[i] = this.fr;
    this.scHi[i] = this.fhi;
    this.scS[i] = v;
    return v;
  }

  /**
   * intLoad is the fast path of load and get for an int32 key whose value is an int32, in the table read()
   * used last, on x64: the same reads and checks as read() and probeRead(), without their generality. It
   * returns the value (never undefined: it only answers for int32 values), undefined when the key is not
   * there, or SLOW when the general path must decide.
   */
  private intLoad(k: number): number | undefined | typeof SLOW {
    const t = this.ct;
    if (t === 0) return SLOW;
    const heap = this.heap;
    const w = heap.w;
    const len = heap.len;
    const id = this.cid;
    const mask = this.cmask;
    const h = intHash(k);
    const tag = tagOf(h);
    let i = home(h, mask);
    for (let n = 0; n <= mask; n++) {
      const s = t + T_SLOTS + 2 * i;
      const hi = w[s + 1]!;
      const lo = w[s]!;
      // A migration is passing through (and a DONE slot's key must not be looked at): the general path.
      if (lo & SEAL) return SLOW;
      const unit = unitOf(lo);
      if (unit === 0) {
        if (Atomics.load(w, s + 1) !== hi || Atomics.load(w, t) !== id) return SLOW;
        return undefined;
      }
      if ((lo ^ tag) & TAG_MASK) {
        i = (i + 1) & mask;
        continue;
      }
      const r = unit << 2;
      if (r + 8 > len) return SLOW;
      // intHash is a bijection of int32 keys, so a record of an int32 key with hash h is a record of k.
      if (w[r] === h && w[r + 1] === INT_KEY_INFO) {
        const info = w[r + 2]!;
        const v = w[r + 5]!;
        if (lo & DEL || (info & 15) !== V_INT) return SLOW;
        // Only the stamp needs checking here, not the table's id: t may have been retired and its block reused
        // by another table since it was cached, but every slot is sealed (with a fresh stamp) before its table
        // is retired, and a slot of any live table that holds the key and is not sealed holds the key's latest
        // state (a key is written in the next table only once its slot in the old one is DONE).
        if (Atomics.load(w, s + 1) !== hi) return SLOW;
        return v;
      }
      if (Atomics.load(w, s + 1) !== hi) return SLOW;
      i = (i + 1) & mask;
    }
    return SLOW;
  }

  /** tableFits makes sure this thread's views reach the whole table t. */
  private tableFits(t: number): boolean {
    const heap = this.heap;
    return (
      heap.covers(t + T_SLOTS) && heap.covers(t + T_SLOTS + 2 * (1 << (Atomics.load(heap.w, t + T_LOG) & 31)))
    );
  }

  /** current returns the current table and its id, read consistently. */
  private current(): [table: number, id: number] {
    const t = this.currentTable();
    return [t, this.curId];
  }

  /**
   * currentTable returns the current table, leaving its id in curId. The two words are read one at a time
   * (a 64-bit load would allocate a BigInt): if the pair changed in between, the id is another table's, and
   * the caller's check of the table's id fails and it starts over, as for any table retired under it.
   */
  private currentTable(): number {
    const w = this.heap.w;
    this.curId = Atomics.load(w, H_CURRENT + 1);
    const t = Atomics.load(w, H_CURRENT);
    // The thread that made t current had all of it in its views, so the buffer already covers it: no waiting.
    if (!this.tableFits(t)) throw new Error('sync: SharedMap internal error: current table out of bounds');
    return t;
  }

  /**
   * read looks up the key in c.k*, leaving its value in c.r*; it returns FOUND or ABSENT. The current table,
   * its id and mask are cached: the id check at the end of probeRead catches a cache gone stale.
   */
  private read(): number {
    for (;;) {
      // A cached table that is no longer current still answers right: its moved slots say NEXT, and once it
      // is retired its id check fails.
      const t = this.ct;
      if (t === 0 && !this.cache()) continue;
      const res = this.probeRead(this.ct, this.cid, this.cmask);
      if (res === NEXT) {
        const res2 = this.readNext(this.ct, this.cid);
        if (res2 !== RETRY) return res2;
      } else if (res !== RETRY) {
        return res;
      }
      this.ct = 0;
    }
  }

  /** cache makes the current table the one read() starts from; false if it changed meanwhile. */
  private cache(): boolean {
    const [t, id] = this.current();
    const w = this.heap.w;
    if (Atomics.load(w, t) !== id) return false;
    this.ct = t;
    this.cid = id;
    this.cmask = (1 << Atomics.load(w, t + T_LOG)) - 1;
    return true;
  }

  /** readNext follows the migration from table t (whose probe said NEXT) to the tables after it. */
  private readNext(t: number, id: number): number {
    const heap = this.heap;
    for (;;) {
      let w = heap.w;
      const nx = Atomics.load(w, t + T_NEXT);
      if (Atomics.load(w, t) !== id) return RETRY;
      if (nx <= PENDING) return ABSENT; // a full table, and no key
      if (!this.tableFits(nx)) return RETRY;
      w = heap.w;
      const nid = Atomics.load(w, nx);
      if (Atomics.load(w, t) !== id || nid === 0 || Atomics.load(w, nx + T_PREV) !== id) return RETRY;
      t = nx;
      id = nid;
      const res = this.probeRead(t, id, (1 << Atomics.load(w, t + T_LOG)) - 1);
      if (res !== NEXT) return res;
    }
  }

  // The reads between two Atomics.load of a slot's stamp are plain loads on x64 (whose loads are not
  // reordered with other loads), and Atomics.load elsewhere: the stamp check makes either safe to use.

  // A DONE slot's record moved to the next table, where a write may since have replaced it and freed it, and
  // the block may now hold another record, even one for the same key: so a probe never looks at the key of a
  // DONE slot. It steps over it, and if the probe then ends at an empty slot the key may have been in a DONE
  // slot it stepped over, so the answer is in the next table. A slot that is not DONE holds its own record
  // for as long as its stamp does not change.
  private probeRead(t: number, id: number, mask: number): number {
    const heap = this.heap;
    let w = heap.w;
    let i = home(this.c.kHash, mask);
    const tag = tagOf(this.c.kHash);
    let moved = false;
    for (let n = 0; n <= mask; ) {
      const s = t + T_SLOTS + 2 * i;
      const hi = PLAIN ? w[s + 1]! : Atomics.load(w, s + 1);
      const lo = PLAIN ? w[s]! : Atomics.load(w, s);
      if (lo & DONE) {
        // DONE is final: no need to check the stamp.
        moved = true;
        i = (i + 1) & mask;
        n++;
        continue;
      }
      const unit = unitOf(lo);
      if (unit === 0) {
        if (Atomics.load(w, s + 1) !== hi) continue;
        if (lo & SEAL || moved) return NEXT;
        return Atomics.load(w, t) === id ? ABSENT : RETRY;
      }
      if ((lo ^ tag) & TAG_MASK) {
        i = (i + 1) & mask;
        n++;
        continue;
      }
      const r = unit << 2;
      if (r + 8 > heap.len) {
        if (!heap.covers(r + 8)) {
          if (Atomics.load(w, s + 1) !== hi) continue;
          return RETRY;
        }
        w = heap.w;
      }
      if (!this.keyAt(r)) {
        if (Atomics.load(w, s + 1) !== hi) continue;
        i = (i + 1) & mask;
        n++;
        continue;
      }
      const found = (lo & DEL) === 0 && this.readRaw(r, this.c.kWords);
      if (Atomics.load(w, s + 1) !== hi) continue;
      // No need to check t's id here (see intLoad): a slot that holds the key and is not sealed holds its
      // latest state, in whichever table t's block now is. Only an empty slot's answer depends on the table.
      this.fr = r;
      this.fhi = hi;
      return found ? FOUND : ABSENT;
    }
    return NEXT;
  }

  /** keyAt reports whether the record at r (r + 8 in view) holds the key in c.k* (the caller validates). */
  private keyAt(r: number): boolean {
    const heap = this.heap;
    const c = this.c;
    let w = heap.w;
    if (PLAIN) {
      if (w[r] !== c.kHash || w[r + 1] !== c.kInfo) return false;
    } else if (Atomics.load(w, r) !== c.kHash || Atomics.load(w, r + 1) !== c.kInfo) return false;
    const n = c.kWords;
    const k = c.kBuf;
    if (n === 1) return (PLAIN ? w[r + 4] : Atomics.load(w, r + 4)) === k[0];
    if (r + 4 + n > heap.len) {
      if (!heap.covers(r + 4 + n)) return false;
      w = heap.w;
    }
    if (PLAIN) {
      for (let j = 0; j < n; j++) if (w[r + 4 + j] !== k[j]) return false;
    } else {
      for (let j = 0; j < n; j++) if (Atomics.load(w, r + 4 + j) !== k[j]) return false;
    }
    return true;
  }

  /** keyOf returns the key of the record at r (r + 8 in view; undefined if what it read was not a key). */
  private keyOf(r: number): string | number | undefined {
    const heap = this.heap;
    const w = heap.w;
    const info = Atomics.load(w, r + 1);
    const type = info & 3;
    const len = info >>> 2;
    if (type === K_INT) return Atomics.load(w, r + 4);
    if (type === K_F64) {
      const f = new Int32Array(2);
      f[0] = Atomics.load(w, r + 4);
      f[1] = Atomics.load(w, r + 5);
      return new Float64Array(f.buffer)[0];
    }
    if (type !== K_STR || len > MaxKeyBytes) return undefined;
    const words = (len + 3) >> 2;
    if (!heap.covers(r + 4 + words)) return undefined;
    const buf = new Int32Array(words);
    const v = heap.w;
    for (let j = 0; j < words; j++) buf[j] = Atomics.load(v, r + 4 + j);
    return new TextDecoder().decode(new Uint8Array(buf.buffer, 0, len));
  }

  /** readRaw copies the value of the record at r (whose key has kWords words) into c.r*; false if garbled. */
  private readRaw(r: number, kWords: number): boolean {
    const heap = this.heap;
    const c = this.c;
    let w = heap.w;
    const info = PLAIN ? w[r + 2]! : Atomics.load(w, r + 2);
    const type = info & 15;
    const len = info >>> 4;
    const at = r + 4 + kWords;
    c.rType = type;
    c.rLen = len;
    const words = (len + 3) >> 2;
    if (at + words > heap.len) {
      if (!heap.covers(at + words)) return false;
      w = heap.w;
    }
    if (type === V_INT) {
      c.rBuf[0] = PLAIN ? w[at]! : Atomics.load(w, at);
      return true;
    }
    if (type === 0 || type > 10) return false;
    const buf = c.rGrow(words);
    if (PLAIN) {
      for (let j = 0; j < words; j++) buf[j] = w[at + j]!;
    } else {
      for (let j = 0; j < words; j++) buf[j] = Atomics.load(w, at + j);
    }
    return true;
  }

  // ---- writing ----

  /** build allocates a record for the key in c.k* and the value in c.v*. */
  private build(): number {
    const c = this.c;
    const words = 4 + c.kWords + c.vWords;
    const r = this.heap.allocRecord((words + 3) >> 2);
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
   * mutate applies op to the key in c.k* (and the value in c.v*). It returns 1 when the op found a live entry
   * (its value read back into c.r*) or, for OP_CAS and OP_CAD, when it swapped or deleted; else 0.
   */
  private mutate(op: number, old: unknown): number {
    const c = this.c;
    const heap = this.heap;
    const inserts = op === OP_STORE || op === OP_LOAD_OR_STORE || op === OP_SWAP;
    const needsValue = op !== OP_STORE && op !== OP_DELETE;
    let rec = 0;
    try {
      outer: for (;;) {
        // The current table and its id, read together: a cached id could be stale for a block that was retired
        // and came back as the current table, and no check against it would ever pass.
        let t = this.currentTable();
        let id = this.curId;
        // Finish (a share of) any migration first: writes only ever happen in the newest table.
        for (;;) {
          const w = heap.w;
          const nx = Atomics.load(w, t + T_NEXT);
          if (nx === 0) break;
          if (nx === PENDING) {
            this.softly(() => this.installNext(t, id));
            continue outer;
          }
          if (Atomics.load(w, t) !== id || !this.tableFits(nx)) continue outer;
          const nid = Atomics.load(heap.w, nx);
          if (Atomics.load(w, t) !== id || nid === 0 || Atomics.load(heap.w, nx + T_PREV) !== id)
            continue outer;
          if (!this.helpMigrate(t, id, nx, nid)) continue outer;
          if (!this.migrateKey(t, id, nx, nid)) continue outer;
          t = nx;
          id = nid;
        }
        if (Atomics.load(heap.w, t) !== id) {
          this.ct = 0;
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
              this.finishAll();
              continue outer;
            }
            if (rec === 0) rec = this.build();
            if (Atomics.load(w, t) !== id) continue outer;
            const s = pack(hi, lo);
            if (Atomics.compareExchange(b, si, s, pack(heap.stamp(), slotWord(rec, c.kHash))) !== s) continue;
            rec = 0;
            Atomics.add(w, H_COUNT, 1);
            if (Atomics.add(w, t + T_USED, 1) + 1 >= ((mask + 1) * 3) >> 2) {
              this.softly(() => this.startMigration(t, id));
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
          if (!this.keyAt(r)) {
            if (Atomics.load(w, sw + 1) !== hi) continue;
            i = (i + 1) & mask;
            n++;
            continue;
          }
          const live = (lo & DEL) === 0;
          if (live && needsValue && !this.readRaw(r, c.kWords)) {
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
            const live = Atomics.sub(w, H_COUNT, 1) - 1;
            // Mostly deleted keys: rebuild the index to drop them and free their records.
            if (Atomics.load(w, t + T_USED) - live > (mask + 1) >> 1)
              this.softly(() => this.startMigration(t, id));
          }
          return result;
        }
        // The table is full of keys: move to a bigger one.
        this.startMigration(t, id);
        if (Atomics.load(heap.w, t + T_NEXT) === 0) this.finishAll();
      }
    } finally {
      if (rec !== 0) heap.freeRecord(rec);
    }
  }

  // ---- growth and compaction ----

  /**
   * softly runs f, which may start a migration, ignoring running out of memory: the current table keeps
   * working, and a write that truly needs room throws the error itself.
   */
  private softly(f: () => void): void {
    try {
      f();
    } catch (e) {
      if (!(e instanceof RangeError && e.message.startsWith('sync: SharedMap is out of memory'))) throw e;
    }
  }

  /** newTable allocates and initializes a table of 2^log empty slots; it returns its word index. */
  private newTable(log: number): number {
    const t = this.heap.allocTable(log);
    const id = this.heap.stamp();
    const w = this.heap.w;
    Atomics.store(w, t, 0);
    w[t + T_LOG] = log;
    w[t + T_NEXT] = 0;
    w[t + T_PREV] = 0;
    w[t + T_USED] = 0;
    w[t + T_COPY] = 0;
    const end = t + T_SLOTS + 2 * (1 << log);
    for (let s = t + T_SLOTS; s < end; s += 2) {
      w[s] = 0;
      w[s + 1] = id;
    }
    Atomics.store(w, t, id);
    return t;
  }

  /**
   * startMigration marks t as moving (next = PENDING, which stops new inserts into t) and links a new table.
   * Counting the live entries only after PENDING bounds what the new table must take.
   */
  private startMigration(t: number, id: number): void {
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
  private installNext(t: number, id: number): void {
    const live = Math.max(0, Atomics.load(this.heap.w, H_COUNT));
    let log = MIN_LOG;
    while (1 << log < 2 * live + 64) log++;
    let nx: number;
    try {
      nx = this.newTable(log);
    } catch (e) {
      // Out of memory: t stays current (and keeps serving every write that needs no new slot).
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
  private finishAll(): void {
    const [t, id] = this.current();
    const w = this.heap.w;
    const nx = Atomics.load(w, t + T_NEXT);
    if (nx === 0) return;
    if (nx === PENDING) {
      this.softly(() => this.installNext(t, id));
      return;
    }
    if (Atomics.load(w, t) !== id || !this.tableFits(nx)) return;
    const nid = Atomics.load(this.heap.w, nx);
    if (Atomics.load(w, t) !== id || nid === 0 || Atomics.load(this.heap.w, nx + T_PREV) !== id) return;
    this.sweep(t, id, nx, nid);
  }

  /** helpMigrate copies one chunk of t into nx; the taker of the last chunk sweeps and finishes. */
  private helpMigrate(t: number, id: number, nx: number, nid: number): boolean {
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
  private sweep(t: number, id: number, nx: number, nid: number): boolean {
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
  private promote(t: number, id: number, nx: number, nid: number): boolean {
    const w = this.heap.w;
    const log = Atomics.load(w, t + T_LOG);
    const cap = 1 << log;
    const cur = pack(id, t);
    if (Atomics.compareExchange(this.heap.b, H_CURRENT >> 1, cur, pack(nid, nx)) !== cur) {
      return Atomics.load(w, t) !== id;
    }
    // We retired t: anyone still inside it sees id 0 and starts over, so its memory can be reused.
    Atomics.store(w, t, 0);
    // Its live records moved to nx; the records that only held a deleted key are freed here.
    for (let i = 0; i < cap; i++) {
      const lo = Atomics.load(w, t + T_SLOTS + 2 * i);
      const unit = unitOf(lo);
      if (unit !== 0 && lo & DEL && this.heap.covers((unit << 2) + 8)) this.heap.freeRecord(unit << 2);
    }
    this.heap.freeTable(t, log);
    return true;
  }

  /** migrateKey makes sure the slot for c.k* in t (or the empty slot ending its probe) is DONE. */
  private migrateKey(t: number, id: number, nx: number, nid: number): boolean {
    const heap = this.heap;
    const w = heap.w;
    const mask = (1 << Atomics.load(w, t + T_LOG)) - 1;
    let i = home(this.c.kHash, mask);
    for (let n = 0; n <= mask; ) {
      const s = t + T_SLOTS + 2 * i;
      const hi = Atomics.load(w, s + 1);
      const lo = Atomics.load(w, s);
      if (Atomics.load(w, s + 1) !== hi) continue;
      // A DONE slot's record may have been freed and reused since it moved (see probeRead): step over it.
      // If it held the key, the probe ends at an empty slot, and sealing that is all there is to do.
      if (lo & DONE) {
        i = (i + 1) & mask;
        n++;
        continue;
      }
      const unit = unitOf(lo);
      if (unit !== 0 && !heap.covers((unit << 2) + 8)) return false;
      if (unit === 0 || this.keyAt(unit << 2)) {
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
  private migrateSlot(t: number, id: number, nx: number, nid: number, i: number): boolean {
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
        // Seal it; an empty slot or a deleted key has nothing to copy, so it is DONE at once.
        const sealed = lo | SEAL | (unit === 0 || lo & DEL ? DONE : 0);
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
  private copyInto(t: number, id: number, si: number, s: bigint, r: number, nx: number, nid: number): number {
    const heap = this.heap;
    if (!heap.covers(r + 8)) return -1;
    let w = heap.w;
    const hash = Atomics.load(w, r);
    const kInfo = Atomics.load(w, r + 1);
    const kWords = ((kInfo >>> 2) + 3) >> 2;
    if (!heap.covers(r + 4 + kWords)) return -1;
    w = heap.w;
    if (kWords > this.mk.length) this.mk = new Int32Array(kWords);
    const key = this.mk;
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
