// The 128-by-64-bit division behind div64 and rem64, on 32-bit limbs held in
// numbers. Not exported from the package. Operands and results pass through the
// typed array `dm` rather than as arguments, so no uint32 above 2^31 is ever
// boxed on the way in or out.

/**
 * In: the dividend's limbs n0, n1, n2, n3 (least significant first) at 0..3 and the divisor's y0, y1 at
 * 4..5. Out: the quotient's limbs at 0..1 and the remainder's at 2..3.
 */
export const dm = /*#__PURE__*/ new Uint32Array(6);

const TWO32 = 4294967296;
const INV32 = 2.3283064365386963e-10; // 1 / TWO32 = 2^-32, exactly (a bundler keeps a division)

/**
 * Divides the 128-bit (n3, n2, n1, n0) in `dm` by the 64-bit (y1, y0) and leaves the 64-bit quotient and
 * remainder in `dm`. The caller guarantees y != 0 and (n3, n2) < (y1, y0), so the quotient fits.
 */
export function divmod(): void {
  const y0 = dm[4]!;
  const y1 = dm[5]!;
  if (y1 === 0) {
    // A one-limb divisor: schoolbook division in base 2^16. Each partial dividend r*2^16 + d is below
    // y0*2^16 <= 2^48, so doubles divide it exactly. Here n3 == 0 and n2 < y0.
    const n1 = dm[1]!;
    const n0 = dm[0]!;
    let c = dm[2]! * 65536 + (n1 >>> 16);
    const qa = Math.floor(c / y0);
    c = (c - qa * y0) * 65536 + (n1 & 0xffff);
    const qb = Math.floor(c / y0);
    c = (c - qb * y0) * 65536 + (n0 >>> 16);
    const qc = Math.floor(c / y0);
    c = (c - qc * y0) * 65536 + (n0 & 0xffff);
    const qd = Math.floor(c / y0);
    dm[0] = qc * 65536 + qd;
    dm[1] = qa * 65536 + qb;
    dm[2] = c - qd * y0;
    dm[3] = 0;
    return;
  }
  // A two-limb divisor: two base-2^32 quotient digits, (n3, n2, n1) / y, then (r1, r0, n0) / y.
  //
  // Each digit is first estimated in doubles: numerator and divisor are each within a relative 2^-52
  // of exact, so the estimate is within 2^-19 of the true quotient and its floor q is off by at most
  // one (q is in [0, 2^32]; q == 2^32 still splits exactly below, as imul sees 0 and the double
  // product is exact). The remainder (r1, r0, d) - q*y is then computed exactly on limbs, each 32x32
  // product split into halves by Math.imul and a rounded double, and one add-back or subtract fixes q.
  const yf = y1 * TWO32 + y0;
  let r1 = dm[3]!;
  let r0 = dm[2]!;
  let q1 = 0;
  let q = 0;
  for (let i = 1; i >= 0; i--) {
    const d = dm[i]!;
    q = Math.floor(((r1 * TWO32 + r0) * TWO32 + d) / yf);
    const l0 = Math.imul(q, y0) >>> 0;
    const h0 = Math.round((q * y0 - l0) * INV32);
    const l1 = Math.imul(q, y1) >>> 0;
    const h1 = Math.round((q * y1 - l1) * INV32);
    // t = (r1, r0, d) - (h1, l1 + h0, l0), limb by limb with borrows; the true t lies in [-y, 2y).
    let c = d - l0;
    let t0 = c < 0 ? c + TWO32 : c;
    c = r0 - l1 - h0 - (c < 0 ? 1 : 0);
    const b = -Math.floor(c * INV32);
    let t1 = c + b * TWO32;
    const top = r1 - h1 - b;
    if (top < 0) {
      // q was one too large: add y back.
      q--;
      t0 += y0;
      const k = t0 >= TWO32 ? 1 : 0;
      t0 -= k * TWO32;
      t1 += y1 + k;
      if (t1 >= TWO32) t1 -= TWO32;
    } else if (top > 0 || t1 > y1 || (t1 === y1 && t0 >= y0)) {
      // q was one too small: subtract y.
      q++;
      t0 -= y0;
      const k = t0 < 0 ? 1 : 0;
      t0 += k * TWO32;
      t1 -= y1 + k;
      if (t1 < 0) t1 += TWO32;
    }
    if (i === 1) q1 = q;
    r1 = t1;
    r0 = t0;
  }
  dm[0] = q;
  dm[1] = q1;
  dm[2] = r0;
  dm[3] = r1;
}
