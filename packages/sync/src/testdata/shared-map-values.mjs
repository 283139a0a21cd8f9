// Self-describing values for the adversarial SharedMap test (shared-map.adversarial.test.ts): every value
// names the key it was written for, so a read can tell whether what it got is some value written for that
// key, or anything else (another key's record, a garbled or freed one).

/** keyOf returns the key of index i: int keys for even i, string keys for odd i. */
export function keyOf(i) {
  return i % 2 === 0 ? i : `s${i}`;
}

/** keyIndex returns i for keyOf(i). */
function keyIndex(k) {
  return typeof k === 'number' ? k : Number(k.slice(1));
}

/**
 * valueFor returns a value for key index i, written by `writer` as its write number `seq`: an int, a short or
 * long string, or bytes, each of which names i. Long strings (up to 3 KB) press on the map's memory.
 */
export function valueFor(i, writer, seq) {
  switch (seq % 4) {
    case 0:
      return i * 4096 + (seq & 4095); // an int32 (key indexes stay below 2^19)
    case 1:
      return `${i}|${writer}|${seq}`;
    case 2:
      return `${i}|${writer}|${seq}|${'x'.repeat((seq * 7919) % 3000)}`;
    default: {
      const b = new Uint8Array(8 + (seq % 40));
      new DataView(b.buffer).setUint32(0, i);
      new DataView(b.buffer).setUint32(4, b.length);
      return b;
    }
  }
}

/** isValueFor reports whether v is a value valueFor could have returned for key k. */
export function isValueFor(k, v) {
  const i = keyIndex(k);
  if (typeof v === 'number') return Number.isInteger(v) && Math.floor(v / 4096) === i;
  if (typeof v === 'string') {
    const parts = v.split('|');
    if (Number(parts[0]) !== i || parts.length < 3) return false;
    if (parts.length === 3) return true;
    return parts.length === 4 && parts[3] === 'x'.repeat((Number(parts[2]) * 7919) % 3000);
  }
  if (v instanceof Uint8Array) {
    if (v.length < 8) return false;
    const d = new DataView(v.buffer, v.byteOffset, v.length);
    return d.getUint32(0) === i && d.getUint32(4) === v.length;
  }
  return false;
}

/** sameValue reports whether two values read back are equal (bytes by content). */
export function sameValue(a, b) {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, j) => x === b[j]);
  }
  return a === b;
}
