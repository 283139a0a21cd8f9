// How SharedMap turns keys and values into 32-bit words and back. A Codec instance is per thread: it holds
// scratch buffers so that encoding a key for a lookup allocates nothing.

/** SharedMapCodec turns values that SharedMap cannot store natively into bytes and back. */
export interface SharedMapCodec {
  /** encode returns the bytes that stand for value. */
  encode(value: unknown): Uint8Array;
  /** decode returns the value that bytes stand for. */
  decode(bytes: Uint8Array): unknown;
}

/** MaxKeyBytes is the longest key SharedMap accepts, in UTF-8 bytes. */
export const MaxKeyBytes = 65535;

// Key types, in the low 2 bits of a record's key-info word; the byte length is above them.
export const K_INT = 1; // an int32 number: one word
export const K_F64 = 2; // any other number: two words (NaN canonical, -0 stored as 0)
export const K_STR = 3; // a UTF-8 string

// Value types, in the low 4 bits of a record's value-info word; the byte length is above them.
export const V_UNDEFINED = 1;
export const V_NULL = 2;
export const V_FALSE = 3;
export const V_TRUE = 4;
export const V_INT = 5;
export const V_F64 = 6;
export const V_BIGINT = 7;
export const V_STR = 8;
export const V_BYTES = 9;
export const V_CODEC = 10;

const f64 = new Float64Array(1);
const f64w = new Int32Array(f64.buffer);
const encoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF is part of the string, not a byte order mark to drop.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** decodeUtf8 returns the string that the UTF-8 bytes encode, a leading U+FEFF included. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

function grow(a: Int32Array<ArrayBuffer>, words: number): Int32Array<ArrayBuffer> {
  return a.length >= words ? a : new Int32Array(Math.max(words, a.length * 2));
}

// Keys hash with the map's random seed (drawn when the map is made, kept in its buffer), as Go seeds its map
// hashes, so that nobody who knows this code can choose keys that all land in one probe chain.

/**
 * intHash is the hash of an int32 key k under the map's random multiplier mul (odd): k times mul modulo 2^32,
 * whose top bits are the home slot. This is multiply-shift hashing, which is universal over odd multipliers
 * (Dietzfelbinger et al., 1997: two distinct keys share their top l bits for at most 2/2^l of them), so keys
 * chosen without knowing the multiplier do not share a probe chain. The multiplier is drawn among those that
 * also spread runs of consecutive keys evenly (see drawIntMultiplier), as the fixed 2^32/φ did before the seed.
 * Multiplying by an odd number is a bijection of int32s, which the int fast path of load relies on: a record
 * of an int32 key with the same hash holds the same key.
 */
export function intHash(k: number, mul: number): number {
  return Math.imul(k, mul);
}

/** MIN_SPREAD is the least spreadOf a map's int multiplier may have. */
const MIN_SPREAD = 0.2;

/**
 * spreadOf reports how evenly the multiplier a spreads runs of consecutive int keys over the slots: the least,
 * over run lengths n = 2^4 .. 2^22, of n times the distance between the two closest of the points k*a/2^32
 * (mod 1), 0 <= k < n. The points of a run cut the circle into gaps of at most three lengths (the three-gap
 * theorem) averaging 1/n; a spread of 0.2 keeps the shortest at a fifth of that or more, so a run's keys
 * take distinct home slots far more often than random homes would (measured in shared-map.test.ts: 0.96 of
 * a run filling half the slots, against 0.79). The two closest points of a run of n are q apart, q the
 * largest denominator below n of a convergent of a/2^32 (its best approximations).
 */
