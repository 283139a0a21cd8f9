// The shared scratch the 64-bit forms work in: one BigUint64Array and a
// Uint32Array view over the same 8 bytes. Writing a bigint to `b64[0]` wraps it
// modulo 2^64 (ToBigUint64) and exposes its two 32-bit halves as numbers in
// `u32[LO]` and `u32[HI]`; writing halves and reading `b64[0]` makes a bigint
// again. Nothing is allocated except the bigint a caller asks for. Not exported
// from the package. Each value is marked pure (/*#__PURE__*/: making a typed
// array or probing a fresh one changes nothing else), so a bundle that imports
// only 32-bit functions leaves this module out.

/** The 64-bit cell: write a bigint here to split it, read it to join the halves. */
export const b64 = /*#__PURE__*/ new BigUint64Array(1);

/** The two 32-bit halves of `b64[0]`, indexed by LO and HI. */
export const u32 = /*#__PURE__*/ (() => new Uint32Array(b64.buffer))();

/** True when the platform stores the low half first (every mainstream Node platform). */
const littleEndian = /*#__PURE__*/ (() => new Uint8Array(new Uint16Array([1]).buffer)[0] === 1)();

/** Index of the low 32 bits of `b64[0]` in `u32`. */
export const LO = littleEndian ? 0 : 1;

/** Index of the high 32 bits of `b64[0]` in `u32`. */
export const HI = littleEndian ? 1 : 0;

/** 2^32 as a number. */
export const TWO32 = 4294967296;
