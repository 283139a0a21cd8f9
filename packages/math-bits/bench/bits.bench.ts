// @gostd/math-bits against the techniques a user would write instead, in one `vitest bench` run:
// Math.clz32 and friends inline, bit-twiddle, SWAR, BigInt shift/split code, the BigUint64Array +
// Uint32Array-halves technique written inline, and one BigInt multiply/divide for mul64/div64.
// Each task runs over the same 1024 inputs; ns/op in the README is a task's mean time / 1024.
import fs from 'node:fs';
import { countTrailingZeros, popCount, reverse } from 'bit-twiddle';
import { bench, describe } from 'vitest';

// Measure what users run: the built bundle (turbo builds before bench), bound to local constants so
// each call is a plain function call rather than a property read on a transformed module namespace.
const dist = new URL('../dist/index.js', import.meta.url);
if (!fs.existsSync(dist)) throw new Error('bench/bits.bench.ts measures dist/index.js: run `npx tsup` first');
const bits: typeof import('../src/index') = await import(dist.href);
const {
  add64,
  div64,
  leadingZeros32,
  leadingZeros64,
  mul64,
  onesCount32,
  onesCount64,
  reverse32,
  reverseBytes64,
  rotateLeft64,
  trailingZeros32,
  trailingZeros64,
} = bits;

const N = 1024;
const M64 = (1n << 64n) - 1n;
const M32n = 0xffffffffn;

// Seeded inputs (xorshift), so every run measures the same values.
let seed = 0x2545f491;
function rand32(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
function rand64(): bigint {
  return (BigInt(rand32()) << 32n) | BigInt(rand32());
}
/** Values of every bit length, so branches on zero halves are taken both ways. */
const x32 = Array.from({ length: N }, () => rand32() >>> (rand32() % 32));
const x64 = Array.from({ length: N }, () => rand64() >> BigInt(rand32() % 64));
const y64 = Array.from({ length: N }, () => rand64() | 1n);
const k = Array.from({ length: N }, () => rand32() % 64);
/** div64 dividends with hi < y (y full width: the general, two-limb divisor path). */
const dy = Array.from({ length: N }, () => rand64() | (1n << 63n));
const dhi = dy.map((y) => rand64() % y);
/** div64 with a divisor below 2^32 (the one-limb path). */
const sy = Array.from({ length: N }, () => BigInt(rand32() | 1));
const shi = sy.map((y) => rand64() % y);

let sink = 0;
let bsink = 0n;

// Peers, written the way they are usually written.
const ctz32 = (x: number) => (x === 0 ? 32 : 31 - Math.clz32(x & -x));
function swar32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}
const cell = new BigUint64Array(1);
const halves = new Uint32Array(cell.buffer);
const view = new DataView(new ArrayBuffer(8));

describe('leadingZeros32', () => {
  bench('@gostd/math-bits leadingZeros32', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += leadingZeros32(x32[i]!);
    sink += s;
  });
  bench('Math.clz32 inline', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += Math.clz32(x32[i]!);
    sink += s;
  });
});

describe('trailingZeros32', () => {
  bench('@gostd/math-bits trailingZeros32', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += trailingZeros32(x32[i]!);
    sink += s;
  });
  bench('clz32-based ctz inline', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += ctz32(x32[i]!);
    sink += s;
  });
  bench('bit-twiddle countTrailingZeros', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += countTrailingZeros(x32[i]!);
    sink += s;
  });
});

describe('onesCount32', () => {
  bench('@gostd/math-bits onesCount32', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += onesCount32(x32[i]!);
    sink += s;
  });
  bench('SWAR popcount inline', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += swar32(x32[i]!);
    sink += s;
  });
  bench('bit-twiddle popCount', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += popCount(x32[i]!);
    sink += s;
  });
});

describe('reverse32', () => {
  bench('@gostd/math-bits reverse32', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += reverse32(x32[i]!);
    sink += s;
  });
  bench('bit-twiddle reverse (byte table)', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += reverse(x32[i]!) >>> 0;
    sink += s;
  });
});

describe('leadingZeros64', () => {
  bench('@gostd/math-bits leadingZeros64', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += leadingZeros64(x64[i]!);
    sink += s;
  });
  bench('BigUint64Array + Uint32Array halves inline', () => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      cell[0] = x64[i]!;
      const hi = halves[1]!;
      s += hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(halves[0]!);
    }
    sink += s;
  });
  bench('BigInt shift/split', () => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      const x = x64[i]!;
      const hi = Number(x >> 32n);
      s += hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(Number(x & M32n));
    }
    sink += s;
  });
});

describe('trailingZeros64', () => {
  bench('@gostd/math-bits trailingZeros64', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += trailingZeros64(x64[i]!);
    sink += s;
  });
  bench('BigUint64Array + Uint32Array halves inline', () => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      cell[0] = x64[i]!;
      const lo = halves[0]!;
      s += lo !== 0 ? ctz32(lo) : 32 + ctz32(halves[1]!);
    }
    sink += s;
  });
  bench('BigInt shift/split', () => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      const x = x64[i]!;
      const lo = Number(x & M32n);
      s += lo !== 0 ? ctz32(lo) : 32 + ctz32(Number(x >> 32n));
    }
    sink += s;
  });
});

