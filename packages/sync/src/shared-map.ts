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
// remade when a pointer lies beyond them. A table's block is only ever a table again, so a stale table
// pointer always lands on a table whose id tells it apart; a record's block may be merged and cut into
// records of other sizes, or a table, when the heap is full, so every read of a record is bounded by its
// block and checked against its slot's stamp before it is used.
//
// The parts: shared-map-table.ts (a table's layout, making one, following `next`), shared-map-read.ts
// (lookups and the int fast path), shared-map-migrate.ts (growth, compaction, reclaiming a full heap),
// shared-heap.ts (memory), shared-coalesce.ts (merging free blocks of a full heap), shared-compact.ts and
// shared-map-relocate.ts (moving records out of the way when no merged run is long enough) and
// shared-codec.ts (keys and values as words, hashing); this file holds the API, writes (mutate) and range.

import { newSharedBuffer } from './shared-buffer';
import { Codec, describe, type SharedMapCodec, V_INT } from './shared-codec';
import {
  H_COUNT,
  H_CURRENT,
  H_MAGIC,
  H_SEED,
  HEADER_WORDS,
  Heap,
  MAGIC,
  pack,
  SEED_WORDS,
} from './shared-heap';
import { Migration } from './shared-map-migrate';
import { FOUND, INT_SLOW, NO_SLOT, Reader, SLOW } from './shared-map-read';
import { listRecords, moveRecord } from './shared-map-relocate';
import {
  DEL,
  DONE,
  FOLLOWED,
  followNext,
  MIN_LOG,
  newTable,
  PLAIN,
  readCurrent,
  STALE,
  T_LOG,
  T_SLOTS,
  TablePair,
  unitOf,
} from './shared-map-table';
import {
  OP_CAD,
  OP_CAS,
  OP_DELETE,
  OP_LOAD_AND_DELETE,
  OP_LOAD_OR_STORE,
  OP_STORE,
  OP_SWAP,
  Writer,
} from './shared-map-write';

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
  /** heap is the map's memory as this thread sees it. */
  private readonly heap: Heap;
  /** codec encodes this thread's keys and values, and decodes what it reads. */
  private readonly codec: Codec;
  /** reader looks keys up (and caches what it decoded). */
  private readonly reader: Reader;
  /** migration moves entries from table to table as the index grows or sheds deleted keys. */
  private readonly migration: Migration;
  /** pair is scratch for reading a table and its id. */
  private readonly pair = new TablePair();
  /** writer applies this thread's writes. */
  private readonly writer: Writer;

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
    checkOptions(options, 'new SharedMap', true);
    if (attach !== undefined) {
      checkBuffer(attach, 'new SharedMap');
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
    this.heap.attach();
    this.heap.relocator = { list: listRecords, move: moveRecord };
    const seed: number[] = [];
    for (let i = 0; i < SEED_WORDS; i++) seed.push(Atomics.load(this.heap.w, H_SEED + i));
    this.codec = new Codec(options.codec, seed);
    this.reader = new Reader(this.heap, this.codec);
    this.migration = new Migration(this.heap, this.reader);
    this.writer = new Writer(this.heap, this.codec, this.reader, this.migration);
    if (!attach) {
      const t = newTable(this.heap, MIN_LOG);
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
    if (!(buf instanceof SharedArrayBuffer)) {
      throw new TypeError(`sync: SharedMap.from needs a SharedMap handle, not ${describe(handle)}`);
    }
    checkBuffer(buf, 'SharedMap.from');
    checkOptions(options, 'SharedMap.from', false);
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
      const v = this.reader.intLoad(key);
      if (v !== SLOW) return v === undefined ? [undefined, false] : [v as V, true];
    }
    this.codec.key(key);
    return this.reader.read() === FOUND ? [this.reader.found() as V, true] : [undefined, false];
  }

  /** get returns the value stored for key, or undefined when there is none. */
  get(key: K): V | undefined {
    if (PLAIN && typeof key === 'number' && (key | 0) === key) {
      const v = this.reader.intLoad(key);
      if (v !== SLOW) return v as V | undefined;
    }
    this.codec.key(key);
    if (this.reader.read() !== FOUND) return undefined;
    const c = this.codec;
    return (c.rType === V_INT ? c.rBuf[0] : this.reader.found()) as V;
  }

  /** has reports whether a value is stored for key. */
  has(key: K): boolean {
    this.codec.key(key);
    return this.reader.read() === FOUND;
  }

  /** store sets the value for key. It throws a TypeError for a value the map cannot hold. */
  store(key: K, value: V): void {
    this.codec.key(key);
    this.codec.value(value);
    if (PLAIN && typeof key === 'number' && (key | 0) === key) {
      // An int key that has a value: one probe finds its slot, and the new record replaces the old one there.
      const reader = this.reader;
      const s = reader.intSlot(key);
      if (
        s > 0 &&
        this.writer.replaceSlot(reader.cachedTable, reader.cachedId, s, reader.slotHi, reader.slotLo)
      )
        return;
    }
    this.writer.mutate(OP_STORE, undefined);
  }

  /**
   * loadOrStore returns the existing value for key and true if present. Otherwise it stores value and returns
   * value and false.
   */
  loadOrStore(key: K, value: V): [actual: V, loaded: boolean] {
    this.codec.key(key);
    this.codec.value(value);
    return this.writer.mutate(OP_LOAD_OR_STORE, undefined)
      ? [this.codec.decoded() as V, true]
      : [value, false];
  }

  /** loadAndDelete deletes the value for key, returning the previous value if any and whether it was present. */
  loadAndDelete(key: K): [value: V | undefined, loaded: boolean] {
    this.codec.key(key);
    return this.writer.mutate(OP_LOAD_AND_DELETE, undefined)
      ? [this.codec.decoded() as V, true]
      : [undefined, false];
  }

  /** delete deletes the value for key. */
  delete(key: K): void {
    if (PLAIN && typeof key === 'number' && (key | 0) === key) {
      // An int key: one probe answers a key that is not there, and finds the slot of one that is.
      const reader = this.reader;
      const s = reader.intSlot(key);
      if (s === NO_SLOT) return;
      if (
        s !== INT_SLOW &&
        this.writer.deleteSlot(reader.cachedTable, reader.cachedId, s, reader.slotHi, reader.slotLo)
      )
        return;
    }
    this.codec.key(key);
    this.writer.mutate(OP_DELETE, undefined);
  }

  /** swap stores value for key and returns the previous value if any and whether it was present. */
  swap(key: K, value: V): [previous: V | undefined, loaded: boolean] {
    this.codec.key(key);
    this.codec.value(value);
    return this.writer.mutate(OP_SWAP, undefined) ? [this.codec.decoded() as V, true] : [undefined, false];
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
    this.codec.key(key);
    this.codec.value(value);
    return this.writer.mutate(OP_CAS, old) === 1;
  }

  /** compareAndDelete deletes the entry for key if its value equals old (as in compareAndSwap). */
  compareAndDelete(key: K, old: V): boolean {
    this.codec.key(key);
    return this.writer.mutate(OP_CAD, old) === 1;
  }

  /**
   * range calls f sequentially for each key and value present in the map; if f returns false, range stops.
   * As in Go, range is not a snapshot: no key is visited more than once, every key present for the whole
   * call is visited, and a key stored or deleted concurrently may be seen with any value it held during the
   * call, or not at all. f may call any method of the map.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: f may be a function that returns nothing
  range(f: (key: K, value: V) => boolean | undefined | void): void {
    if (typeof f !== 'function') {
      throw new TypeError(`sync: SharedMap range callback must be a function, not ${describe(f)}`);
    }
    const seen = new Set<K>();
    const c = this.codec;
    const heap = this.heap;
    const pair = this.pair;
    restart: for (;;) {
      readCurrent(heap, pair);
      let t = pair.table;
      let id = pair.id;
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
          const key = heap.covers(r + 8) ? this.reader.keyOf(r) : undefined;
          const live =
            key !== undefined && this.reader.readRaw(r, ((Atomics.load(heap.w, r + 1) >>> 2) + 3) >> 2);
          if (Atomics.load(w, s + 1) !== hi || Atomics.load(w, t) !== id) {
            if (Atomics.load(w, t) !== id) continue restart;
            i--; // the slot changed: read it again
            continue;
          }
          if (!live || seen.has(key as K)) continue;
          seen.add(key as K);
          if (f(key as K, c.decoded() as V) === false) return;
        }
        const step = followNext(heap, t, id, pair);
        if (step === STALE) continue restart;
        if (step !== FOLLOWED) return; // no next table (or only one being set up): every slot was here
        t = pair.table;
        id = pair.id;
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
}

/** checkBuffer throws a TypeError unless buf is the buffer of a SharedMap. */
function checkBuffer(buf: unknown, where: string): void {
  if (!(buf instanceof SharedArrayBuffer)) {
    throw new TypeError(`sync: ${where} needs a SharedMap's SharedArrayBuffer, not ${describe(buf)}`);
  }
  if (buf.byteLength < HEADER_WORDS * 4 || Atomics.load(new Int32Array(buf, 0, 1), H_MAGIC) !== MAGIC) {
    throw new TypeError(`sync: ${where}: the buffer does not hold a SharedMap`);
  }
}

/** checkOptions throws a TypeError for options a TypeScript caller could not pass. */
function checkOptions(options: unknown, where: string, sizes: boolean): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`sync: ${where} options must be an object, not ${describe(options)}`);
  }
  const o = options as Record<string, unknown>;
  if (sizes) {
    for (const name of ['byteLength', 'maxByteLength']) {
      const v = o[name];
      if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
        throw new TypeError(`sync: ${where} ${name} must be a finite number, not ${describe(v)}`);
      }
    }
  }
  const codec = o.codec as { encode?: unknown; decode?: unknown } | undefined;
  if (
    codec !== undefined &&
    (typeof codec !== 'object' ||
      codec === null ||
      typeof codec.encode !== 'function' ||
      typeof codec.decode !== 'function')
  ) {
    throw new TypeError(`sync: ${where} codec must have encode and decode functions`);
  }
}

/**
 * setNextStampForTests makes `next` the next stamp this thread draws for m: the tests run the 32-bit stamp
 * counter through its wrap with it. Not part of the package's API.
 */
export function setNextStampForTests(m: SharedMap, next: number): void {
  (m as unknown as { heap: Heap }).heap.setNextStamp(next);
}
