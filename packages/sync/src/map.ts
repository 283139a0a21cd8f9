// Go's sync.Map (src/sync/map.go, Go 1.23 API) for one JavaScript thread.
//
// Layout: the values live in a native Map (so get, has, set and delete cost what a native Map costs), and a
// key log (an array of keys in insertion order) drives range. A key enters the log when it becomes present;
// deletes leave a stale entry behind, which compaction removes. A range walks only the part of the log that
// existed when it started and skips keys that are no longer present, so a key deleted and re-added during the
// range (which goes to the end of the log) is not visited twice, unlike a native Map iterator.

/** Compaction runs when the log holds more than twice the live keys plus this many stale entries. */
const slack = 64;

/**
 * SyncMap is Go's sync.Map: a map whose every operation is a single synchronous step, with Go's Load, Store,
 * LoadOrStore, LoadAndDelete, Delete, Swap, CompareAndSwap, CompareAndDelete, Range and Clear (Go 1.23), plus
 * get, has, size and iteration. The package also exports it as `Map`; use `SyncMap` in files that need the
 * global Map too. The zero value of Go's type is `new SyncMap()`: empty and ready to use.
 *
 * Keys compare with SameValueZero, like a native Map; values in compareAndSwap and compareAndDelete compare
 * with `===`, like Go's `==`. A stored `undefined` is present. range and the iterators visit no key more than
 * once, even when the map changes during the visit; every key present for the whole visit is visited.
 *
 * @example
 * ```ts
 * import { SyncMap } from '@gostd/sync';
 *
 * const m = new SyncMap<string, number>();
 * m.store('gopher', 1);
 * console.log(m.load('gopher'));
 * console.log(m.loadOrStore('gopher', 2));
 * console.log(m.loadOrStore('rabbit', 3));
 * m.range((k, v) => {
 *   console.log(k, v);
 *   return true;
 * });
 * // Output:
 * // [ 1, true ]
 * // [ 1, true ]
 * // [ 3, false ]
 * // gopher 1
 * // rabbit 3
 * ```
 */
export class SyncMap<K = unknown, V = unknown> implements Iterable<[K, V]> {
  /** The entries. @internal Read by SyncMapIterator. */
  readonly m: Map<K, V> = new Map<K, V>();
  /** Keys in insertion order; every present key once, plus stale entries of deleted keys. */
  private log: K[] = [];
  /** How many ranges and iterators hold the current log array; compaction copies it when non-zero. */
  private pins = 0;
  /** Counts clear calls, so a range in progress can stop after a clear. @internal Read by SyncMapIterator. */
  clears = 0;

