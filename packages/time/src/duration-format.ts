// The digits of Duration.string, written as Go's String writes them: right to left into a fixed buffer,
// then turned into a string by one String.fromCharCode call. Node 20 builds a short string fastest that
// way (one allocation; template literals allocate once per piece), and the numbers stay int32/float64.
// Internal; Duration.string in duration.ts is the exported entry.

/** The output buffer: a Duration string is at most 25 bytes ("-2562047h47m16.854775808s"). */
const buf = new Uint8Array(32);

/** pairs[2r] and pairs[2r + 1]: the two decimal digits of r, for r in [0, 100). */
const pairs = new Uint8Array(200);
for (let r = 0; r < 100; r++) {
  pairs[2 * r] = 48 + ((r / 10) | 0);
  pairs[2 * r + 1] = 48 + (r % 10);
}

/** Writes v (an integer in [0, 10^k)) as exactly k digits ending before w; returns the new start. */
function fixed(w: number, v: number, k: number): number {
  for (; k >= 2; k -= 2) {
    const q = (v / 100) | 0;
    const r = (v - q * 100) * 2;
    buf[--w] = pairs[r + 1]!;
    buf[--w] = pairs[r]!;
    v = q;
  }
  if (k === 1) buf[--w] = 48 + v;
  return w;
}

/** Writes ".ddd", v (in [0, 10^prec)) as a fraction of prec digits without trailing zeros; nothing for 0. */
function fraction(w: number, v: number, prec: number): number {
  if (v === 0) return w;
  if (v % 1000 === 0) {
    v = (v / 1000) | 0;
    prec -= 3;
    if (v % 1000 === 0) {
      v = (v / 1000) | 0;
      prec -= 3;
    }
  }
  if (v % 10 === 0) {
    v = (v / 10) | 0;
    prec--;
    if (v % 10 === 0) {
      v = (v / 10) | 0;
      prec--;
    }
  }
  w = fixed(w, v, prec);
  buf[--w] = 46;
  return w;
}

/** Writes v in [0, 100) in decimal, without a leading zero, ending before w. */
function two(w: number, v: number): number {
  if (v < 10) buf[--w] = 48 + v;
  else {
    buf[--w] = pairs[2 * v + 1]!;
    buf[--w] = pairs[2 * v]!;
  }
  return w;
}

/** Writes the integer v (in [0, 2^53)) in decimal ending before w. */
function integer(w: number, v: number): number {
  if (v < 10) {
    buf[--w] = 48 + v;
    return w;
  }
  while (v >= 2147483648) {
    const q = Math.floor(v / 100);
    const r = (v - q * 100) * 2;
    buf[--w] = pairs[r + 1]!;
    buf[--w] = pairs[r]!;
    v = q;
  }
  let x = v | 0;
  while (x >= 100) {
    const q = (x / 100) | 0;
    const r = (x - q * 100) * 2;
    buf[--w] = pairs[r + 1]!;
    buf[--w] = pairs[r]!;
    x = q;
  }
  if (x < 10) buf[--w] = 48 + x;
  else {
    buf[--w] = pairs[2 * x + 1]!;
    buf[--w] = pairs[2 * x]!;
  }
  return w;
}

/**
 * Go's Duration.String of a duration with magnitude sec seconds (an integer below 2^53) plus nsec
 * nanoseconds (an integer in [0, 1e9)), negative when neg.
 */