export function spreadOf(a: number): number {
  const denominators = [1];
  let x = a >>> 0;
  let y = 2 ** 32;
  let q0 = 0;
  let q1 = 1;
  while (x !== 0 && q1 < 2 ** 22) {
    const c = Math.floor(y / x);
    [y, x] = [x, y - c * x];
    [q0, q1] = [q1, c * q1 + q0];
    denominators.push(q1);
  }
  let least = Number.POSITIVE_INFINITY;
  for (let log = 4; log <= 22; log++) {
    const n = 2 ** log;
    let q = 1;
    for (const d of denominators) if (d < n) q = d;
    const v = Math.imul(q, a) >>> 0;
    least = Math.min(least, (n * Math.min(v, 2 ** 32 - v)) / 2 ** 32);
  }
  return least;
}

/**
 * drawIntMultiplier returns a random odd multiplier for intHash whose spreadOf is at least MIN_SPREAD (about
 * 1 in 55 odd numbers; checking one takes about 7 µs), drawing its candidates from random (random 32-bit
 * words). Restricting the draw to these multiplies the universal bound on a pair's collisions by at most 55.
 */
export function drawIntMultiplier(random: () => number): number {
  let best = 1;
  let bestSpread = -1;
  for (let i = 0; i < 4096; i++) {
    const a = random() | 1;
    const spread = spreadOf(a);
    if (spread >= MIN_SPREAD) return a;
    if (spread > bestSpread) {
      best = a;
      bestSpread = spread;
    }
  }
  return best;
}

/**
 * wordsHash is the hash of a key's words[0..n) and its byte length len under position keys (a map's random
 * words, see positionKeys): each word is split in two 16-bit halves, each half multiplied by its own key, all
 * summed with the length times its key, modulo 2^32; the home slot is the sum's top bits. This is vector
 * multiply-shift hashing (Thorup, "High Speed Hashing for Integers and Strings", 2015, sec. 3.3): over random
 * keys, two distinct inputs share the top l bits of the sum with probability at most 2/2^l while 16-bit parts
 * and l <= 17 fit 32-bit arithmetic (past 2^17 slots the bound loosens), so no set of keys chosen without
 * knowing the map's seed shares a probe chain, and it costs two multiplications a word. The low half of the
 * result is xored with the high half, so the slot tag (the low bits) depends on every word too.
 */
export function wordsHash(keys: Int32Array, words: Int32Array, n: number, len: number): number {
  let h = keys[0]!;
  for (let i = 0; i < n; i++) h = hashWord(keys, h, i, words[i]!);
  return hashEnd(keys, h, n, len);
}

/** hashWord adds word i of a key, w, to wordsHash's running sum h. */
export function hashWord(keys: Int32Array, h: number, i: number, w: number): number {
  return (h + Math.imul(w & 0xffff, keys[2 * i + 1]!) + Math.imul(w >>> 16, keys[2 * i + 2]!)) | 0;
}

/** hashEnd finishes wordsHash's running sum h of a key of n words and len bytes. */
export function hashEnd(keys: Int32Array, h: number, n: number, len: number): number {
  const sum = (h + Math.imul(len, keys[2 * n + 1]!)) | 0;
  return sum ^ (sum >>> 16);
}

/**
 * positionKeys returns `count` random words derived from a map's 64-bit seed (k0, k1), the same in every
 * thread: key i is a murmur3 finalizer of the seed and i, odd so that no key multiplies a half by zero.
 */
