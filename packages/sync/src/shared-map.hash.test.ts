// Hash flooding (issue 13, defect 4): every map draws a random hash seed, so keys crafted to collide under one
// map's hash spread in another's, and an adversary who knows the code cannot make one home slot take them all.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Codec, drawIntMultiplier, MaxKeyBytes, wordsHash } from './shared-codec';
import { SharedMap } from './shared-map';

/** PHI_INVERSE is the inverse modulo 2^32 of 0x9e3779b9, the fixed int-key multiplier before the fix. */
const PHI_INVERSE = 0x144cbc89;

/** crafted returns n int keys whose old fixed hash (k * 0x9e3779b9) is 0..n-1: all share home slot 0. */
function crafted(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.imul(i, PHI_INVERSE));
}

/** timeOf returns the milliseconds f takes. */
function timeOf(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/** costs returns the median over 3 runs of the time to store and then to get every key in a fresh map. */
function costs(keys: number[]): { store: number; get: number } {
  const stores: number[] = [];
  const gets: number[] = [];
  for (let run = 0; run < 3; run++) {
    const m = new SharedMap<number, number>();
    stores.push(
      timeOf(() => {
        for (const k of keys) m.store(k, 1);
      }),
    );
    gets.push(
      timeOf(() => {
        for (let j = 0; j < 4; j++) for (const k of keys) m.get(k);
      }),
    );
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
  return { store: median(stores), get: median(gets) };
}

describe('SharedMap hash seeds', () => {
  it('keys crafted to collide under the old fixed int hash cost what ordinary keys cost', () => {
    const n = 16_000;
    const attack = costs(crafted(n));
    const normal = costs(Array.from({ length: n }, (_, i) => i * 7 + 1));
    console.log(
      `${n} crafted int keys: store ${attack.store.toFixed(1)} ms, 4 gets each ${attack.get.toFixed(1)} ms; ` +
        `ordinary keys: ${normal.store.toFixed(1)} ms, ${normal.get.toFixed(1)} ms`,
    );
    // Before the fix the crafted keys took hundreds of times longer (one probe chain of n keys).
    expect(attack.store).toBeLessThan(8 * normal.store + 20);
    expect(attack.get).toBeLessThan(8 * normal.get + 20);
  });

  it("keys crafted to collide under another map's multiplier cost what ordinary keys cost", () => {
    // An adversary who knows the code can draw a multiplier the way a map does and craft keys whose hashes
    // under it are 0..n-1 (one probe chain); under the map's own multiplier they spread.
    const inverse = (a: number) => {
      let x = a;
      for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x));
      return x;
    };
    const words = new Int32Array(1);
    const theirs = drawIntMultiplier(() => crypto.getRandomValues(words)[0]!);
    const n = 16_000;
    const attack = costs(Array.from({ length: n }, (_, i) => Math.imul(i, inverse(theirs))));
    const normal = costs(Array.from({ length: n }, (_, i) => i * 7 + 1));
    console.log(
      `${n} int keys crafted against another multiplier: store ${attack.store.toFixed(1)} ms, ` +
        `4 gets each ${attack.get.toFixed(1)} ms; ordinary keys: ${normal.store.toFixed(1)} ms, ${normal.get.toFixed(1)} ms`,
    );
    expect(attack.store).toBeLessThan(8 * normal.store + 20);
    expect(attack.get).toBeLessThan(8 * normal.get + 20);
  });

  it('draws a different seed for every map, and every attached thread hashes with it', () => {
    const a = new SharedMap<number | string, number>();
    const b = new SharedMap<number | string, number>();
    const keys = [
      ...Array.from({ length: 200 }, (_, i) => i * 1024),
      ...Array.from({ length: 200 }, (_, i) => `s${i}`),
    ];
    for (const k of keys) {
      a.store(k, 1);
      b.store(k, 1);
    }
    // The index order (what range walks) follows the hash: two maps with the same keys walk them differently.
    const order = (m: SharedMap<number | string, number>) => {
      const out: (number | string)[] = [];
      m.range((k) => {
        out.push(k);
      });
      return out;
    };
    const ints = (o: (number | string)[]) => o.filter((k) => typeof k === 'number').join();
    const strs = (o: (number | string)[]) => o.filter((k) => typeof k === 'string').join();
    expect(ints(order(a))).not.toBe(ints(order(b)));
    expect(strs(order(a))).not.toBe(strs(order(b)));
    // A thread that attaches finds every key (it hashes with the map's seed, read from the buffer).
    const same = SharedMap.from<number | string, number>(a.handle);
    for (const k of keys) expect(same.get(k)).toBe(1);
    expect(order(same)).toEqual(order(a));
  });
});

describe('SharedMap string hash', () => {
  it('hashes an ASCII key while packing it exactly as wordsHash hashes its words', () => {
    // stringKey sums wordsHash inside its packing loop (one pass over the key); the universality argument is
    // wordsHash's, so the two must agree on every key, of every length, also past the first position keys.
    const seed = [0x12345679, 0, 0x0badf00d, 0x5eed5eed];
    const codec = new Codec(undefined, seed);
    const reference = new Codec(undefined, seed) as unknown as {
      keys: Int32Array;
      hashWords(buf: Int32Array, n: number, len: number): number;
    };
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 300 }), (s) => {
        codec.key(s);
        const words = new Int32Array(codec.kBuf.buffer.slice(0), 0, codec.kWords);
        expect(codec.kHash).toBe(reference.hashWords(words, codec.kWords, codec.kLen));
        expect(codec.kHash).toBe(wordsHash(reference.keys, words, codec.kWords, s.length));
      }),
      { numRuns: 3000 },
    );
    // A key of the longest length, and one past it, which is refused like any longer key.
    codec.key('k'.repeat(MaxKeyBytes));
    expect(codec.kLen).toBe(MaxKeyBytes);
    expect(() => codec.key('k'.repeat(MaxKeyBytes + 1))).toThrow(RangeError);
    expect(() => codec.key(`\ud800${'k'.repeat(MaxKeyBytes)}`)).toThrow(TypeError);
  });
});
