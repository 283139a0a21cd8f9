// Shell forms of an environment listing: what `go env` prints without -json.
import { isLoneSurrogate } from './utf8';

/** Shell is the shell a listing is written for: POSIX sh (the default), Windows cmd.exe, or PowerShell. */
export type Shell = 'sh' | 'cmd' | 'powershell';

/**
 * shellQuote returns s in POSIX single quotes, each `'` written as `'\''`, as Go 1.21's `go env` does. The
 * result is one word to sh for any s without NUL, whatever bytes it holds.
 *
 * @example
 * ```ts
 * import { shellQuote } from '@gostd/env';
 *
 * console.log(shellQuote("it's $HOME"));
 * // Output:
 * // 'it'\''s $HOME'
 * ```
 */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

/**
 * powerShellQuote returns s as a PowerShell single-quoted string: each quote character PowerShell accepts
 * (' and the typographic ‘ ’ ‚ ‛) doubled.
 *
 * @example
 * ```ts
 * import { powerShellQuote } from '@gostd/env';
 *
 * console.log(powerShellQuote("it's $env:HOME"));
 * // Output:
 * // 'it''s $env:HOME'
 * ```
 */
export function powerShellQuote(s: string): string {
  return `'${s.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`;
}

// Go's unicode.IsGraphic: letters, marks, numbers, punctuation, symbols and Zs spaces.
const graphic = /[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u;
// Go's unicode.IsSpace beyond Zs: \t \v \f (\n and \r are replaced anyway) and U+0085.
const space = /[\t\v\f\u0085]/;

/** unescapable reports whether cmd.exe cannot hold the character ch: CR, LF, or neither graphic nor space. */
function unescapable(ch: string): boolean {
  if (ch === '\r' || ch === '\n' || (ch.length === 1 && isLoneSurrogate(ch, 0))) return true;
  return !graphic.test(ch) && !space.test(ch);
}

/**
 * batchEscape returns s escaped for the right side of a cmd.exe `set NAME=value` line, as Go 1.21's `go env`
 * does on Windows: `%` doubled, `< > | & ^` prefixed with `^`, and CR, LF and other characters that are
 * neither graphic nor space replaced by U+FFFD.
 *
 * @example
 * ```ts
 * import { batchEscape } from '@gostd/env';
 *
 * console.log(batchEscape('50% <a&b>'));
 * // Output:
 * // 50%% ^<a^&b^>
 * ```
 */
export function batchEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    if (unescapable(ch)) out += '\ufffd';
    else if (ch === '%') out += '%%';
    else if (ch === '<' || ch === '>' || ch === '|' || ch === '&' || ch === '^') out += `^${ch}`;
    else out += ch;
  }
  return out;
}

/** hasNonGraphic reports whether batchEscape replaces a character of s by U+FFFD. */
export function hasNonGraphic(s: string): boolean {
  for (const ch of s) if (unescapable(ch)) return true;
  return false;
}

/**
 * formatShell returns name=value assignments, one a line, for shell: `NAME='value'` for sh, `set NAME=value`
 * for cmd, `$env:NAME = 'value'` for PowerShell. The sh and PowerShell forms give back every value exactly
 * when evaluated; cmd cannot hold CR, LF or control characters, which become U+FFFD.
 *
 * @example
 * ```ts
 * import { formatShell } from '@gostd/env';
 *
 * const vars: [string, string][] = [['A', 'x y'], ['B', "it's"]];
 * console.log(formatShell(vars, 'sh'));
 * console.log(formatShell(vars, 'powershell'));
 * console.log(formatShell(vars, 'cmd'));
 * // Output:
 * // A='x y'
 * // B='it'\''s'
 * //
 * // $env:A = 'x y'
 * // $env:B = 'it''s'
 * //
 * // set A=x y
 * // set B=it's
 * ```
 */
export function formatShell(vars: Iterable<readonly [string, string]>, shell: Shell = 'sh'): string {
  let out = '';
  for (const [k, v] of vars) {
    if (v.includes('\0')) {
      throw new Error(
        `internal error: encountered null byte in environment variable ${k} on non-plan9 platform`,
      );
    }
    if (shell === 'cmd') out += `set ${k}=${batchEscape(v)}\n`;
    else if (shell === 'powershell')
      out += `${/^\w+$/.test(k) ? `$env:${k}` : `\${env:${k}}`} = ${powerShellQuote(v)}\n`;
    else out += `${k}=${shellQuote(v)}\n`;
  }
  return out;
}
