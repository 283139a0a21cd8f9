// The env file: KEY=VALUE lines, as Go keeps the GOENV file (cmd/go/internal/envcmd
// updateEnvFile and cmd/go/internal/cfg initEnvCache).
import fs from 'node:fs';
import path from 'node:path';
import { goQuote } from './go-quote';
import { decodeBytes, encodeBytes } from './utf8';

const keyLine = /^[A-Za-z_][A-Za-z0-9_]*=/;
const blankOrComment = /^[ \t\r]*(#|$)/;

/** lineToKey returns the KEY of the line KEY=VALUE, or '' for a comment, blank or other line (Go's lineToKey). */
function lineToKey(line: string): string {
  const i = line.indexOf('=');
  if (i < 0 || line.lastIndexOf('#', i) >= 0) return '';
  return line.slice(0, i);
}

/** splitLines splits text after each newline, the last line given a newline if it lacks one. */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  const last = lines.length - 1;
  if (lines[last] === '') lines.pop();
  else if (!lines[last]!.endsWith('\n')) lines[last] += '\n';
  return lines;
}

/**
 * parseEnvFile returns the settings in the text of an env file: each `KEY=VALUE` line (KEY a letter or _ then
 * letters, digits or _; VALUE the rest of the line, verbatim), the last of duplicates winning (and
 * taking the last place in the map's order). Blank lines and
 * lines starting with `#` are skipped. Any other line is malformed: parseEnvFile throws an Error naming file
 * and line number, such as `/home/u/.config/gostd/env:3: malformed line "oops": want KEY=VALUE, a # comment
 * or a blank line`.
 *
 * @example
 * ```ts
 * import { parseEnvFile } from '@gostd/env';
 *
 * const m = parseEnvFile('# settings\nCC=clang\nTZ=UTC\nCC=gcc\n');
 * console.log([...m]);
 * try {
 *   parseEnvFile('CC=gcc\noops\n', 'env');
 * } catch (e) {
 *   console.log((e as Error).message);
 * }
 * // Output:
 * // [ [ 'TZ', 'UTC' ], [ 'CC', 'gcc' ] ]
 * // env:2: malformed line "oops": want KEY=VALUE, a # comment or a blank line
 * ```
 */
export function parseEnvFile(text: string, file = 'env file'): Map<string, string> {
  const m = new Map<string, string>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (keyLine.test(line)) {
      const i = line.indexOf('=');
      const key = line.slice(0, i);
      m.delete(key);
      m.set(key, line.slice(i + 1));
    } else if (!blankOrComment.test(line)) {
      throw new Error(
        `${file}:${n + 1}: malformed line ${goQuote(line)}: want KEY=VALUE, a # comment or a blank line`,
      );
    }
  }
  return m;
}

/**
 * updateEnvFile returns the text of an env file after setting the keys of add and deleting the keys in del, as
 * `go env -w` and `go env -u` rewrite GOENV: comments and blank lines stay where they are, only the last of
 * duplicated keys is kept, a key already present is updated in place, a new one is appended, and each run of
 * KEY=VALUE lines (runs end at a comment, a blank line or a removed line) is sorted by key. It throws, as
 * parseEnvFile does, when text has a malformed line.
 *
 * @example
 * ```ts
 * import { updateEnvFile } from '@gostd/env';
 *
 * const text = '# mine\nTZ=UTC\nCC=clang\nCC=gcc\n';
 * console.log(updateEnvFile(text, { NODE_ENV: 'production' }, ['TZ']));
 * // Output:
 * // # mine
 * // CC=gcc
 * // NODE_ENV=production
 * ```
 */
export function updateEnvFile(
  text: string,
  add: Readonly<Record<string, string>>,
  del: Iterable<string> = [],
  file = 'env file',
): string {
  parseEnvFile(text, file);
  const lines = splitLines(text);
  // Delete all but the last copy of a duplicated key: the last one is the one in effect.
  const prev = new Map<string, number>();
  for (let l = 0; l < lines.length; l++) {
    const key = lineToKey(lines[l]!);
    if (key === '') continue;
    const p = prev.get(key);
    if (p !== undefined) lines[p] = '';
    prev.set(key, l);
  }
  const appended: string[] = [];
  for (const [key, val] of Object.entries(add)) {
    const p = prev.get(key);
    if (p !== undefined) lines[p] = `${key}=${val}\n`;
    else appended.push(`${key}=${val}\n`);
  }
  lines.push(...appended);
  for (const key of del) {
    const p = prev.get(key);
    if (p !== undefined) lines[p] = '';
  }
  // Sort runs of KEY=VALUE lines.
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || lineToKey(lines[i]!) === '') {
      if (i - start > 1) sortRun(lines, start, i);
      start = i + 1;
    }
  }
  return lines.join('');
}

function sortRun(lines: string[], from: number, to: number): void {
  const run = lines.slice(from, to).sort((a, b) => {
    const ka = lineToKey(a);
    const kb = lineToKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  lines.splice(from, run.length, ...run);
}

/** readEnvFile returns the text of file (bytes that are not UTF-8 kept as lone surrogates), or null if it does not exist. */
export function readEnvFile(file: string): string | null {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return decodeBytes(data);
}

let serial = 0;

/**
 * writeFileAtomic replaces file with text, never leaving it half-written: it writes a temporary file in the
 * same directory, flushes it to disk and renames it over file (following a symlink to its target, and keeping
 * an existing file's permissions). It creates the directory if it is missing.
 */
export function writeFileAtomic(file: string, text: string): void {
  let target = file;
  let mode = 0o666;
  try {
    target = fs.realpathSync(file);
    mode = fs.statSync(target).mode & 0o7777;
  } catch {
    // A new file.
  }
  const data = encodeBytes(text);
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.${serial++}.tmp`);
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(tmp, 'wx', mode);
  }
  try {
    try {
      for (let off = 0; off < data.length; ) off += fs.writeSync(fd, data, off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Already gone.
    }
    throw e;
  }
}
