// Go's encoding/json output for a map[string]string, as `go env -json` prints it:
// json.NewEncoder with SetIndent("", "\t") (MarshalIndent plus a newline).
import { encodeBytes, isLoneSurrogate } from './utf8';

const hex = '0123456789abcdef';
// A string without these characters is written as it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes exactly these control characters.
const needsEscape = /[\x00-\x1f"\\<>&\u2028\u2029\ud800-\udfff]/;
const surrogate = /[\ud800-\udfff]/;

/**
 * ControlEscapes says which escapes Go uses for the control characters U+0008 and U+000C: Go 1.22 and
 * later write `\b` and `\f`, earlier releases `\u0008` and `\u000c` (Go 1.22 release notes, encoding/json).
 */
export type ControlEscapes = 'go1.22' | 'go1.19';

/** quoteJSON returns s as a JSON string literal with Go's escaping (escapeHTML on). */
export function quoteJSON(s: string, escapes: ControlEscapes = 'go1.22'): string {
  if (!needsEscape.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string;
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26) {
      if (c === 0x22) esc = '\\"';
      else if (c === 0x5c) esc = '\\\\';
      else if (c === 0x0a) esc = '\\n';
      else if (c === 0x0d) esc = '\\r';
      else if (c === 0x09) esc = '\\t';
      else if (c === 0x08 && escapes === 'go1.22') esc = '\\b';
      else if (c === 0x0c && escapes === 'go1.22') esc = '\\f';
      else esc = `\\u00${hex[c >> 4]}${hex[c & 15]}`;
    } else if (c === 0x2028 || c === 0x2029) {
      esc = c === 0x2028 ? '\\u2028' : '\\u2029';
    } else if (c >= 0xd800 && c <= 0xdfff && isLoneSurrogate(s, i)) {
      // A byte that is not valid UTF-8: Go writes \ufffd for each one.
      esc = '\\ufffd';
    } else {
      continue;
    }
    out += s.slice(start, i) + esc;
    start = i + 1;
  }
  return `${out + s.slice(start)}"`;
}

/** compareBytes orders a and b as Go orders strings: by the bytes they stand for. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  // Without surrogates, UTF-16 code unit order is code point order, which is UTF-8 byte order.
  if (!surrogate.test(a) && !surrogate.test(b)) return a < b ? -1 : 1;
  return Buffer.compare(encodeBytes(a), encodeBytes(b));
}

/**
 * formatJSON returns what Go's json.Encoder with SetIndent("", "\t") writes for a map[string]string holding
 * entries: keys sorted by their bytes, one tab of indent, `<` `>` `&` U+2028 U+2029 and control characters
 * escaped, invalid UTF-8 (a lone surrogate) as \ufffd, and a trailing newline. A later duplicate key wins, as
 * in a Go map. An empty map is "{}\n". escapes picks Go 1.22's `\b` and `\f` (the default) or the `\u0008` and
 * `\u000c` of earlier Go.
 *
 * @example
 * ```ts
 * import { formatJSON } from '@gostd/env';
 *
 * const show = (json: string) => console.log(json.replaceAll('\t', '\\t').trimEnd());
 * show(formatJSON([['GOOS', 'linux'], ['CC', 'a<b>&c\u2028'], ['AR', '\b']]));
 * show(formatJSON([['AR', '\b']], 'go1.19'));
 * show(formatJSON([]));
 * // Output:
 * // {
 * // \t"AR": "\b",
 * // \t"CC": "a\u003cb\u003e\u0026c\u2028",
 * // \t"GOOS": "linux"
 * // }
 * // {
 * // \t"AR": "\u0008"
 * // }
 * // {}
 * ```
 */
export function formatJSON(
  entries: Iterable<readonly [string, string]>,
  escapes: ControlEscapes = 'go1.22',
): string {
  const m = new Map<string, string>();
  for (const [k, v] of entries) m.set(k, v);
  if (m.size === 0) return '{}\n';
  const keys = [...m.keys()].sort(compareBytes);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    out += `${i === 0 ? '' : ','}\n\t${quoteJSON(k, escapes)}: ${quoteJSON(m.get(k)!, escapes)}`;
  }
  return `${out}\n}\n`;
}
