import { describe, expect, it } from 'vitest';
import { SplitMix64 } from './splitmix64';

describe('SplitMix64', () => {
  // The reference vectors of Vigna's splitmix64.c: seed 1234567, and seed 0's first output.
  it('gives the reference outputs', () => {
    const g = new SplitMix64(1234567n);
    expect(Array.from({ length: 5 }, () => g.uint64())).toEqual([
      6457827717110365317n,
      3203168211198807973n,
      9817491932198370423n,
      4593380528125082431n,
      16408922859458223821n,
    ]);
    expect(new SplitMix64(0n).uint64()).toBe(0xe220a8397b1dcdafn);
  });
  it('int64 is uint64 read as two’s complement; below and pick stay in range', () => {
    const a = new SplitMix64(7n);
    const b = new SplitMix64(7n);
    for (let i = 0; i < 100; i++) expect(a.int64()).toBe(BigInt.asIntN(64, b.uint64()));
    for (let i = 0; i < 1000; i++) {
      const n = a.below(7);
      expect(n >= 0 && n < 7 && Number.isInteger(n)).toBe(true);
    }
    const seen = new Set(Array.from({ length: 200 }, () => a.pick(['x', 'y', 'z'] as const)));
    expect([...seen].sort()).toEqual(['x', 'y', 'z']);
  });
});
