// Conversions between an int64 bigint and a float64 number through one shared 8-byte buffer. On Node 20,
// Number(bigint) and BigInt(non-Smi number) each cost about as much as parsing or formatting a whole
// Duration; writing and reading a BigInt64Array is compiled inline and costs a fraction of that. Exact
// only below 2^53 in magnitude, which the callers check. Internal; not exported from the package.

const bits = new BigInt64Array(1);
const words = new Uint32Array(bits.buffer);
const signedWords = new Int32Array(bits.buffer);
/** Which 32-bit word of the int64 holds its low half: 0 on little-endian machines. */
const lo = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const hi = 1 - lo;

/**
 * The int64 d (which the caller has checked is a bigint in int64 range) as a number when |d| < 2^53,
 * where the conversion is exact; NaN otherwise.
 */
export function int64ToInt53(d: bigint): number {
  bits[0] = d;
  const h = signedWords[hi]!;
  if (h < -0x200000 || h >= 0x200000) return Number.NaN;
  return h * 4294967296 + words[lo]!;
}

/** The integer x (|x| <= 2^53, which the caller guarantees) as a bigint. */
export function int53ToBigInt(x: number): bigint {
  if (x <= 2147483647 && x >= -2147483648) return BigInt(x | 0);
  const h = Math.floor(x / 4294967296);
  signedWords[hi] = h;
  words[lo] = x - h * 4294967296;
  return bits[0]!;
}
