// Go's strconv.Quote for the strings the label stringer prints (%q).

const printable = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

const escapes: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** Quote returns s as a double-quoted Go string literal, escaping like Go's strconv.Quote (%q). */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = escapes[ch];
    if (esc !== undefined) {
      out += esc;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (printable.test(ch) && !(cp >= 0xd800 && cp <= 0xdfff)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd';
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
