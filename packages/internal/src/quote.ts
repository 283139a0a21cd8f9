// Go's strconv.Quote (the %q verb of package fmt), for error messages and label strings in Go's words.
import { isPrint } from './is-print';

const hex = '0123456789abcdef';

/** The escape Go writes for a rune that is not printable (strconv's appendEscapedRune). */
function escapeRune(r: number): string {
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return `\\x${hex[r >> 4]}${hex[r & 15]}`;
  if (r < 0x10000) return `\\u${r.toString(16).padStart(4, '0')}`;
  return `\\U${r.toString(16).padStart(8, '0')}`;
}

/** One rune of a valid UTF-8 sequence as Quote writes it. */
function quoteRune(r: number): string {
  if (r === 0x22 || r === 0x5c) return `\\${String.fromCharCode(r)}`;
  if (isPrint(r)) return String.fromCodePoint(r);
  return escapeRune(r);
}

/**
 * The length of the valid UTF-8 sequence at b[i] and the rune it encodes, or [1, -1] when the byte there
 * starts none (Go's utf8.DecodeRune: overlong forms, surrogates and runes above U+10FFFF are invalid).
 */
function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c = b[i] ?? 0;
  if (c < 0x80) return [1, c];
  const n = c < 0xc2 ? 0 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf5 ? 4 : 0;
  if (n === 0 || i + n > b.length) return [1, -1];
  const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
  const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
  const c1 = b[i + 1] ?? 0;
  if (c1 < lo || c1 > hi) return [1, -1];
  let r = (c & (0xff >> (n + 1))) * 64 + (c1 & 0x3f);
  for (let k = 2; k < n; k++) {
    const ck = b[i + k] ?? 0;
    if (ck < 0x80 || ck > 0xbf) return [1, -1];
    r = r * 64 + (ck & 0x3f);
  }
  return [n, r];
}

/**
 * quote returns a double-quoted Go string literal representing s, as Go's strconv.Quote (and the %q verb)
 * writes it: control characters and non-printable runes (in Go's Unicode tables) as \a, \b, \f, \n, \r,
 * \t, \v, \xNN, \uNNNN or \UNNNNNNNN, a double quote and a backslash with a backslash before them.
 *
 * A Uint8Array is a Go string's bytes exactly: a byte that starts no valid UTF-8 sequence is written
 * \xNN, as Go writes invalid UTF-8. A string stands for its UTF-8, and a lone surrogate, which UTF-8
 * cannot hold, for U+FFFD, as Go's utf16.Decode and the WHATWG TextEncoder make it (so it is written
 * as the printable "\ufffd").
 */
export function quote(s: string | Uint8Array): string {
  let out = '"';
  if (typeof s === 'string') {
    let run = 0; // start of the current run of printable ASCII, copied in one slice
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) continue;
      out += s.slice(run, i);
      let r = c;
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = s.charCodeAt(i + 1);
        if (c < 0xdc00 && d >= 0xdc00 && d <= 0xdfff) {
          r = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else r = 0xfffd;
      }
      out += quoteRune(r);
      run = i + 1;
    }
    return `${out}${s.slice(run)}"`;
  }
  for (let i = 0; i < s.length; ) {
    const [n, r] = decodeRune(s, i);
    const b = s[i] ?? 0;
    out += r < 0 ? `\\x${hex[b >> 4]}${hex[b & 15]}` : quoteRune(r);
    i += n;
  }
  return `${out}"`;
}
