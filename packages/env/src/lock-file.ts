// An exclusive lock for the read-modify-replace of a file, between processes and threads, that a writer
// which crashes while holding it cannot keep held (issue 13, defect 5). Node has no flock(2), so the lock is
// made of files that are created with O_EXCL and never reused:
//
// The lock of /dir/env is the directory /dir/.env.lock. Its files 1, 2, 3, ... are generations; the holder
// of the lock is whoever created the newest generation, until that generation's marker N.free appears.
// To take the lock, a writer creates generation newest+1 with O_EXCL, when the newest is free or stale,
// so exactly one writer gets each generation: there is no "check that the lock is stale, then delete it"
// step for two writers to race through, and a stale lock is never deleted, only succeeded. A generation
// records its holder (pid, host, time); it is stale when its holder's process is gone from this host, or
// when it is older than staleAfterMs. The holder deletes the generations before its own; a writer that was
// so slow that it created a generation already used and deleted sees a newer one and gives its back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A generation older than this is stale, whoever holds it: a holder needs milliseconds, not seconds. */
export const staleAfterMs = 30_000;

/** Holder is what a generation file records about the writer that created it. */
export interface Holder {
  readonly pid: number;
  /** The host name (on Linux followed by the pid namespace, as `vm pid:[4026531836]`). */
  readonly host: string;
  /** Date.now() when the generation was created. */
  readonly time: number;
  /** Tells apart the threads of one process, and the locks one thread takes one after another. */
  readonly nonce: string;
}

/** FileLock is a held lock, returned by lockFile. */
export interface FileLock {
  /** The lock's directory; temporary files of the holder go there too. */
  readonly dir: string;
  /** The generation this holder created. */
  readonly generation: number;
  /** Throws when another writer took the lock over because this holder looked dead (held > staleAfterMs). */
  check(): void;
  /** Gives the lock back. */
  release(): void;
}

/** lockDir returns the directory of the lock of file. */
export function lockDir(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.lock`);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

let locks = 0;
let host: string | undefined;
/**
 * lockHost names where a pid means something, as a lock records it: the host, and on Linux the pid namespace
 * too (containers that share a host name and a file but not their pids must not judge each other's pids).
 */
export const lockHost = (): string => {
  if (host === undefined) {
    host = os.hostname();
    try {
      host += ` ${fs.readlinkSync('/proc/self/ns/pid')}`;
    } catch {
      // Not Linux: the host name alone.
    }
  }
  return host;
};

/**
 * generationName matches a generation's file name (and its free marker): at most 15 digits, so that every
 * generation and its successor are exact numbers. A longer name, which no writer makes (one generation per
 * write), is not a generation: counted, a name past 2^53 had a successor whose name rounded to its own, and
 * every writer after it spun forever creating a file that existed.
 */
const generationName = /^([1-9][0-9]{0,14})(\.free)?$/;

/**
 * lastGeneration is the last generation a lock counts to: its successor would have 16 digits, a name no
 * writer sees, so a writer that took it would hold the lock unseen and the next one would take it as well.
 */
const lastGeneration = 999_999_999_999_999;

/** newestGeneration returns the newest generation in dir (0 for none) and whether it is marked free. */
export function newestGeneration(dir: string): { generation: number; free: boolean } {
  let generation = 0;
  const free = new Set<number>();
  for (const name of fs.readdirSync(dir)) {
    const m = generationName.exec(name);
    if (!m) continue;
    const g = Number(m[1]);
    if (g > generation) generation = g;
    if (m[2]) free.add(g);
  }
  return { generation, free: free.has(generation) };
}

/** readHolder returns the holder recorded in a generation file, or undefined while it is being written. */
export function readHolder(file: string): Holder | undefined {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/** processGone reports whether no process pid exists on this host. */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** isStale reports whether generation file f may be succeeded although it is not marked free. */
function isStale(f: string, bound: number): boolean {
  let mtime: number;
  try {
    mtime = fs.statSync(f).mtimeMs;
  } catch {
    return true; // Deleted by its successor's holder: there is a newer generation to look at.
  }
  if (Date.now() - mtime > bound) return true;
  const h = readHolder(f);
  return h !== undefined && h.host === lockHost() && processGone(h.pid);
}

/**
 * lockFile takes the lock of file, waiting (the thread sleeps) while another writer holds it, and returns it.
 * A holder whose process is gone from this host is succeeded at once; any holder after staleAfter ms.
 * It throws the error of creating the lock's directory (and the file's directory) when that fails.
 */
export function lockFile(file: string, staleAfter = staleAfterMs): FileLock {
  const dir = lockDir(file);
  fs.mkdirSync(dir, { recursive: true });
  const holder: Holder = {
    pid: process.pid,
    host: lockHost(),
    time: Date.now(),
    nonce: `${Date.now().toString(36)}-${(locks++).toString(36)}-${Math.random().toString(36).slice(2)}`,
  };
  for (let delay = 1; ; ) {
    const newest = newestGeneration(dir);
    const g = newest.generation;
    if (g > 0 && !newest.free && !isStale(path.join(dir, String(g)), staleAfter)) {
      sleep(delay * (0.5 + Math.random()));
      delay = Math.min(delay * 2, 32);
      continue;
    }
    if (g >= lastGeneration) {
      throw new Error(
        `${dir} holds generation ${g}, the last one a lock can count to; writers make one a write and never ` +
          'get there, so it is a stray file: remove it when no writer runs',
      );
    }
    const mine = path.join(dir, String(g + 1));
    try {
      create(mine, `${JSON.stringify(holder)}\n`, path.join(dir, `${holder.nonce}.rec`));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    if (newestGeneration(dir).generation > g + 1) {
      // A generation used long ago and deleted since: not the lock.
      fs.rmSync(mine, { force: true });
      continue;
    }
    collect(dir, g + 1, staleAfter);
    return held(dir, g + 1, staleAfter);
  }
}

/**
 * create makes file, holding text, failing with EEXIST when it exists. The text is written to tmp first and
 * hard-linked into place, so that file never exists without its text; where the file system has no hard
 * links, file is created with O_EXCL and written.
 */
function create(file: string, text: string, tmp: string): void {
  try {
    fs.writeFileSync(tmp, text, { flag: 'wx' });
    try {
      fs.linkSync(tmp, file);
      return;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
  }
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * collect deletes the generations before generation g, the temporary files (*.tmp) of earlier holders, and
 * holder records (*.rec) that writers who crashed while taking the lock left (those older than staleAfter).
 */
function collect(dir: string, g: number, staleAfter: number): void {
  for (const name of fs.readdirSync(dir)) {
    const f = path.join(dir, name);
    const m = generationName.exec(name);
    if ((m && Number(m[1]) < g) || name.endsWith('.tmp')) fs.rmSync(f, { force: true });
    else if (name.endsWith('.rec')) {
      try {
        if (Date.now() - fs.statSync(f).mtimeMs > staleAfter) fs.rmSync(f, { force: true });
      } catch {
        // Linked into place and removed by its writer meanwhile.
      }
    }
  }
}

function held(dir: string, generation: number, staleAfter: number): FileLock {
  return {
    dir,
    generation,
    check() {
      if (newestGeneration(dir).generation !== generation) {
        throw new Error(`lock ${dir} was taken over: this writer held it longer than ${staleAfter} ms`);
      }
    },
    release() {
      fs.closeSync(fs.openSync(path.join(dir, `${generation}.free`), 'w'));
    },
  };
}
