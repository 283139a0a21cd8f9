// How one thread reads a SharedMap: the probe of a table for a key, following a migration to the next table,
// copying a record's key and value out, the fast path of load for int32 keys (Go's swiss map keeps its fast
// paths in runtime_fast32.go and friends) and the per-thread cache of decoded strings.
import {
  type Codec,
  decodeUtf8,
  home,
  intHash,
  K_F64,
  K_INT,
  K_STR,
  MaxKeyBytes,
  V_INT,
  V_STR,
} from './shared-codec';
import { classUnits, type Heap, isRecordClass } from './shared-heap';
import {
  DEL,
  DONE,
  FOLLOWED,
  followNext,
  PLAIN,
  readCurrent,
  SEAL,
  STALE,
  T_LOG,
  T_SLOTS,
  TAG_MASK,
  TablePair,
  tagOf,
  unitOf,
} from './shared-map-table';

// Results of a probe.
export const ABSENT = 0;
export const FOUND = 1;
export const NEXT = 2;
export const RETRY = 3;

/** The result of intLoad when the general path must decide. */
export const SLOW = Symbol('slow');
/** The results of intSlot that are not a slot: the key has no value; the general path must decide. */
export const NO_SLOT = 0;
export const INT_SLOW = -1;
const INT_KEY_INFO = K_INT | (4 << 2);

/** STRING_CACHE is the number of decoded string values a thread keeps per map (512 KiB of arrays, 64-bit). */
const STRING_CACHE_LOG = 14;
const STRING_CACHE = 1 << STRING_CACHE_LOG;
const EMPTY = new Int32Array(0);

/** cacheSet returns the first entry (an even index) of the string cache's set of two for record r. */
function cacheSet(r: number): number {
  return (Math.imul(r, 0x9e3779b1) >>> (32 - STRING_CACHE_LOG)) & ~1;
}

/** Reader is one thread's reading side of a SharedMap: what a lookup needs, and what it remembers. */
export class Reader {
  /** heap is the map's memory as this thread sees it. */
  readonly heap: Heap;
  /** codec holds the key being looked up (k*) and the value read back (r*). */
  readonly codec: Codec;
  /** intMul is the map's multiplier for int32 keys (the codec's, kept here for intLoad). */
  private readonly intMul: number;
  /** cachedTable is the table read() used last (0: none), with the id and slot mask it had then. */
  cachedTable = 0;
  cachedId = 0;
  private cachedMask = 0;
  /** slotHi and slotLo are the words of the slot intSlot found (its stamp, and record and flags). */
  slotHi = 0;
  slotLo = 0;
  /** cachedEntry is the string cache's entry that holds the value the last probe found (-1: none). */
  private cachedEntry = -1;
  /** foundRecord is the record of the last probe that found its key. */
  private foundRecord = 0;
  // The cache of decoded string values, by record: an entry holds the value's bytes (as words) too, and
  // answers only when they match the bytes just read, since a block is reused for other values and no
  // stamp tells them apart for good (the 32-bit stamp counter wraps). Allocated at the first string.
  /** cacheMeta holds, per entry, the record it was decoded from, its byte length and its first two words. */
  private cacheMeta = new Int32Array(0);
  /** cacheRest holds, per entry, the words of its value past the first two. */
  private cacheRest: Int32Array[] = [];
  /** cacheString is each entry's decoded string. */
  private cacheString: string[] = [];
  /** pair is scratch for reading a table and its id. */
  private readonly pair = new TablePair();

  constructor(heap: Heap, codec: Codec) {
    this.heap = heap;
    this.codec = codec;
    this.intMul = codec.intMul;
  }

  /** forget drops the cached table, so the next read starts from the current one. */
  forget(): void {
    this.cachedTable = 0;
  }

