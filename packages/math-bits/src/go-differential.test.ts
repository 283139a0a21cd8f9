// Differential test against the real Go toolchain: testdata/bits.go answers every math/bits function for
// seeded random inputs (and the edge values below), and every answer here must equal Go's, panics
// included. Skips, saying so, when there is no Go >= 1.23; under CI=true it fails instead.

import { goRun, requireGo, SplitMix64 } from '@gostd/testing';
import { describe, expect, it } from 'vitest';
import * as bits from './index';

// Seeded, so every run asks Go the same questions.
const random = new SplitMix64(0x60_57_d1_ffn);
const next = () => random.uint64();
const below = (n: number) => random.below(n);

const edges64 = [
  0n,
  1n,
  2n,
  3n,
  0x7fffffffn,
  0x80000000n,
  0xffffffffn,
  1n << 32n,
  (1n << 63n) - 1n,
  1n << 63n,
  (1n << 64n) - 2n,
  (1n << 64n) - 1n,
];

/** A uint64 of a random bit length (so small and large values both occur), or an edge value. */
function u64(): bigint {
  if (below(8) === 0) return edges64[below(edges64.length)]!;
  return next() >> BigInt(below(65));
}

/** A uint<w> as a number (out-of-range ones throw; bad-input.test.ts covers them). */
function small(w: 8 | 16 | 32): number {
  const r = below(8);
  if (r === 1) return Number(BigInt.asUintN(w, edges64[below(edges64.length)]!));
  return Number(BigInt.asUintN(w, next() >> BigInt(below(w + 1))));
}

function k(): number {
  return below(4) === 0 ? Number(BigInt.asIntN(42, next())) : below(601) - 300;
}

/** Carry and borrow inputs: 0 or 1, the only values Go defines. */
const bit = () => below(2);

/** Dividend and divisor for div/rem: mostly hi < y, sometimes hi >= y, sometimes y == 0. */
function divArgs64(): [bigint, bigint, bigint] {
  const y = below(16) === 0 ? 0n : u64();
  const r = below(8);
  // The boundary y == hi (Go panics) and y == hi + 1 (Go does not), then hi >= y at random, then hi < y.
  const hi = r === 0 ? y : r === 1 && y > 0n ? y - 1n : r === 2 || y === 0n ? u64() : next() % y;
  return [hi, u64(), y];
}
function divArgs32(): [number, number, number] {
  const y = below(16) === 0 ? 0 : small(32);
  const yw = y >>> 0;
  const r = below(8);
  const hi = r === 0 ? y : r === 1 && yw > 0 ? yw - 1 : r === 2 || yw === 0 ? small(32) : below(yw);
  return [hi, small(32), y];
}

type Case = { name: string; args: Array<number | bigint>; call: () => unknown };

const unary64 = ['LeadingZeros', 'TrailingZeros', 'OnesCount', 'Reverse', 'ReverseBytes', 'Len'] as const;
const unarySmall = {
  LeadingZeros: [8, 16, 32],
  TrailingZeros: [8, 16, 32],
  OnesCount: [8, 16, 32],
  Reverse: [8, 16, 32],
  ReverseBytes: [16, 32],
  Len: [8, 16, 32],
} as const;

const lower = (name: string) => name[0]!.toLowerCase() + name.slice(1);
const fn = (name: string) => (bits as unknown as Record<string, (...a: unknown[]) => unknown>)[lower(name)]!;

/** One random case of each of the 49 functions, plus UintSize. */
function round(): Case[] {
  const cases: Case[] = [];
  const add = (name: string, args: Array<number | bigint>) =>
    cases.push({ name, args, call: () => fn(name)(...args) });
  for (const name of unary64) {
    add(name, [u64()]);
    add(`${name}64`, [u64()]);
    for (const w of unarySmall[name]) add(`${name}${w}`, [small(w)]);
  }
  add('RotateLeft', [u64(), k()]);
  add('RotateLeft64', [u64(), k()]);
  for (const w of [8, 16, 32] as const) add(`RotateLeft${w}`, [small(w), k()]);
  for (const op of ['Add', 'Sub']) {
    add(op, [u64(), u64(), BigInt(bit())]);
    add(`${op}64`, [u64(), u64(), BigInt(bit())]);
    add(`${op}32`, [small(32), small(32), bit()]);
  }
  add('Mul', [u64(), u64()]);
  add('Mul64', [u64(), u64()]);
  add('Mul32', [small(32), small(32)]);
  for (const op of ['Div', 'Rem']) {
    add(op, divArgs64());
    add(`${op}64`, divArgs64());
    add(`${op}32`, divArgs32());
  }
  return cases;
}

function answer(c: Case): string {
  try {
    const r = c.call();
    return Array.isArray(r) ? r.join(' ') : String(r);
  } catch (err) {
    return `panic: ${(err as Error).message}`;
  }
}

describe.skipIf(!requireGo('math-bits differential test against Go'))(
  'against real Go (testdata/bits.go)',
  () => {
    it('answers every function exactly as Go does, panics included', () => {
      const cases: Case[] = [{ name: 'UintSize', args: [], call: () => bits.UintSize }];
      for (let i = 0; i < 1500; i++) cases.push(...round());
      const input = `${cases.map((c) => [c.name, ...c.args].join(' ')).join('\n')}\n`;
      const want = goRun(new URL('./testdata/bits.go', import.meta.url).pathname, [], input).split('\n');
      const mismatches: string[] = [];
      const names = new Set<string>();
      cases.forEach((c, i) => {
        names.add(c.name);
        const got = answer(c);
        if (got !== want[i]) mismatches.push(`${c.name}(${c.args.join(', ')}) = ${got}; Go: ${want[i]}`);
      });
      const panics = want.filter((l) => l.startsWith('panic: ')).length;
      console.log(
        `math-bits: compared ${cases.length} cases of ${names.size} symbols with Go (${panics} of them panics)`,
      );
      expect(mismatches.slice(0, 20)).toEqual([]);
      expect(names.size).toBe(50);
    });
  },
);
