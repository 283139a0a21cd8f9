// Plain bigint reference implementations of math/bits, written from the
// definitions (loops over bits, exact bigint arithmetic), for the exhaustive and
// property tests to compare the fast code against. Width w is 8, 16, 32 or 64.

const W = [8, 16, 32, 64] as const;
export type Width = (typeof W)[number];

/** x wrapped to w bits, like a Go conversion to uint<w>. */
export function wrap(x: bigint | number, w: Width): bigint {
  return BigInt.asUintN(w, typeof x === 'bigint' ? x : BigInt(x));
}

function bit(x: bigint, i: number): boolean {
  return ((x >> BigInt(i)) & 1n) === 1n;
}

export function refLeadingZeros(x: bigint, w: Width): number {
  let n = 0;
  for (let i = w - 1; i >= 0 && !bit(x, i); i--) n++;
  return n;
}

export function refTrailingZeros(x: bigint, w: Width): number {
  let n = 0;
  for (let i = 0; i < w && !bit(x, i); i++) n++;
  return n;
}

export function refOnesCount(x: bigint, w: Width): number {
  let n = 0;
  for (let i = 0; i < w; i++) if (bit(x, i)) n++;
  return n;
}

export function refLen(x: bigint, w: Width): number {
  return w - refLeadingZeros(x, w);
}

export function refRotateLeft(x: bigint, k: number, w: Width): bigint {
  const s = BigInt(((k % w) + w) % w);
  return BigInt.asUintN(w, (x << s) | (x >> (BigInt(w) - s)));
}

export function refReverse(x: bigint, w: Width): bigint {
  let r = 0n;
  for (let i = 0; i < w; i++) if (bit(x, i)) r |= 1n << BigInt(w - 1 - i);
  return r;
}

export function refReverseBytes(x: bigint, w: Width): bigint {
  let r = 0n;
  for (let i = 0; i < w / 8; i++) r = (r << 8n) | ((x >> BigInt(8 * i)) & 0xffn);
  return r;
}

/** [sum, carryOut] for carry in {0, 1}. */
export function refAdd(x: bigint, y: bigint, c: bigint, w: Width): [bigint, bigint] {
  const s = x + y + c;
  return [BigInt.asUintN(w, s), s >> BigInt(w) !== 0n ? 1n : 0n];
}

/** [diff, borrowOut] for borrow in {0, 1}. */
export function refSub(x: bigint, y: bigint, b: bigint, w: Width): [bigint, bigint] {
  const d = x - y - b;
  return [BigInt.asUintN(w, d), d < 0n ? 1n : 0n];
}

export function refMul(x: bigint, y: bigint, w: Width): [bigint, bigint] {
  const p = x * y;
  return [p >> BigInt(w), BigInt.asUintN(w, p)];
}

/** [quo, rem], or the Go panic message. */
export function refDiv(hi: bigint, lo: bigint, y: bigint, w: Width): [bigint, bigint] | string {
  if (y === 0n) return 'runtime error: integer divide by zero';
  if (y <= hi) return 'runtime error: integer overflow';
  const n = (hi << BigInt(w)) | lo;
  return [n / y, n % y];
}

/** The remainder, or the Go panic message. */
export function refRem(hi: bigint, lo: bigint, y: bigint, w: Width): bigint | string {
  if (y === 0n) return 'runtime error: integer divide by zero';
  return ((hi << BigInt(w)) | lo) % y;
}