  /**
   * read looks up the key in c.k*, leaving its value in c.r*; it returns FOUND or ABSENT. The current table,
   * its id and mask are cached: the id check at the end of probeRead catches a cache gone stale.
   */
  read(): number {
    for (;;) {
      // A cached table that is no longer current still answers right: its moved slots say NEXT, and once it
      // is retired its id check fails.
      const t = this.cachedTable;
      if (t === 0 && !this.cacheCurrent()) continue;
      const res = this.probeRead(this.cachedTable, this.cachedId, this.cachedMask);
      if (res === NEXT) {
        const res2 = this.readNext(this.cachedTable, this.cachedId);
        if (res2 !== RETRY) return res2;
      } else if (res !== RETRY) {
        return res;
      }
      this.cachedTable = 0;
    }
  }

  /** cacheCurrent makes the current table the one read() starts from; false if it changed meanwhile. */
  cacheCurrent(): boolean {
    readCurrent(this.heap, this.pair);
    const t = this.pair.table;
    const id = this.pair.id;
    const w = this.heap.w;
    if (Atomics.load(w, t) !== id) return false;
    this.cachedTable = t;
    this.cachedId = id;
    this.cachedMask = (1 << Atomics.load(w, t + T_LOG)) - 1;
    return true;
  }

  /** readNext follows the migration from table t (whose probe said NEXT) to the tables after it. */
  readNext(t: number, id: number): number {
    const heap = this.heap;
    const pair = this.pair;
    for (;;) {
      const step = followNext(heap, t, id, pair);
      if (step === STALE) return RETRY;
      if (step !== FOLLOWED) return ABSENT; // a full table, and no key
      t = pair.table;
      id = pair.id;
      const res = this.probeRead(t, id, (1 << Atomics.load(heap.w, t + T_LOG)) - 1);
      if (res !== NEXT) return res;
    }
  }

  /**
   * found returns the value read() found, decoding a string only the first time this thread sees it: the
   * probe already compared a string value with this thread's cache (see readFound), so this stays small.
   */
  found(): unknown {
    const c = this.codec;
    if (c.rType !== V_STR) return c.decoded();
    const e = this.cachedEntry;
    return e >= 0 ? this.cacheString[e] : this.decodeString(this.foundRecord);
  }

  /**
   * readFound is readRaw for a probe that found its key: a string value that this thread has decoded before
   * is compared with its cache entry where it lies, not copied, and cachedEntry names the entry (-1: none,
   * the value is in c.r*). The cache has sets of two entries (the set's first index is even), so two records
   * whose set is the same can both stay. An entry's record, byte length and first two words sit in one flat
   * array, and only a value longer than 8 bytes compares the rest of its words.
   */
  private readFound(r: number, kWords: number): boolean {
    const heap = this.heap;
    const w = heap.w;
    const info = PLAIN ? w[r + 2]! : Atomics.load(w, r + 2);
    const len = info >>> 4;
    const at = r + 4 + kWords;
    if (
      !PLAIN ||
      (info & 15) !== V_STR ||
      this.cacheString.length === 0 ||
      at + ((len + 3) >> 2) > heap.len
    ) {
      this.cachedEntry = -1;
      return this.readRaw(r, kWords);
    }
    const meta = this.cacheMeta;
    const w0 = len > 0 ? w[at]! : 0;
    const w1 = len > 4 ? w[at + 1]! : 0;
    let e = cacheSet(r);
    for (const last = e + 1; e <= last; e++) {
      if (
        meta[4 * e] === r &&
        meta[4 * e + 1] === len &&
        meta[4 * e + 2] === w0 &&
        meta[4 * e + 3] === w1 &&
        (len <= 8 || this.restMatches(e, at))
      ) {
        this.codec.rType = V_STR;
        this.codec.rLen = len;
        this.cachedEntry = e;
        return true;
      }
    }
    this.cachedEntry = -1;
    return this.readRaw(r, kWords);
  }

  /** restMatches reports whether cache entry e holds the words of the value at `at` past its first two. */
  private restMatches(e: number, at: number): boolean {
    const rest = this.cacheRest[e]!;
    const w = this.heap.w;
    for (let j = 0; j < rest.length; j++) if (rest[j] !== w[at + 2 + j]) return false;
    return true;
  }

