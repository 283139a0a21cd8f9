// `npm run bench:go -w @gostd/math-bits`: the 32- and 64-bit functions against Go's math/bits
// (bench/vs-go.go, testing.Benchmark) on the same 1024 seeded inputs, interleaved over rounds; prints
// gostd ns/op over Go's. Measures the built bundle (run `npx tsup` first; `npm run bench` builds through
// turbo). Go compiles most of these calls to one instruction; here 32-bit forms are number arithmetic and
// 64-bit forms BigInt arithmetic.
import { execFileSync } from 'node:child_process';
import { goBuild, mainFile, report, vsGo } from '@gostd/testing/vs-go';
import * as bits from '../dist/index.js';

const N = 1024;
const M = N - 1;
// The inputs of bench/vs-go.go: xorshift32 from the same seed, drawn in the same order.
let seed = 0x2545f491;
function rand32() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
const rand64 = () => (BigInt(rand32()) << 32n) | BigInt(rand32());
// Typed arrays, as Go's are: a load is one machine load, not a boxed number's.
const x32 = Uint32Array.from({ length: N }, () => rand32() >>> (rand32() % 32));
const x64 = Array.from({ length: N }, () => rand64() >> BigInt(rand32() % 64));
const y64 = Array.from({ length: N }, () => rand64() | 1n);
const k64 = Int32Array.from({ length: N }, () => rand32() % 64);

const program = new URL('./vs-go.go', import.meta.url).pathname;
let check = 0n;
for (let i = 0; i < N; i++) check += BigInt(x32[i]) ^ x64[i] ^ y64[i] ^ BigInt(k64[i]);
const goCheck = execFileSync(goBuild(program, [mainFile]), ['inputs'], { encoding: 'utf8' }).trim();
if (BigInt.asUintN(64, check).toString() !== goCheck)
  throw new Error(`inputs differ from Go's: ${check} ${goCheck}`);

const {
  leadingZeros32,
  trailingZeros32,
  onesCount32,
  len32,
  reverse32,
  reverseBytes32,
  rotateLeft32,
  leadingZeros64,
  trailingZeros64,
  onesCount64,
  len64,
  reverse64,
  reverseBytes64,
  rotateLeft64,
  add64,
  mul64,
} = bits;
let sink = 0;
let bsink = 0n;

// One loop written out per function, as Go's benchmarks are: a loop shared through a helper would call
// every function from one call site and measure a megamorphic call instead of the function.
const cases = [
  {
    name: 'leadingZeros32',
    go: 'LeadingZeros32',
    goal: 2,
    run(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += leadingZeros32(x32[i & M]);
      sink += s;
    },
  },
  {
    name: 'trailingZeros32',
    go: 'TrailingZeros32',
    goal: 2,
    run(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += trailingZeros32(x32[i & M]);
      sink += s;
    },
  },
  {
    name: 'onesCount32',
    go: 'OnesCount32',
    goal: 2,
    run(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += onesCount32(x32[i & M]);
      sink += s;
    },
  },
  {
    name: 'len32',
    go: 'Len32',
    goal: 2,
    run(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += len32(x32[i & M]);
      sink += s;
    },
  },
  {
    name: 'reverse32',
    go: 'Reverse32',
    goal: 2,
    run(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += reverse32(x32[i & M]);
      sink += s;
    },
  },
  {
    name: 'reverseBytes32',
    go: 'ReverseBytes32',
    goal: 2,
    run(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += reverseBytes32(x32[i & M]);
      sink += s;
    },
  },
  {
    name: 'rotateLeft32',
    go: 'RotateLeft32',
    goal: 2,
    run(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += rotateLeft32(x32[i & M], k64[i & M]);
      sink += s;
    },
  },
  {
    name: 'leadingZeros64',
    go: 'LeadingZeros64',
    run(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += leadingZeros64(x64[i & M]);
      sink += s;
    },
  },
  {
    name: 'trailingZeros64',
    go: 'TrailingZeros64',
    run(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += trailingZeros64(x64[i & M]);
      sink += s;
    },
  },
  {
    name: 'onesCount64',
    go: 'OnesCount64',
    run(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += onesCount64(x64[i & M]);
      sink += s;
    },
  },
  {
    name: 'len64',
    go: 'Len64',
    run(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += len64(x64[i & M]);
      sink += s;
    },
  },
  {
    name: 'reverse64',
    go: 'Reverse64',
    run(n) {
      let s = 0n;
      for (let i = 0; i < n; i++) s ^= reverse64(x64[i & M]);
      bsink ^= s;
    },
  },
  {
    name: 'reverseBytes64',
    go: 'ReverseBytes64',
    run(n) {
      let s = 0n;
      for (let i = 0; i < n; i++) s ^= reverseBytes64(x64[i & M]);
      bsink ^= s;
    },
  },
  {
    name: 'rotateLeft64',
    go: 'RotateLeft64',
    run(n) {
      let s = 0n;
      for (let i = 0; i < n; i++) s ^= rotateLeft64(x64[i & M], k64[i & M]);
      bsink ^= s;
    },
  },
  {
    name: 'add64',
    go: 'Add64',
    run(n) {
      let s = 0n;
      for (let i = 0; i < n; i++) s ^= add64(x64[i & M], y64[i & M], 0n)[0];
      bsink ^= s;
    },
  },
  {
    name: 'mul64',
    go: 'Mul64',
    run(n) {
      let s = 0n;
      for (let i = 0; i < n; i++) s ^= mul64(x64[i & M], y64[i & M])[1];
      bsink ^= s;
    },
  },
];

const rounds = Number(process.env.ROUNDS ?? 7);
const rows = await vsGo({ program, rounds, cases });
console.log(report(rows, rounds));
if (sink === -1 && bsink === -1n) console.log(sink, bsink);