export function formatDuration(sec: number, nsec: number, neg: boolean): string {
  let w = 32;
  if (sec === 0) {
    // Less than a second: a smaller unit, so that the leading digit is non-zero.
    if (nsec === 0) {
      buf[--w] = 115;
      buf[--w] = 48;
    } else if (nsec < 1e3) {
      buf[--w] = 115;
      buf[--w] = 110;
      w = integer(w, nsec);
    } else if (nsec < 1e6) {
      buf[--w] = 115;
      buf[--w] = 0xb5; // U+00B5 'µ', as Go writes it
      const q = (nsec / 1e3) | 0;
      w = integer(fraction(w, nsec - q * 1e3, 3), q);
    } else {
      buf[--w] = 115;
      buf[--w] = 109;
      const q = (nsec / 1e6) | 0;
      w = integer(fraction(w, nsec - q * 1e6, 6), q);
    }
  } else {
    buf[--w] = 115;
    w = fraction(w, nsec, 9);
    if (sec < 60) w = integer(w, sec);
    else if (sec < 2147483648) {
      // Below 2^31 seconds (68 years), int32 arithmetic: V8 divides an int32 by a constant with a
      // multiplication, where a float64 division costs several times as much.
      const s = sec | 0;
      const min = (s / 60) | 0;
      w = two(w, s - min * 60);
      buf[--w] = 109;
      if (min < 60) w = two(w, min);
      else {
        const h = (min / 60) | 0;
        w = two(w, min - h * 60);
        buf[--w] = 104;
        w = integer(w, h);
      }
    } else {
      const min = Math.floor(sec / 60);
      w = integer(w, sec - min * 60);
      buf[--w] = 109;
      if (min < 60) w = integer(w, min);
      else {
        const h = Math.floor(min / 60);
        w = integer(w, min - h * 60);
        buf[--w] = 104;
        w = integer(w, h);
      }
    }
  }
  if (neg) buf[--w] = 45;
  return emit(w);
}

const fromCharCode = String.fromCharCode;
const b = buf;

/**
 * The string of buf[w:32]. One fixed-arity fromCharCode call per length: a call with n arguments builds
 * the string in one allocation, where fromCharCode.apply or concatenation cost two to three times as much.
 */
// biome-ignore format: one line per length reads as the table it is
function emit(w: number): string {
  switch (32 - w) {
    case 1: return fromCharCode(b[31]!);
    case 2: return fromCharCode(b[30]!, b[31]!);
    case 3: return fromCharCode(b[29]!, b[30]!, b[31]!);
    case 4: return fromCharCode(b[28]!, b[29]!, b[30]!, b[31]!);
    case 5: return fromCharCode(b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 6: return fromCharCode(b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 7: return fromCharCode(b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 8: return fromCharCode(b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 9: return fromCharCode(b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 10: return fromCharCode(b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 11: return fromCharCode(b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 12: return fromCharCode(b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 13: return fromCharCode(b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 14: return fromCharCode(b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 15: return fromCharCode(b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 16: return fromCharCode(b[16]!, b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 17: return fromCharCode(b[15]!, b[16]!, b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 18: return fromCharCode(b[14]!, b[15]!, b[16]!, b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 19: return fromCharCode(b[13]!, b[14]!, b[15]!, b[16]!, b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 20: return fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!, b[16]!, b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 21: return fromCharCode(b[11]!, b[12]!, b[13]!, b[14]!, b[15]!, b[16]!, b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 22: return fromCharCode(b[10]!, b[11]!, b[12]!, b[13]!, b[14]!, b[15]!, b[16]!, b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 23: return fromCharCode(b[9]!, b[10]!, b[11]!, b[12]!, b[13]!, b[14]!, b[15]!, b[16]!, b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 24: return fromCharCode(b[8]!, b[9]!, b[10]!, b[11]!, b[12]!, b[13]!, b[14]!, b[15]!, b[16]!, b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
    case 25: return fromCharCode(b[7]!, b[8]!, b[9]!, b[10]!, b[11]!, b[12]!, b[13]!, b[14]!, b[15]!, b[16]!, b[17]!, b[18]!, b[19]!, b[20]!, b[21]!, b[22]!, b[23]!, b[24]!, b[25]!, b[26]!, b[27]!, b[28]!, b[29]!, b[30]!, b[31]!);
  }
  throw new Error(`time: internal error: a Duration string of ${32 - w} bytes`);
}
