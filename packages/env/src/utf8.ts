// Strings that carry arbitrary bytes, the way Go's strings do. Go's string is a
// byte sequence that is usually but not always UTF-8; a JavaScript string is
// UTF-16. decodeBytes maps each byte that is not part of a valid UTF-8 sequence
// to a lone low surrogate U+DC80..U+DCFF (the "surrogateescape" convention), so
// encodeBytes gives the original bytes back and the JSON and shell writers can
// treat such a byte exactly as Go treats invalid UTF-8.

let decoder: { decode(b: Uint8Array): string } | undefined;
const dec = (): { decode(b: Uint8Array): string } => {
  if (decoder === undefined) decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  return decoder;
};

/** The length of the valid UTF-8 sequence at b[i], or 0 when the byte there starts none (Go's DecodeRune rules). */
function seqLen(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const n = b.length - i;
  if (c < 0x80) return 1;
  if (c < 0xc2 || c > 0xf4) return 0;
  const c1 = n > 1 ? b[i + 1]! : -1;
  if (c < 0xe0) return c1 >= 0x80 && c1 <= 0xbf ? 2 : 0;
  let lo = 0x80;
  let hi = 0xbf;
  if (c === 0xe0) lo = 0xa0;
  else if (c === 0xed) hi = 0x9f;
  else if (c === 0xf0) lo = 0x90;
  else if (c === 0xf4) hi = 0x8f;
  if (c1 < lo || c1 > hi) return 0;
  const c2 = n > 2 ? b[i + 2]! : -1;
  if (c2 < 0x80 || c2 > 0xbf) return 0;
  if (c < 0xf0) return 3;
  const c3 = n > 3 ? b[i + 3]! : -1;
  return c3 >= 0x80 && c3 <= 0xbf ? 4 : 0;
}

/** decodeBytes returns b as a string: valid UTF-8 decoded, each other byte x as the lone surrogate U+DC00+x. */
export function decodeBytes(b: Uint8Array): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < b.length) {
    const n = seqLen(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (start < i) out += dec().decode(b.subarray(start, i));
    out += String.fromCharCode(0xdc00 + b[i]!);
    i++;
    start = i;
  }
  if (start === 0) return dec().decode(b);
  if (start < b.length) out += dec().decode(b.subarray(start));
  return out;
}

/** isLoneSurrogate reports whether s[i] is a surrogate that is not half of a valid pair. */
export function isLoneSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return false;
  if (c < 0xdc00) {
    const d = s.charCodeAt(i + 1);
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  const p = s.charCodeAt(i - 1);
  return !(i > 0 && p >= 0xd800 && p < 0xdc00);
}

/** validUTF8 reports whether s holds no lone surrogate (Go: utf8.ValidString of the bytes it stands for). */
export function validUTF8(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/**
 * encodeBytes returns the bytes s stands for: UTF-8, except that a lone surrogate U+DC80..U+DCFF is the
 * single byte it escapes, and any other lone surrogate is U+FFFD.
 */
export function encodeBytes(s: string): Uint8Array {
  if (validUTF8(s)) return Buffer.from(s, 'utf8');
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (!isLoneSurrogate(s, i)) continue;
    if (start < i) parts.push(Buffer.from(s.slice(start, i), 'utf8'));
    const c = s.charCodeAt(i);
    parts.push(c >= 0xdc80 && c <= 0xdcff ? Uint8Array.of(c - 0xdc00) : Uint8Array.of(0xef, 0xbf, 0xbd));
    start = i + 1;
  }
  if (start < s.length) parts.push(Buffer.from(s.slice(start), 'utf8'));
  return Buffer.concat(parts);
}