describe('onesCount64', () => {
  bench('@gostd/math-bits onesCount64', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += onesCount64(x64[i]!);
    sink += s;
  });
  bench('BigUint64Array + Uint32Array halves inline', () => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      cell[0] = x64[i]!;
      s += swar32(halves[0]!) + swar32(halves[1]!);
    }
    sink += s;
  });
  bench('BigInt shift/split', () => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      const x = x64[i]!;
      s += swar32(Number(x & M32n)) + swar32(Number(x >> 32n));
    }
    sink += s;
  });
});

describe('rotateLeft64', () => {
  bench('@gostd/math-bits rotateLeft64', () => {
    let s = 0n;
    for (let i = 0; i < N; i++) s ^= rotateLeft64(x64[i]!, k[i]!);
    bsink ^= s;
  });
  bench('BigUint64Array + Uint32Array halves inline', () => {
    let s = 0n;
    for (let i = 0; i < N; i++) {
      cell[0] = x64[i]!;
      let lo = halves[0]!;
      let hi = halves[1]!;
      const r = k[i]!;
      if (r & 32) [lo, hi] = [hi, lo];
      const t = r & 31;
      if (t !== 0) [hi, lo] = [(hi << t) | (lo >>> (32 - t)), (lo << t) | (hi >>> (32 - t))];
      halves[0] = lo;
      halves[1] = hi;
      s ^= cell[0]!;
    }
    bsink ^= s;
  });
  bench('BigInt shift/or', () => {
    let s = 0n;
    for (let i = 0; i < N; i++) {
      const x = x64[i]!;
      const r = BigInt(k[i]! & 63);
      s ^= ((x << r) | (x >> (64n - r))) & M64;
    }
    bsink ^= s;
  });
});

describe('reverseBytes64', () => {
  bench('@gostd/math-bits reverseBytes64', () => {
    let s = 0n;
    for (let i = 0; i < N; i++) s ^= reverseBytes64(x64[i]!);
    bsink ^= s;
  });
  bench('DataView setBigUint64 LE / getBigUint64 BE', () => {
    let s = 0n;
    for (let i = 0; i < N; i++) {
      view.setBigUint64(0, x64[i]!, true);
      s ^= view.getBigUint64(0, false);
    }
    bsink ^= s;
  });
});

describe('add64', () => {
  bench('@gostd/math-bits add64', () => {
    let s = 0n;
    let c = 0n;
    for (let i = 0; i < N; i++) {
      const r = add64(x64[i]!, y64[i]!, c);
      s ^= r[0];
      c = r[1];
    }
    bsink ^= s;
  });
  bench('BigInt add, then mask and shift', () => {
    let s = 0n;
    let c = 0n;
    for (let i = 0; i < N; i++) {
      const sum = x64[i]! + y64[i]! + c;
      const r = [sum & M64, sum >> 64n] as const;
      s ^= r[0];
      c = r[1];
    }
    bsink ^= s;
  });
});

describe('mul64', () => {
  bench('@gostd/math-bits mul64', () => {
    let s = 0n;
    for (let i = 0; i < N; i++) {
      const [hi, lo] = mul64(x64[i]!, y64[i]!);
      s ^= hi ^ lo;
    }
    bsink ^= s;
  });
  bench('one BigInt multiply, then shift and mask', () => {
    let s = 0n;
    for (let i = 0; i < N; i++) {
      const p = x64[i]! * y64[i]!;
      const [hi, lo] = [p >> 64n, p & M64];
      s ^= hi ^ lo;
    }
    bsink ^= s;
  });
});

describe('div64 (64-bit divisor)', () => {
  bench('@gostd/math-bits div64', () => {
    let s = 0n;
    for (let i = 0; i < N; i++) {
      const [q, r] = div64(dhi[i]!, x64[i]!, dy[i]!);
      s ^= q ^ r;
    }
    bsink ^= s;
  });
  bench('one BigInt divide and remainder', () => {
    let s = 0n;
    for (let i = 0; i < N; i++) {
      const y = dy[i]!;
      const n = (dhi[i]! << 64n) | x64[i]!;
      const [q, r] = [n / y, n % y];
      s ^= q ^ r;
    }
    bsink ^= s;
  });
});

describe('div64 (divisor below 2^32)', () => {
  bench('@gostd/math-bits div64', () => {
    let s = 0n;
    for (let i = 0; i < N; i++) {
      const [q, r] = div64(shi[i]!, x64[i]!, sy[i]!);
      s ^= q ^ r;
    }
    bsink ^= s;
  });
  bench('one BigInt divide and remainder', () => {
    let s = 0n;
    for (let i = 0; i < N; i++) {
      const y = sy[i]!;
      const n = (shi[i]! << 64n) | x64[i]!;
      const [q, r] = [n / y, n % y];
      s ^= q ^ r;
    }
    bsink ^= s;
  });
});

// Keep the results observable so no loop is dead code.
export const observed = () => [sink, bsink];
