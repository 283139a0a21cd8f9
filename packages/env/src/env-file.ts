// The env file: KEY=VALUE lines, as Go keeps the GOENV file (cmd/go/internal/envcmd
// updateEnvFile and cmd/go/internal/cfg initEnvCache).
import fs from 'node:fs';
import path from 'node:path';
import * as check from './arg-check';
import { goQuote } from './go-quote';
import { type FileLock, lockFile } from './lock-file';
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
  check.string('parseEnvFile', 'text', text);
  check.string('parseEnvFile', 'file', file);
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
  check.string('updateEnvFile', 'text', text);
  check.stringRecord('updateEnvFile', 'add', add);
  const deleted = check.strings('updateEnvFile', 'del', del);
  check.string('updateEnvFile', 'file', file);
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
  for (const line of appended) lines.push(line); // not push(...appended): ~120,000 arguments at most
  for (const key of deleted) {
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
  for (let i = 0; i < run.length; i++) lines[from + i] = run[i]!; // not splice(...run): ~120,000 arguments at most
}

/**
 * maxEnvFileBytes is the most of an env file that is read: 64 MiB, 15 times a file of 200,000 settings. Go
 * reads any size, so `GOENV=/dev/zero go env` fills the memory until the system kills it (19 GB in 90 s
 * here, when this package did the same).
 */
export const maxEnvFileBytes = 64 << 20;

/**
 * readBounded returns the bytes of file, as fs.readFileSync, reading at most maxEnvFileBytes: past that it
 * throws an EFBIG error (`read <file>: file too large`). Every error it throws names the file.
 */
function readBounded(file: string): Buffer {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(total, 65536), 16 << 20));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return Buffer.concat(chunks, total);
      total += n;
      if (total > maxEnvFileBytes) {
        throw Object.assign(new Error(`EFBIG: file too large, read '${file}'`), {
          code: 'EFBIG',
          syscall: 'read',
        });
      }
      chunks.push(chunk.subarray(0, n));
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err?.code && err.path === undefined) err.path = file; // a read's error has no path of its own
    throw e;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** readEnvFile returns the text of file (bytes that are not UTF-8 kept as lone surrogates), or null if it does not exist. */
export function readEnvFile(file: string): string | null {
  let data: Buffer;
  try {
    data = readBounded(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return decodeBytes(data);
}

/** Go's words (package syscall's error strings) for the errors a file operation can meet. */
const goErrno: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EBUSY: 'device or resource busy',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'file exists',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  ENOENT: 'no such file or directory',
  ENOSPC: 'no space left on device',
  ENOTDIR: 'not a directory',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ETXTBSY: 'text file busy',
  EXDEV: 'invalid cross-device link',
};

/**
 * errnoText returns a Node system error in Go's shape, `open /path: no such file or directory`, naming file
 * (or the error's own path) and using Go's words for the error; other errors give their message.
 */
export function errnoText(e: unknown, file?: string): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code && err.syscall) {
    const words = goErrno[err.code] ?? /^[A-Z]+: (.*?)(, |$)/.exec(err.message)?.[1];
    const where = file ?? err.path;
    if (words && where) return `${err.syscall} ${where}: ${words}`;
  }
  return err instanceof Error ? err.message : String(e);
}

/** FileError is a failure to read or to write an env file; its message is Go-shaped (see errnoText). */
export class FileError extends Error {
  constructor(
    /** What was being done: 'reading' or 'writing'. */
    readonly op: 'reading' | 'writing',
    message: string,
  ) {
    super(message);
  }
}

/** resolveTarget returns the file that writing file writes: file with every symlink at its end followed. */
function resolveTarget(file: string): string {
  let p = path.resolve(file);
  for (let hops = 0; ; hops++) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      break; // A new file (a dangling symlink gets its target created, as Go's os.WriteFile does).
    }
    if (!st.isSymbolicLink()) break;
    if (hops === 40) throw Object.assign(new Error('ELOOP'), { code: 'ELOOP', syscall: 'open' });
    p = path.resolve(path.dirname(p), fs.readlinkSync(p));
  }
  // One name for the file however it was reached, so that every writer takes the same lock.
  try {
    return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
  } catch {
    return p;
  }
}

