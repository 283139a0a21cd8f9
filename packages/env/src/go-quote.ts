// Go's %q (strconv.Quote), for error messages in Go's words.
import { isLoneSurrogate } from './utf8';

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** goQuote returns s as Go's strconv.Quote (the %q verb) writes it; a lone surrogate is the byte \xNN it escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (ch.length === 1 && isLoneSurrogate(ch, 0)) {
      out += r >= 0xdc80 && r <= 0xdcff ? `\\x${(r - 0xdc00).toString(16)}` : '\ufffd';
    } else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (printable.test(ch)) out += ch;
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (r < 0x20 || r === 0x7f) out += `\\x${r.toString(16).padStart(2, '0')}`;
    else if (r < 0x10000) out += `\\u${r.toString(16).padStart(4, '0')}`;
    else out += `\\U${r.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/**
 * splitQuoted splits s into fields at spaces, tabs, CR and LF, allowing '' or "" around a field (no unescaping
 * inside), as Go's cmd/internal/quoted.Split does for CC and CXX. It throws "unterminated ' string" (or ")
 * when a quote is not closed.
 */
export function splitQuoted(s: string): string[] {
  const f: string[] = [];
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isSpace(s[i])) i++;
    if (i === s.length) break;
    const q = s[i]!;
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, i + 1);
      if (end < 0) throw new Error(`unterminated ${q} string`);
      f.push(s.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < s.length && !isSpace(s[i])) i++;
    f.push(s.slice(start, i));
  }
  return f;
}