  /**
   * decodeString decodes the string value read back from record r and keeps it in the first entry of its
   * set, whose entry moves to the set's other one in place of the older one.
   */
  private decodeString(r: number): string {
    const c = this.codec;
    const i = cacheSet(r);
    const v = c.decoded() as string;
    if (this.cacheString.length === 0) {
      this.cacheMeta = new Int32Array(4 * STRING_CACHE);
      this.cacheRest = new Array<Int32Array>(STRING_CACHE).fill(EMPTY);
      this.cacheString = new Array<string>(STRING_CACHE).fill('');
    }
    const meta = this.cacheMeta;
    const older = i ^ 1;
    meta.copyWithin(4 * older, 4 * i, 4 * i + 4);
    this.cacheRest[older] = this.cacheRest[i]!;
    this.cacheString[older] = this.cacheString[i]!;
    const len = c.rLen;
    const buf = c.rBuf;
    const words = (len + 3) >> 2;
    meta[4 * i] = r;
    meta[4 * i + 1] = len;
    meta[4 * i + 2] = len > 0 ? buf[0]! : 0;
    meta[4 * i + 3] = len > 4 ? buf[1]! : 0;
    this.cacheRest[i] = words > 2 ? buf.slice(2, words) : EMPTY;
    this.cacheString[i] = v;
    return v;
  }