export function positionKeys(k0: number, k1: number, from: Int32Array, count: number): Int32Array {
  const keys = new Int32Array(count);
  keys.set(from.subarray(0, Math.min(from.length, count)));
  for (let i = from.length; i < count; i++) {
    let x = (k0 + Math.imul(i + 1, 0x9e3779b9)) | 0;
    x = fmix(x ^ k1);
    x = fmix((x + k1) ^ Math.imul(i, 0x85ebca6b));
    keys[i] = x | 1;
  }
  return keys;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * home returns the slot where a key with this hash starts its probe in an index of mask + 1 slots (a power of
 * two): the hash's top bits, which every hash here mixes best.
 */
export function home(hash: number, mask: number): number {
  return hash >>> Math.clz32(mask);
}

/** isWellFormed reports whether s has no lone surrogates (String.prototype.isWellFormed, Node 20). */
function isWellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** Codec holds one thread's encoded key (k*) and value (v*) and a buffer for values read back (r*). */
export class Codec {
  kType = 0;
  kLen = 0;
  kWords = 0;
  kInfo = 0;
  kHash = 0;
  kBuf: Int32Array<ArrayBuffer> = new Int32Array(16);

  vType = 0;
  vLen = 0;
  vWords = 0;
  vBuf: Int32Array<ArrayBuffer> = new Int32Array(16);

  rType = 0;
  rLen = 0;
  rBuf: Int32Array<ArrayBuffer> = new Int32Array(16);

  readonly user: SharedMapCodec | undefined;
  /** intMul is the map's multiplier for int32 keys (see intHash). */
  readonly intMul: number;
  /** k0 and k1 are the map's seed for string and float keys, from which positionKeys derives `keys`. */
  private readonly k0: number;
  private readonly k1: number;
  /** keys holds the position keys of wordsHash for keys of up to (keys.length - 2) / 2 words. */
  private keys: Int32Array;

  /** seed is the map's seed words (SEED_WORDS of them, from its buffer). */
  constructor(user: SharedMapCodec | undefined, seed: ArrayLike<number>) {
    this.user = user;
    this.intMul = seed[0]! | 1;
    this.k0 = seed[2]!;
    this.k1 = seed[3]!;
    this.keys = positionKeys(this.k0, this.k1, new Int32Array(0), 2 * 16 + 2);
  }

  /** hashWords returns wordsHash of the first n words of buf and len, making position keys as needed. */
  private hashWords(buf: Int32Array, n: number, len: number): number {
    if (2 * n + 2 > this.keys.length) this.growKeys(2 * n + 2);
    return wordsHash(this.keys, buf, n, len);
  }

  /** growKeys makes position keys for keys of up to (count - 2) / 2 words. */
  private growKeys(count: number): void {
    this.keys = positionKeys(this.k0, this.k1, this.keys, Math.max(count, 2 * this.keys.length));
  }

  /** key encodes key into k*, or throws a TypeError for a key SharedMap cannot hold. */
  key(key: unknown): void {
    if (typeof key === 'number') {
      if ((key | 0) === key) {
        this.kBuf[0] = key;
        this.setKey(K_INT, 4, 1, intHash(key, this.intMul));
        return;
      }
      f64[0] = Number.isNaN(key) ? Number.NaN : key;
      this.kBuf[0] = f64w[0]!;
      this.kBuf[1] = f64w[1]!;
      this.setKey(K_F64, 8, 2, this.hashWords(this.kBuf, 2, 8));
      return;
    }
    if (typeof key === 'string') {
      this.stringKey(key);
      return;
    }
    throw new TypeError(`sync: SharedMap key must be a string or a number, not ${describe(key)}`);
  }

  private setKey(type: number, len: number, words: number, hash: number): void {
    this.kType = type;
    this.kLen = len;
    this.kWords = words;
    this.kInfo = type | (len << 2);
    this.kHash = hash;
  }

  private stringKey(s: string): void {
    const n = s.length;
    // UTF-8 takes at least a byte per UTF-16 unit: a longer string is too long a key, however it encodes.
    if (n > MaxKeyBytes) {
      if (!isWellFormed(s))
        throw new TypeError('sync: SharedMap key is not well-formed UTF-16 (lone surrogate)');
      throw new RangeError(`sync: SharedMap key is longer than ${MaxKeyBytes} bytes`);
    }
    this.kBuf = grow(this.kBuf, ((n * 3 + 3) >> 2) + 1);
    const words = (n + 3) >> 2;
    if (2 * words + 2 > this.keys.length) this.growKeys(2 * words + 2);
    const keys = this.keys;
    let buf = this.kBuf;
    // ASCII, four characters (one word) at a time, summing wordsHash as the words are made; any other
    // character sends the whole key to TextEncoder.
    let h = keys[0]!;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const c0 = s.charCodeAt(j);
      const c1 = s.charCodeAt(j + 1);
      const c2 = s.charCodeAt(j + 2);
      const c3 = s.charCodeAt(j + 3);
      if ((c0 | c1 | c2 | c3) >= 0x80) break;
      const word = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
      buf[j >> 2] = word;
      h = hashWord(keys, h, j >> 2, word);
    }
    if (j + 4 > n) {
      let word = 0;
      for (; j < n; j++) {
        const c = s.charCodeAt(j);
        if (c >= 0x80) break;
        word |= c << ((j & 3) << 3);
      }
      if (j === n && n & 3) {
        buf[j >> 2] = word;
        h = hashWord(keys, h, j >> 2, word);
      }
    }
    if (j === n) {
      this.setKey(K_STR, n, words, hashEnd(keys, h, words, n)); // wordsHash(keys, buf, words, n)
      return;
    }
    // Not ASCII: encode the whole string with TextEncoder.
    if (!isWellFormed(s))
      throw new TypeError('sync: SharedMap key is not well-formed UTF-16 (lone surrogate)');
    this.kBuf = grow(this.kBuf, ((n * 3 + 3) >> 2) + 1);
    buf = this.kBuf;
    const bytes = new Uint8Array(buf.buffer);
    const len = encoder.encodeInto(s, bytes).written;
    if (len > MaxKeyBytes) throw new RangeError(`sync: SharedMap key is longer than ${MaxKeyBytes} bytes`);
    const utf8Words = (len + 3) >> 2;
    bytes.fill(0, len, utf8Words * 4);
    this.setKey(K_STR, len, utf8Words, this.hashWords(buf, utf8Words, len));
  }

  /** value encodes value into v*, or throws a TypeError for a value SharedMap cannot hold. */
  value(value: unknown): void {
    switch (typeof value) {
      case 'number':
        if ((value | 0) === value && !Object.is(value, -0)) {
          this.vBuf[0] = value;
          this.setValue(V_INT, 4);
        } else {
          f64[0] = value;
          this.vBuf[0] = f64w[0]!;
          this.vBuf[1] = f64w[1]!;
          this.setValue(V_F64, 8);
        }
        return;
      case 'undefined':
        this.setValue(V_UNDEFINED, 0);
        return;
      case 'boolean':
        this.setValue(value ? V_TRUE : V_FALSE, 0);
        return;
      case 'string':
        if (!isWellFormed(value)) {
          throw new TypeError('sync: SharedMap string value is not well-formed UTF-16 (lone surrogate)');
        }
        this.setBytes(V_STR, null, value);
        return;
      case 'bigint':
        this.setBytes(V_BIGINT, null, value.toString(16));
        return;
      case 'object':
        if (value === null) {
          this.setValue(V_NULL, 0);
          return;
        }
        if (value instanceof Uint8Array) {
          this.setBytes(V_BYTES, value, '');
          return;
        }
    }
    if (this.user) {
      const bytes = this.user.encode(value);
      if (!(bytes instanceof Uint8Array))
        throw new TypeError('sync: SharedMap codec.encode must return a Uint8Array');
      this.setBytes(V_CODEC, bytes, '');
      return;
    }
    throw new TypeError(
      `sync: SharedMap cannot store a value of type ${describe(value)} (store numbers, bigints, booleans, null, undefined, strings or Uint8Arrays, or pass a codec option)`,
    );
  }

  private setValue(type: number, len: number): void {
    this.vType = type;
    this.vLen = len;
    this.vWords = (len + 3) >> 2;
  }

  private setBytes(type: number, src: Uint8Array | null, s: string): void {
    const max = src ? src.length : s.length * 3;
    const words = (max + 3) >> 2;
    this.vBuf = grow(this.vBuf, words + 1);
    const buf = this.vBuf;
    const bytes = new Uint8Array(buf.buffer);
    let len: number;
    if (src) {
      bytes.set(src);
      len = src.length;
    } else {
      len = encoder.encodeInto(s, bytes).written;
    }
    bytes.fill(0, len, ((len + 3) >> 2) * 4);
    if (len >= 2 ** 27) throw new RangeError('sync: SharedMap value is longer than 2^27 bytes');
    this.setValue(type, len);
  }

  /** rGrow makes room for `words` words of a value read back. */
  rGrow(words: number): Int32Array<ArrayBuffer> {
    this.rBuf = grow(this.rBuf, words);
    return this.rBuf;
  }

  /** decoded returns the value read back into r*. */
  decoded(): unknown {
    switch (this.rType) {
      case V_UNDEFINED:
        return undefined;
      case V_NULL:
        return null;
      case V_FALSE:
        return false;
      case V_TRUE:
        return true;
      case V_INT:
        return this.rBuf[0]!;
      case V_F64:
        f64w[0] = this.rBuf[0]!;
        f64w[1] = this.rBuf[1]!;
        return f64[0]!;
      case V_BIGINT: {
        const hex = decoder.decode(new Uint8Array(this.rBuf.buffer, 0, this.rLen));
        return hex.charCodeAt(0) === 45 ? -BigInt(`0x${hex.slice(1)}`) : BigInt(`0x${hex}`);
      }
      case V_STR:
        return this.rLen <= 32
          ? this.shortString()
          : decoder.decode(new Uint8Array(this.rBuf.buffer, 0, this.rLen));
      case V_BYTES:
        return new Uint8Array(this.rBuf.buffer.slice(0, this.rLen));
      case V_CODEC:
        if (!this.user)
          throw new TypeError('sync: SharedMap value was stored with a codec; attach with the codec');
        return this.user.decode(new Uint8Array(this.rBuf.buffer.slice(0, this.rLen)));
    }
    throw new Error(`sync: SharedMap internal error: bad value type ${this.rType}`);
  }

  /** shortString decodes the short string in r* without TextDecoder (whose call costs more than the work). */
  private shortString(): string {
    const n = this.rLen;
    const b = this.rBuf;
    let s = '';
    for (let i = 0; i < n; i++) {
      const c = (b[i >> 2]! >>> ((i & 3) << 3)) & 255;
      if (c >= 0x80) return decoder.decode(new Uint8Array(b.buffer, 0, n));
      s += String.fromCharCode(c);
    }
    return s;
  }

  /**
   * equalsRead reports whether old equals the value read back into r*, by value: `===` for numbers (NaN never
   * matches, -0 matches 0), bigints, strings, booleans, null and undefined; bytewise for Uint8Arrays and for
   * codec values (compared by their encodings).
   */
  equalsRead(old: unknown): boolean {
    const t = this.rType;
    switch (typeof old) {
      case 'number':
        if (t === V_INT) return this.rBuf[0] === old;
        if (t === V_F64) return this.decoded() === old;
        return false;
      case 'undefined':
        return t === V_UNDEFINED;
      case 'boolean':
        return t === (old ? V_TRUE : V_FALSE);
      case 'string':
      case 'bigint':
        return (t === V_STR || t === V_BIGINT) && this.decoded() === old;
      case 'object':
        if (old === null) return t === V_NULL;
        if (old instanceof Uint8Array) return t === V_BYTES && this.sameBytes(old);
    }
    if (t !== V_CODEC || !this.user) return false;
    return this.sameBytes(this.user.encode(old));
  }

  private sameBytes(x: Uint8Array): boolean {
    if (x.length !== this.rLen) return false;
    const r = new Uint8Array(this.rBuf.buffer, 0, this.rLen);
    for (let i = 0; i < x.length; i++) if (x[i] !== r[i]) return false;
    return true;
  }
}

/** describe names the type of x for an error message. */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return typeof x;
  const name = (x as { constructor?: { name?: string } }).constructor?.name;
  return name ? `object (${name})` : 'object';
}