  /**
   * new SyncMap returns an empty map, or one holding entries (stored in order, the last value of a key
   * winning) when given.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap([
   *   ['a', 1],
   *   ['b', 2],
   * ]);
   * console.log(m.size, m.get('b'));
   * // Output:
   * // 2 2
   * ```
   */
  constructor(entries?: Iterable<readonly [K, V]> | null) {
    if (entries == null) return;
    if (typeof (entries as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
      throw new TypeError(`sync: Map needs an iterable of [key, value] entries, not ${typeof entries}`);
    }
    for (const e of entries) {
      // As a JavaScript Map: each entry must be an object (its [0] and [1] are the key and value).
      if (typeof e !== 'object' || e === null) {
        throw new TypeError(`sync: Map entry ${String(e)} is not an entry object`);
      }
      this.store(e[0], e[1]);
    }
  }

  /**
   * load returns the value stored in the map for a key, or undefined if no value is present. The ok result
   * indicates whether value was found in the map.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap<string, number | undefined>();
   * m.store('set', undefined);
   * console.log(m.load('set'), m.load('unset'));
   * // Output:
   * // [ undefined, true ] [ undefined, false ]
   * ```
   */
  load(key: K): [value: V | undefined, ok: boolean] {
    const v = this.m.get(key);
    return v !== undefined || this.m.has(key) ? [v, true] : [undefined, false];
  }

  /**
   * store sets the value for a key.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap<string, string>();
   * m.store('k', 'v1');
   * m.store('k', 'v2');
   * console.log(m.get('k'));
   * // Output:
   * // v2
   * ```
   */
  store(key: K, value: V): void {
    const m = this.m;
    const n = m.size;
    m.set(key, value);
    if (m.size !== n) this.log.push(key === 0 ? (0 as K) : key);
  }

  /**
   * loadOrStore returns the existing value for the key if present. Otherwise, it stores and returns the given
   * value. The loaded result is true if the value was loaded, false if stored.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap<string, number>();
   * console.log(m.loadOrStore('k', 1));
   * console.log(m.loadOrStore('k', 2));
   * // Output:
   * // [ 1, false ]
   * // [ 1, true ]
   * ```
   */
  loadOrStore(key: K, value: V): [actual: V, loaded: boolean] {
    const m = this.m;
    const v = m.get(key);
    if (v !== undefined || m.has(key)) return [v as V, true];
    m.set(key, value);
    this.log.push(key === 0 ? (0 as K) : key);
    return [value, false];
  }

  /**
   * loadAndDelete deletes the value for a key, returning the previous value if any (undefined otherwise). The
   * loaded result reports whether the key was present.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap([['k', 'v']]);
   * console.log(m.loadAndDelete('k'));
   * console.log(m.loadAndDelete('k'));
   * // Output:
   * // [ 'v', true ]
   * // [ undefined, false ]
   * ```
   */
  loadAndDelete(key: K): [value: V | undefined, loaded: boolean] {
    const m = this.m;
    const v = m.get(key);
    if (!m.delete(key)) return [undefined, false];
    this.deleted();
    return [v, true];
  }

  /**
   * delete deletes the value for a key. Deleting a missing key does nothing.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap([['k', 'v']]);
   * m.delete('k');
   * m.delete('missing');
   * console.log(m.has('k'), m.size);
   * // Output:
   * // false 0
   * ```
   */
  delete(key: K): void {
    if (this.m.delete(key)) this.deleted();
  }

  /**
   * swap swaps the value for a key and returns the previous value if any (undefined otherwise). The loaded
   * result reports whether the key was present.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap<string, number>();
   * console.log(m.swap('k', 1));
   * console.log(m.swap('k', 2));
   * // Output:
   * // [ undefined, false ]
   * // [ 1, true ]
   * ```
   */
  swap(key: K, value: V): [previous: V | undefined, loaded: boolean] {
    const m = this.m;
    const n = m.size;
    const prev = m.get(key);
    m.set(key, value);
    if (m.size === n) return [prev, true];
    this.log.push(key === 0 ? (0 as K) : key);
    return [undefined, false];
  }

  /**
   * compareAndSwap swaps the old and new values for key if the value stored in the map is equal to old
   * (`===`, so NaN never matches). It returns whether it swapped; it is false for a missing key.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap<string, number | undefined>([['k', 1]]);
   * console.log(m.compareAndSwap('k', 2, 3), m.compareAndSwap('k', 1, 3), m.get('k'));
   * console.log(m.compareAndSwap('missing', undefined, 1));
   * // Output:
   * // false true 3
   * // false
   * ```
   */
  compareAndSwap(key: K, old: V, value: V): boolean {
    const m = this.m;
    const v = m.get(key);
    if (v !== old || (v === undefined && !m.has(key))) return false;
    m.set(key, value);
    return true;
  }

  /**
   * compareAndDelete deletes the entry for key if its value is equal to old (`===`, so NaN never matches). It
   * returns whether it deleted; it is false for a missing key.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap([['k', 1]]);
   * console.log(m.compareAndDelete('k', 2), m.compareAndDelete('k', 1), m.has('k'));
   * // Output:
   * // false true false
   * ```
   */
  compareAndDelete(key: K, old: V): boolean {
    const m = this.m;
    const v = m.get(key);
    if (v !== old || !m.delete(key)) return false;
    this.deleted();
    return true;
  }

  /**
   * range calls f sequentially for each key and value present in the map. If f returns false, range stops the
   * iteration (any other result, including undefined, continues).
   *
   * range does not correspond to any consistent snapshot of the map's contents: no key will be visited more
   * than once, but if the value for any key is stored or deleted during the call (including by f), range may
   * reflect any mapping for that key from any point during the call. Here that means: a key deleted before
   * its turn is skipped, a key added during the call is not visited, a value stored before a key's turn is the
   * one passed to f, and a clear stops the iteration. f may call any method of the map, including range.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap([
   *   ['a', 1],
   *   ['b', 2],
   *   ['c', 3],
   * ]);
   * m.range((k, v) => {
   *   m.delete(k);
   *   m.store(k, v * 10); // re-added keys are not visited again
   *   console.log(k, v);
   *   return k !== 'b';
   * });
   * console.log([...m]);
   * // Output:
   * // a 1
   * // b 2
   * // [ [ 'c', 3 ], [ 'a', 10 ], [ 'b', 20 ] ]
   * ```
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: f may be a function that returns nothing
  range(f: (key: K, value: V) => boolean | void): void {
    if (typeof f !== 'function')
      throw new TypeError(`sync: range callback must be a function, not ${typeof f}`);
    const m = this.m;
    const log = this.pinned();
    const end = log.length;
    const clears = this.clears;
    try {
      for (let i = 0; i < end; i++) {
        const k = log[i] as K;
        const v = m.get(k);
        if (v === undefined && !m.has(k)) continue;
        if (f(k, v as V) === false || this.clears !== clears) return;
      }
    } finally {
      this.unpin(log);
    }
  }

  /**
   * clear deletes all the entries, resulting in an empty map. A range or iteration in progress stops.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap([['k', 'v']]);
   * m.clear();
   * console.log(m.size, m.load('k'));
   * // Output:
   * // 0 [ undefined, false ]
   * ```
   */
  clear(): void {
    this.m.clear();
    this.clears++;
    if (this.pins === 0) this.log.length = 0;
    else this.replaceLog([]);
  }

  /**
   * get returns the value stored for key, or undefined when there is none (use has or load to tell a
   * stored undefined from a missing key). It allocates nothing.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap([['k', 'v']]);
   * console.log(m.get('k'), m.get('missing'));
   * // Output:
   * // v undefined
   * ```
   */
  get(key: K): V | undefined {
    return this.m.get(key);
  }

  /**
   * has reports whether a value (possibly undefined) is stored for key.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap([['k', undefined]]);
   * console.log(m.has('k'), m.has('missing'));
   * // Output:
   * // true false
   * ```
   */
  has(key: K): boolean {
    return this.m.has(key);
  }

  /** size is the number of entries in the map. */
  get size(): number {
    return this.m.size;
  }

  /**
   * [Symbol.iterator] returns an iterator over the [key, value] entries, with the guarantees of range: no key
   * is yielded twice, every key present for the whole iteration is yielded, a clear ends it.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * const m = new SyncMap([['a', 1]]);
   * for (const [k, v] of m) {
   *   m.delete(k);
   *   m.store(k, v + 1);
   * }
   * console.log([...m]);
   * // Output:
   * // [ [ 'a', 2 ] ]
   * ```
   */
  [Symbol.iterator](): IterableIterator<[K, V]> {
    return new SyncMapIterator(this, entryKind);
  }

  /**
   * entries returns an iterator over the [key, value] entries with the guarantees of range.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * console.log([...new SyncMap([['a', 1]]).entries()]);
   * // Output:
   * // [ [ 'a', 1 ] ]
   * ```
   */
  entries(): IterableIterator<[K, V]> {
    return new SyncMapIterator(this, entryKind);
  }

  /**
   * keys returns an iterator over the keys with the guarantees of range.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * console.log([...new SyncMap([['a', 1], ['b', 2]]).keys()]);
   * // Output:
   * // [ 'a', 'b' ]
   * ```
   */
  keys(): IterableIterator<K> {
    return new SyncMapIterator(this, keyKind);
  }

  /**
   * values returns an iterator over the values with the guarantees of range.
   *
   * @example
   * ```ts
   * import { SyncMap } from '@gostd/sync';
   *
   * console.log([...new SyncMap([['a', 1], ['b', 2]]).values()]);
   * // Output:
   * // [ 1, 2 ]
   * ```
   */
  values(): IterableIterator<V> {
    return new SyncMapIterator(this, valueKind);
  }

  /** Called after a key was deleted: compacts the log when stale entries outnumber live keys (plus slack). */
  private deleted(): void {
    if (this.log.length > 2 * this.m.size + slack) this.compact();
  }

  /** Returns the log without stale entries, pinned for a range or iteration. @internal */
  pinned(): K[] {
    if (this.log.length !== this.m.size) this.compact();
    this.pins++;
    return this.log;
  }

  /** Releases a pin taken by pinned. @internal */
  unpin(log: K[]): void {
    if (log === this.log) this.pins--;
  }

  /** Rewrites the log to hold exactly the present keys, in place unless a range or iterator holds it. */
  private compact(): void {
    if (this.pins !== 0) {
      this.replaceLog(Array.from(this.m.keys()));
      return;
    }
    const log = this.log;
    let i = 0;
    for (const k of this.m.keys()) log[i++] = k;
    log.length = i;
  }

  private replaceLog(log: K[]): void {
    this.log = log;
    this.pins = 0;
  }
}

/** What an iterator yields. */
type Kind = 0 | 1 | 2;
const entryKind = 0;
const keyKind = 1;
const valueKind = 2;

/**
 * An iterator over a SyncMap with the guarantees of range: it walks the key log as it was when the iterator
 * was made, skipping keys no longer present, and ends at a clear. It holds the log until it is done or
 * returned (a for...of loop that breaks returns it).
 */
class SyncMapIterator<K, V, T> implements IterableIterator<T> {
  private log: K[] | null;
  private readonly end: number;
  private readonly clears: number;
  private i = 0;

  constructor(
    private readonly owner: SyncMap<K, V>,
    private readonly kind: Kind,
  ) {
    this.log = owner.pinned();
    this.end = this.log.length;
    this.clears = owner.clears;
  }

  next(): IteratorResult<T, undefined> {
    const log = this.log;
    if (log !== null) {
      const owner = this.owner;
      const m = owner.m;
      while (this.i < this.end && owner.clears === this.clears) {
        const k = log[this.i++] as K;
        const v = m.get(k);
        if (v === undefined && !m.has(k)) continue;
        const kind = this.kind;
        return { value: (kind === entryKind ? [k, v] : kind === keyKind ? k : v) as T, done: false };
      }
      this.return();
    }
    return { value: undefined, done: true };
  }

  return(): IteratorResult<T, undefined> {
    if (this.log !== null) {
      this.owner.unpin(this.log);
      this.log = null;
    }
    return { value: undefined, done: true };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