  /**
   * intLoad is the fast path of load and get for an int32 key whose value is an int32, in the table read()
   * used last, on x64: the same reads and checks as read() and probeRead(), without their generality. It
   * returns the value (never undefined: it only answers for int32 values), undefined when the key is not
   * there, or SLOW when the general path must decide.
   */
  intLoad(k: number): number | undefined | typeof SLOW {
    const t = this.cachedTable;
    if (t === 0) return SLOW;
    const heap = this.heap;
    const w = heap.w;
    const len = heap.len;
    const id = this.cachedId;
    const mask = this.cachedMask;
    const h = intHash(k, this.intMul);
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
      // The int hash is a bijection of int32 keys, so a record of an int32 key with hash h is a record of k.
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

  /**
   * intSlot is the fast path of delete and store for an int32 key, in the table read() used last, on x64: the
   * probe of intLoad, for any value. It returns NO_SLOT when the key certainly has no value (its probe ended
   * at an empty slot of a live table, or at the key's own slot marked deleted), INT_SLOW when the general path
   * must decide, or the word index of the key's slot in cachedTable, whose two words it read are in slotHi and
   * slotLo: the slot held the key's live entry when its stamp was checked. It repeats intLoad's probe rather
   * than share it: intLoad written as a call of intSlot made int-key lookups 12% slower (README benchmark, 3
   * alternating runs, 28.4 against 25.3 ns/op).
   */
  intSlot(k: number): number {
    // A thread that only deletes has no table cached yet: cache the current one (read() would).
    if (this.cachedTable === 0 && !this.cacheCurrent()) return INT_SLOW;
    const t = this.cachedTable;
    const heap = this.heap;
    const w = heap.w;
    const mask = this.cachedMask;
    const h = intHash(k, this.intMul);
    const tag = tagOf(h);
    let i = home(h, mask);
    for (let n = 0; n <= mask; n++) {
      const s = t + T_SLOTS + 2 * i;
      const hi = w[s + 1]!;
      const lo = w[s]!;
      if (lo & SEAL) return this.stale();
      const unit = unitOf(lo);
      if (unit === 0) {
        // As in intLoad: an empty slot answers only for a table that is still the one cached.
        if (Atomics.load(w, s + 1) !== hi) return INT_SLOW;
        if (Atomics.load(w, t) !== this.cachedId) return this.stale();
        return NO_SLOT;
      }
      if ((lo ^ tag) & TAG_MASK) {
        i = (i + 1) & mask;
        continue;
      }
      const r = unit << 2;
      if (r + 8 > heap.len) return INT_SLOW;
      if (w[r] === h && w[r + 1] === INT_KEY_INFO) {
        // The key's own slot, not sealed: it holds the key's latest state (see intLoad), deleted or live.
        if (Atomics.load(w, s + 1) !== hi) return INT_SLOW;
        if (lo & DEL) return NO_SLOT;
        this.slotHi = hi;
        this.slotLo = lo;
        return s;
      }
      if (Atomics.load(w, s + 1) !== hi) return INT_SLOW;
      i = (i + 1) & mask;
    }
    return INT_SLOW;
  }

  /**
   * stale drops the cached table, which is moving or gone, so that the next call caches the current one (as
   * read() does when its probe says so), and returns INT_SLOW.
   */
  private stale(): number {
    this.cachedTable = 0;
    return INT_SLOW;
  }

  // The reads between two Atomics.load of a slot's stamp are plain loads on x64 (whose loads are not
  // reordered with other loads), and Atomics.load elsewhere: the stamp check makes either safe to use.

  // A DONE slot's record moved to the next table, where a write may since have replaced it and freed it, and
  // the block may now hold another record, even one for the same key: so a probe never looks at the key of a
  // DONE slot. It steps over it, and if the probe then ends at an empty slot the key may have been in a DONE
  // slot it stepped over, so the answer is in the next table (as it is when the probe ends at a DONE slot that
  // was empty). A slot that is not DONE holds its own record for as long as its stamp does not change.
  probeRead(t: number, id: number, mask: number): number {
    const heap = this.heap;
    let w = heap.w;
    let i = home(this.codec.kHash, mask);
    const tag = tagOf(this.codec.kHash);
    let moved = false;
    for (let n = 0; n <= mask; ) {
      const s = t + T_SLOTS + 2 * i;
      const hi = PLAIN ? w[s + 1]! : Atomics.load(w, s + 1);
      const lo = PLAIN ? w[s]! : Atomics.load(w, s);
      if (lo & DONE) {
        // DONE is final: no need to check the stamp. A DONE slot that was empty when it was sealed ends the
        // probe as any empty slot does (a slot never empties again): the key, if anywhere, is in the next
        // table. Stepping over it made every lookup of a table being moved scan the moved part to its end.
        if (unitOf(lo) === 0) return NEXT;
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
      const found = (lo & DEL) === 0 && this.readFound(r, this.codec.kWords);
      if (Atomics.load(w, s + 1) !== hi) continue;
      // No need to check t's id here (see intLoad): a slot that holds the key and is not sealed holds its
      // latest state, in whichever table t's block now is. Only an empty slot's answer depends on the table.
      this.foundRecord = r;
      return found ? FOUND : ABSENT;
    }
    return NEXT;
  }

  /** keyAt reports whether the record at r (r + 8 in view) holds the key in c.k* (the caller validates). */
  keyAt(r: number): boolean {
    const heap = this.heap;
    const c = this.codec;
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
  keyOf(r: number): string | number | undefined {
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
    return decodeUtf8(new Uint8Array(buf.buffer, 0, len));
  }

  /** readRaw copies the value of the record at r (whose key has kWords words) into c.r*; false if garbled. */
  readRaw(r: number, kWords: number): boolean {
    const heap = this.heap;
    const c = this.codec;
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
    // A stale pointer may land inside a block reused for records of another size: never grow the buffer for
    // a length that overruns the block (the caller's stamp check then sends it back to read again). Words
    // read past the block from a length that fits the buffer are only thrown away the same way.
    if (words > c.rBuf.length && !this.fitsBlock(r, kWords, words)) return false;
    const buf = c.rGrow(words);
    if (PLAIN) {
      for (let j = 0; j < words; j++) buf[j] = w[at + j]!;
    } else {
      for (let j = 0; j < words; j++) buf[j] = Atomics.load(w, at + j);
    }
    return true;
  }

  /** fitsBlock reports whether a record at r of kWords key words and words value words fits its block. */
  private fitsBlock(r: number, kWords: number, words: number): boolean {
    const cls = PLAIN ? this.heap.w[r + 3]! : Atomics.load(this.heap.w, r + 3);
    return isRecordClass(cls) && 4 + kWords + words <= classUnits(cls) * 4;
  }
}
