// Go's %q (strconv.Quote, from @gostd/internal) of the bytes an env string stands for, for error messages
// in Go's words; and cmd/internal/quoted's Split.
import { quote } from '@gostd/internal';
import { encodeBytes } from './utf8';

/**
 * goQuote returns s as Go's strconv.Quote (the %q verb) writes the bytes s stands for (encodeBytes): a
 * lone surrogate U+DC80..U+DCFF is the byte it escapes, \xNN when it starts no valid UTF-8 sequence.
 */
export function goQuote(s: string): string {
  return quote(encodeBytes(s));
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
