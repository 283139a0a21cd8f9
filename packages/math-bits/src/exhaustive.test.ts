// Every uint8 and uint16 input of the 8- and 16-bit forms, against the plain bigint reference in
// testdata/reference.ts (loops over bits, written from the definitions).
import { describe, expect, it } from 'vitest';
import {
  leadingZeros8,
  leadingZeros16,
  len8,
  len16,
  onesCount8,
  onesCount16,
  reverse8,
  reverse16,
  reverseBytes16,
  rotateLeft8,
  rotateLeft16,
  trailingZeros8,
  trailingZeros16,
} from './index';
import {
  refLeadingZeros,
  refLen,
  refOnesCount,
  refReverse,
  refReverseBytes,
  refRotateLeft,
  refTrailingZeros,
  type Width,
} from './testdata/reference';

type Count = (x: number) => number;

function mismatches(w: Width, f: Count, ref: (x: bigint, w: Width) => number | bigint): number[] {
  const bad: number[] = [];
  for (let x = 0; x < 2 ** w; x++) {
    if (BigInt(f(x)) !== BigInt(ref(BigInt(x), w))) bad.push(x);
  }
  return bad;
}

/** The inputs x + offset (x < 2^w) that f answers instead of throwing a RangeError. */
function accepted(w: Width, f: Count, offset: number): number[] {
  const bad: number[] = [];
  for (let x = 0; x < 2 ** w; x++) {
    try {
      f(x + offset);
      bad.push(x + offset);
    } catch (e) {
      if (!(e instanceof RangeError)) bad.push(x + offset);
    }
  }
  return bad;
}

const counts: Array<[string, Width, Count, (x: bigint, w: Width) => number | bigint]> = [
  ['leadingZeros8', 8, leadingZeros8, refLeadingZeros],
  ['trailingZeros8', 8, trailingZeros8, refTrailingZeros],
  ['onesCount8', 8, onesCount8, refOnesCount],
  ['len8', 8, len8, refLen],
  ['reverse8', 8, reverse8, refReverse],
  ['leadingZeros16', 16, leadingZeros16, refLeadingZeros],
  ['trailingZeros16', 16, trailingZeros16, refTrailingZeros],
  ['onesCount16', 16, onesCount16, refOnesCount],
  ['len16', 16, len16, refLen],
  ['reverse16', 16, reverse16, refReverse],
  ['reverseBytes16', 16, reverseBytes16, refReverseBytes],
];

describe('every input', () => {
  it.each(counts)('%s is exact for all 2^%d inputs', (_, w, f, ref) => {
    expect(mismatches(w, f, ref)).toEqual([]);
  });
  it.each(counts)('%s rejects every input shifted by 2^w, ±2^32 or 2^40 (issue 13)', (_, w, f) => {
    expect(accepted(w, f, 2 ** w)).toEqual([]);
    expect(accepted(w, f, -(2 ** 32))).toEqual([]);
    expect(accepted(w, f, 2 ** 40)).toEqual([]);
  });
  it('rotateLeft8 is exact for every input and every k in -20..20', () => {
    const bad: string[] = [];
    for (let x = 0; x < 256; x++) {
      for (let k = -20; k <= 20; k++) {
        if (BigInt(rotateLeft8(x, k)) !== refRotateLeft(BigInt(x), k, 8)) bad.push(`${x},${k}`);
      }
    }
    expect(bad).toEqual([]);
  });
  it('rotateLeft16 is exact for every input and every k in -17..17', () => {
    const bad: string[] = [];
    for (let x = 0; x < 65536; x++) {
      for (let k = -17; k <= 17; k++) {
        // Compare with the rotation written on numbers; spot-check the bigint reference below.
        const s = ((k % 16) + 16) % 16;
        if (rotateLeft16(x, k) !== ((x << s) | (x >>> (16 - s))) % 65536) bad.push(`${x},${k}`);
      }
      if (x % 257 === 0 && BigInt(rotateLeft16(x, 5)) !== refRotateLeft(BigInt(x), 5, 16))
        bad.push(`${x},5 ref`);
    }
    expect(bad).toEqual([]);
  });
});