const kinds: [(s: fs.Stats) => boolean, string][] = [
  [(s) => s.isFIFO(), 'a fifo'],
  [(s) => s.isSocket(), 'a socket'],
  [(s) => s.isCharacterDevice(), 'a character device'],
  [(s) => s.isBlockDevice(), 'a block device'],
];

/** statTarget returns the file's stats (null when there is none), refusing what is not a regular file. */
function statTarget(target: string, file: string): fs.Stats | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new FileError('reading', errnoText(e, file));
  }
  if (st.isFile()) return st;
  // Go's os.ReadFile fails on a directory with these words.
  if (st.isDirectory()) throw new FileError('reading', `read ${file}: is a directory`);
  const kind = kinds.find(([is]) => is(st))?.[1] ?? 'something else';
  throw new FileError('writing', `${target} is ${kind}, not a regular file`);
}

/**
 * editEnvFile replaces the text of file by edit(text) (text null when there is no file yet), holding the
 * file's lock (lock-file.ts) from the read to the replace, so that no other writer's edit is lost. The new
 * text is written to a temporary file, flushed to disk and renamed over the file: a reader never sees it
 * half-written. A symlink is followed to its target, whose mode and (for root) owner are kept; the directory
 * is made when missing. It never replaces what is not a regular file (a directory, device, fifo or socket),
 * nor a file the user may not write: it throws a FileError instead, with Go's words where Go has them. When
 * mustExist is set, a missing file is an error. Errors thrown by edit are thrown as they are.
 */
export function editEnvFile(file: string, edit: (text: string | null) => string, mustExist = false): void {
  const fail = (op: 'reading' | 'writing', e: unknown) =>
    e instanceof FileError ? e : new FileError(op, errnoText(e, file));
  const missing = () =>
    new FileError('reading', errnoText({ code: 'ENOENT', syscall: 'open', message: '' }, file));
  let target: string;
  try {
    target = resolveTarget(file);
  } catch (e) {
    throw fail('reading', e);
  }
  // Refuse what is not a regular file before making the lock beside it (and before reading a fifo).
  if (statTarget(target, file) === null && mustExist) throw missing();
  let lock: FileLock;
  try {
    lock = lockFile(target);
  } catch (e) {
    throw new FileError('writing', errnoText(e)); // It names the lock's directory.
  }
  let tmp: string | undefined;
  try {
    const st = statTarget(target, file);
    if (st === null && mustExist) throw missing();
    let text: string | null = null;
    if (st !== null) {
      try {
        text = decodeBytes(readBounded(target));
      } catch (e) {
        throw fail('reading', e);
      }
    }
    const data = encodeBytes(edit(text));
    try {
      // Go opens the file to write it: a file the user may not write fails as that open would.
      if (st !== null) fs.accessSync(target, fs.constants.W_OK);
    } catch (e) {
      throw fail('writing', Object.assign(e as Error, { syscall: 'open' }));
    }
    try {
      tmp = path.join(lock.dir, `${lock.generation}.${process.pid}.tmp`);
      writeNew(tmp, data, st);
      lock.check();
      fs.renameSync(tmp, target);
      tmp = undefined;
    } catch (e) {
      throw fail('writing', e);
    }
  } finally {
    if (tmp !== undefined) fs.rmSync(tmp, { force: true });
    try {
      lock.release();
    } catch {
      // The lock's directory is gone: nothing is held.
    }
  }
}

/** writeNew creates file with data, flushed to disk, with the mode (and, for root, the owner) of like. */
function writeNew(file: string, data: Uint8Array, like: fs.Stats | null): void {
  const fd = fs.openSync(file, 'wx', 0o666);
  try {
    if (like !== null) {
      // The owner first: changing it clears the set-id bits the mode may have.
      if (process.getuid?.() === 0 && (like.uid !== 0 || like.gid !== process.getgid?.())) {
        fs.fchownSync(fd, like.uid, like.gid);
      }
      fs.fchmodSync(fd, like.mode & 0o7777);
    }
    for (let off = 0; off < data.length; ) off += fs.writeSync(fd, data, off);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
