// Go's package time quotes strings in its error messages with its own small
// quote function (format.go), not strconv.Quote: a byte sequence of a rune
// below ' ' or at or above 0x80 is written as \xNN escapes of its UTF-8 bytes,
// '"' and '\' get a backslash, everything else (DEL included) is copied.
//
// A deliberate copy, as Go's is ("These are borrowed from unicode/utf8 and
// strconv and replicate behavior in that package, since we can't take a
// dependency on either", time/format.go): it is not
// strconv.Quote from @gostd/internal, because Go's time escapes differently
// (`"\xe2\x98\xba"` where strconv.Quote writes `"☺"`), and time's messages must
// match Go's byte for byte.

const hex = '0123456789abcdef';

function byteEscape(b: number): string {
  return `\\x${hex[b >> 4]}${hex[b & 15]}`;
}

/** The UTF-8 bytes of code point c, as \xNN escapes. A lone surrogate counts as U+FFFD, as in UTF-8. */
function escapeRune(c: number): string {
  if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
  if (c < 0x80) return byteEscape(c);
  if (c < 0x800) return byteEscape(0xc0 | (c >> 6)) + byteEscape(0x80 | (c & 63));
  if (c < 0x10000) {
    return byteEscape(0xe0 | (c >> 12)) + byteEscape(0x80 | ((c >> 6) & 63)) + byteEscape(0x80 | (c & 63));
  }
  return (
    byteEscape(0xf0 | (c >> 18)) +
    byteEscape(0x80 | ((c >> 12) & 63)) +
    byteEscape(0x80 | ((c >> 6) & 63)) +
    byteEscape(0x80 | (c & 63))
  );
}

/** quote returns s in double quotes the way Go's package time quotes values in its error messages. */
export function quote(s: string): string {
  let out = '"';
  let run = 0; // start of the current run of characters copied as they are
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80 && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(run, i);
    if (c === 0x22 || c === 0x5c) {
      out += `\\${s[i]}`;
    } else {
      const cp = s.codePointAt(i) ?? c;
      if (cp > 0xffff) i++;
      out += escapeRune(cp);
    }
    run = i + 1;
  }
  return `${out}${s.slice(run)}"`;
}
