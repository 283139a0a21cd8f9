// String keys and values that once came back wrong: a leading U+FEFF (issue 13, defect 6) and the per-thread
// cache of decoded strings across the wrap of the 32-bit stamp counter (issue 13, defect 7).
import { describe, expect, it } from 'vitest';
import { SharedMap, setNextStampForTests } from './shared-map';

const BOM = '\uFEFF';

describe('SharedMap strings that start with U+FEFF', () => {
  it('keeps a leading BOM in keys and values: load, compareAndSwap, range -> get round trip', () => {
    const m = new SharedMap<string, string>();
    const keys = [BOM, `${BOM}k`, `${BOM}${BOM}kk`, `${BOM}ключ`, 'plain'];
    for (const k of keys) m.store(k, `${BOM}${k}`);
    for (const k of keys) expect(m.load(k)).toEqual([`${BOM}${k}`, true]);
    expect(m.get('k')).toBeUndefined(); // the BOM is part of the key
    // A value longer than the short-string path, too.
    const long = `${BOM}${'x'.repeat(100)}`;
    m.store('long', long);
    expect(m.get('long')).toBe(long);
    // Compare-and-swap with the value read back succeeds.
    for (const k of keys) expect(m.compareAndSwap(k, m.get(k)!, `${BOM}new`)).toBe(true);
    expect(m.compareAndDelete('long', long)).toBe(true);
    // Every key range yields is one get finds.
    const seen: string[] = [];
    m.range((k, v) => {
      seen.push(k);
      expect(m.get(k)).toBe(v);
    });
    expect(seen.sort()).toEqual([...keys].sort());
    expect(m.loadAndDelete(`${BOM}k`)).toEqual([`${BOM}new`, true]);
  });
});

describe('SharedMap across the wrap of the 32-bit stamp counter', () => {
  /** rounds stores `${tag}${i}` in k n times and checks each read, and a compare-and-swap loop, right away. */
  function rounds(m: SharedMap<string, string>, tag: string, n: number): void {
    for (let i = 0; i < n; i++) {
      m.store('k', `${tag}${i}`);
      expect(m.get('k')).toBe(`${tag}${i}`);
      if (i % 100 === 99) {
        let tries = 0;
        for (;;) {
          const v = m.get('k')!;
          if (m.compareAndSwap('k', v, `${v}+`)) break;
          if (++tries === 100) throw new Error(`compare-and-swap loop never succeeded (read ${v})`);
        }
        expect(m.get('k')).toBe(`${tag}${i}+`);
      }
    }
  }

  it('never answers from a value cached before the wrap, and a CAS loop still succeeds', () => {
    for (const shift of [0, 1, 2]) {
      const m = new SharedMap<string, string>();
      // Early stamps: values decoded (and cached per thread) under small stamps.
      rounds(m, 'a', 3000);
      // Run the counter to just before its wrap, so the stamps drawn next wrap around to the early ones.
      setNextStampForTests(m as SharedMap, -1000);
      for (let s = 0; s < shift; s++) m.store(`other${s}`, 'x'.repeat(40));
      rounds(m, 'b', 6000);
      expect(m.size).toBe(1 + shift);
    }
  });

  it('a record reused under the stamp it had before the wrap is read afresh', () => {
    // The exact case: this thread decodes k's value in record r under stamp 100 and caches it; the value is
    // replaced (r is freed) and the counter runs on to its wrap and round to 100 again, when r is reused for
    // k's new value. A cache keyed by (record, stamp) answered the old value from then on, and a CAS loop
    // built on get never succeeded.
    for (let burn = 0; burn < 4; burn++) {
      const m = new SharedMap<string, string>();
      setNextStampForTests(m as SharedMap, 100);
      m.store('k', 'one');
      expect(m.get('k')).toBe('one');
      m.store('k', 'two');
      setNextStampForTests(m as SharedMap, -50); // 2^32 - 50: just before the wrap
      // Draw stamps (through 0, which is never drawn) up to 99 with writes of records of another size.
      for (let i = 0; i < 149 + burn - 2; i++) m.store('z', 'another size of value, not reused for k');
      m.store('k', 'three');
      expect(m.get('k')).toBe('three');
      let tries = 0;
      while (!m.compareAndSwap('k', m.get('k')!, 'four')) {
        if (++tries === 100) throw new Error('compare-and-swap loop never succeeded');
      }
      expect(m.load('k')).toEqual(['four', true]);
    }
  });
});

describe('SharedMap string cache', () => {
  it('decodes a string value once per thread: records whose cache entries collide do not evict each other', () => {
    // 4,096 live string values fill a quarter of the cache's 16,384 entries. One entry per record hash leaves
    // about 1 in 8 of them sharing an entry with another, and 5% of random gets decoding again; sets of two
    // entries keep most of those. And every answer is right.
    const m = new SharedMap<string, string>();
    const keys = Array.from({ length: 4096 }, (_, i) => `user:${(i * 7919) % 100000}`);
    for (const [i, k] of keys.entries()) m.store(k, `value ${i} of ${k}`);
    const codec = (m as unknown as { codec: { decoded(): unknown } }).codec;
    const decode = codec.decoded.bind(codec);
    let decodes = 0;
    codec.decoded = () => {
      decodes++;
      return decode();
    };
    for (const [i, k] of keys.entries()) expect(m.get(k)).toBe(`value ${i} of ${k}`);
    expect(decodes).toBe(4096);
    let x = 0x2545f491;
    const gets = 40_000;
    for (let n = 0; n < gets; n++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const i = (x >>> 0) % keys.length;
      if (m.get(keys[i]!) !== `value ${i} of ${keys[i]}`) throw new Error(`wrong value for ${keys[i]}`);
    }
    expect((decodes - 4096) / gets).toBeLessThan(0.04); // measured: 0.021, and 0.092 with one entry per hash
  });
});

describe('SharedMap string cache, records reused', () => {
  it('reads a value afresh when it differs from the cached one only past its first 8 bytes', () => {
    // Rewriting one key frees its record and the next write reuses it: the cache entry's record, length and
    // first two words all match, and only the rest of the words tells the values apart.
    const m = new SharedMap<string, string>();
    let reused = 0;
    const records = new Set<number>();
    for (let i = 1000; i < 3000; i++) {
      m.store('k', `same prefix, then ${i}`);
      expect(m.get('k')).toBe(`same prefix, then ${i}`);
      const r = (m as unknown as { reader: { foundRecord: number } }).reader.foundRecord;
      if (records.has(r)) reused++;
      records.add(r);
    }
    expect(reused).toBeGreaterThan(100); // the case really happened
  });
});
