// Finding zones by name, as Go's LoadLocation does on Unix: the directory or
// zip file named by $ZONEINFO, then the system's tz database directories,
// then an embedded copy if one was imported (@gostd/time/tzdata). Local is
// initialised from $TZ the same way. Files are read through Node's fs when
// the platform has it (process.getBuiltinModule); elsewhere only ZONEINFO-less
// embedded data is available.
import { badArg } from './check';
import { Local, type Location, UTC } from './zoneinfo';
import { loadLocationFromTZData } from './zoneinfo-read';

/** Go's platformZoneSources: where the system keeps its TZif files. */
const platformZoneSources = [
  '/usr/share/zoneinfo/',
  '/usr/share/lib/zoneinfo/',
  '/usr/lib/locale/TZ/',
  '/etc/zoneinfo',
];

type Fs = typeof import('node:fs');

let fsModule: Fs | null | undefined;
function fs(): Fs | null {
  if (fsModule === undefined) {
    const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    fsModule = (p?.getBuiltinModule?.('node:fs') as Fs | undefined) ?? null;
  }
  return fsModule;
}

function env(name: string): string | undefined {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env?.[name];
}

/** A zone source that found no such zone (Go's syscall.ENOENT). */
const notFound = Symbol('not found');

/** The embedded tz database's lookup, when @gostd/time/tzdata was imported. */
let embedded: ((name: string) => Uint8Array | null) | null = null;

/** @internal Registers the embedded tz database (called by @gostd/time/tzdata). */
export function registerTZData(lookup: (name: string) => Uint8Array | null): void {
  embedded = lookup;
}

/** Go's limit on a file read by its zone sources (maxFileSize): 10 MiB. */
const maxFileSize = 10 << 20;

/**
 * Go's texts (syscall.Errno on Linux) of the errors that opening or reading a zone file can give. Go
 * reports them bare, as "is a directory", where Node says "EISDIR: illegal operation on a directory,
 * read"; others keep Node's message.
 */
const errnoText: Record<string, string> = {
  EACCES: 'permission denied',
  EINVAL: 'invalid argument',
  EIO: 'input/output error',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  ENFILE: 'too many open files in system',
  ENODEV: 'no such device',
  ENOTDIR: 'not a directory',
  ENXIO: 'no such device or address',
  EPERM: 'operation not permitted',
};

/**
 * What Go's zone sources make of an error opening or reading a file: no such file is notFound (the
 * source is skipped); any other errno is an Error with Go's text for it, and a path holding a NUL byte
 * (which Node refuses before any system call) is Go's EINVAL. Errors of this module pass unchanged.
 */
function fileError(e: unknown): Error | typeof notFound {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return e as Error;
  if (code === 'ENOENT') return notFound;
  if (code === 'ERR_INVALID_ARG_VALUE') return new Error(errnoText.EINVAL);
  return new Error(errnoText[code] ?? (e as Error).message);
}

/**
 * Go's readFile: the bytes of file, read until its end, or an Error `time: file ${file} is too large`
 * once more than 10 MiB have come (so /dev/zero, a FIFO's endless writer or a huge file cost at most that).
 */
function readFile(f: Fs, file: string): Uint8Array {
  const fd = f.openSync(file, 'r');
  try {
    let buf = new Uint8Array(4096);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        const more = new Uint8Array(Math.min(buf.length * 4, maxFileSize + 1));
        more.set(buf);
        buf = more;
      }
      const m = f.readSync(fd, buf, n, buf.length - n, null);
      if (m === 0) return buf.subarray(0, n);
      n += m;
      if (n > maxFileSize) throw new Error(`time: file ${file} is too large`);
    }
  } finally {
    f.closeSync(fd);
  }
}

/** Reads a 2- or 4-byte little-endian number of a zip header; 0 past the end, as Go's get2 and get4. */
function le(b: Uint8Array, i: number, n: 2 | 4): number {
  if (i + n > b.length) return 0;
  return n === 2
    ? (b[i] as number) | ((b[i + 1] as number) << 8)
    : ((b[i] as number) |
        ((b[i + 1] as number) << 8) |
        ((b[i + 2] as number) << 16) |
        ((b[i + 3] as number) << 24)) >>>
        0;
}

/** The length bytes of a zip at offset off (from the end when negative), or null when they are not all there. */
type ReadAt = (off: number, length: number) => Uint8Array | null;

/**
 * Go's loadTzinfoFromZip over read: the stored (uncompressed) file called name, or notFound. It reads the
 * end record, the central directory and the one entry, never the whole archive. A compressed entry is
 * Go's "unsupported compression" error; anything inconsistent, "corrupt zip file" (also where Go's own
 * reader would index past a central directory entry and panic).
 */
function zipLookup(read: ReadAt, name: string, what: string): Uint8Array | typeof notFound {
  const corrupt = () => new Error(`corrupt zip file ${what}`);
  const tail = read(-22, 22);
  if (tail === null || le(tail, 0, 4) !== 0x06054b50) throw corrupt();
  const n = le(tail, 10, 2);
  const dir = read(le(tail, 16, 4), le(tail, 12, 4));
  if (dir === null) throw corrupt();
  let at = 0;
  for (let i = 0; i < n; i++) {
    if (le(dir, at, 4) !== 0x02014b50) break;
    const method = le(dir, at + 10, 2);
    const size = le(dir, at + 24, 4);
    const nameLen = le(dir, at + 28, 2);
    const next = at + 46 + nameLen + le(dir, at + 30, 2) + le(dir, at + 32, 2);
    if (at + 46 > dir.length || next > dir.length) throw corrupt();
    const zname = String.fromCharCode(...dir.subarray(at + 46, at + 46 + nameLen));
    const off = le(dir, at + 42, 4);
    at = next;
    if (zname !== name) continue;
    if (method !== 0) throw new Error(`unsupported compression for ${name} in ${what}`);
    const head = read(off, 30 + nameLen);
    if (
      head === null ||
      le(head, 0, 4) !== 0x04034b50 ||
      le(head, 8, 2) !== method ||
      le(head, 26, 2) !== nameLen ||
      String.fromCharCode(...head.subarray(30)) !== name
    ) {
      throw corrupt();
    }
    const data = read(off + 30 + nameLen + le(head, 28, 2), size);
    if (data === null) throw corrupt();
    return data;
  }
  return notFound;
}

/** @internal The stored file called name in the zip archive held in zip, or notFound (see zipLookup). */
export function fromZip(zip: Uint8Array, name: string, what: string): Uint8Array | typeof notFound {
  return zipLookup(
    (off, length) => {
      const start = off < 0 ? zip.length + off : off;
      return start < 0 || start + length > zip.length ? null : zip.subarray(start, start + length);
    },
    name,
    what,
  );
}

/** The file called name in the zip file path, read piece by piece as Go does (see zipLookup). */
function fromZipFile(f: Fs, path: string, name: string): Uint8Array | typeof notFound {
  const fd = f.openSync(path, 'r');
  try {
    const size = f.fstatSync(fd).size;
    return zipLookup(
      (off, length) => {
        const start = off < 0 ? size + off : off;
        if (start < 0 || start + length > size) return null;
        const buf = new Uint8Array(length);
        let n = 0;
        while (n < length) {
          const m = f.readSync(fd, buf, n, length - n, start + n);
          if (m === 0) return null;
          n += m;
        }
        return buf;
      },
      name,
      path,
    );
  } finally {
    f.closeSync(fd);
  }
}

/**
 * Go's loadTzinfoFromDirOrZip: the TZif bytes of zone name in source (a directory, a .zip file, or "" for
 * an absolute name), notFound when there is no such file, or a thrown Error as Go's.
 */
function readSource(name: string, source: string): Uint8Array | typeof notFound {
  const f = fs();
  if (f === null) return notFound;
  try {
    if (source.length > 4 && source.endsWith('.zip')) return fromZipFile(f, source, name);
    return readFile(f, source === '' ? name : `${source}/${name}`);
  } catch (e) {
    const err = fileError(e);
    if (err === notFound) return notFound;
    throw err;
  }
}

/** Go's loadLocation: the first source that has name; the first real error, or "unknown time zone". */
function loadFrom(name: string, sources: readonly string[]): Location {
  let firstErr: Error | null = null;
  for (const source of sources) {
    try {
      const data = readSource(name, source);
      if (data !== notFound) return loadLocationFromTZData(name, data);
    } catch (e) {
      firstErr ??= e as Error;
    }
  }
  if (embedded !== null) {
    const data = embedded(name);
    if (data !== null) {
      try {
        return loadLocationFromTZData(name, data);
      } catch (e) {
        firstErr ??= e as Error;
      }
    }
  }
  throw firstErr ?? new Error(`unknown time zone ${name}`);
}

/** @internal Loads the named zone as loadLocation does, without the cache. */
export function loadZone(name: string): Location {
  let firstErr: Error | null = null;
  const zoneinfo = env('ZONEINFO');
  if (zoneinfo) {
    let data: Uint8Array | typeof notFound = notFound;
    try {
      data = readSource(name, zoneinfo);
    } catch (e) {
      firstErr = e as Error;
    }
    if (data !== notFound) {
      try {
        return loadLocationFromTZData(name, data);
      } catch {
        // Go's LoadLocation keeps no error here (its firstErr = err assigns the read's nil error): a
        // malformed file under ZONEINFO is passed over, and the system's sources answer.
      }
    }
  }
  try {
    return loadFrom(name, platformZoneSources);
  } catch (e) {
    throw firstErr ?? e;
  }
}

/** @internal Fills Local from $TZ as Go's initLocal does; falls back to UTC. */
export function initLocal(local: Location): void {
  const use = (z: Location, name: string) => {
    local.name = name;
    local.zone = z.zone;
    local.tx = z.tx;
    local.extend = z.extend;
    local.cacheStart = z.cacheStart;
    local.cacheEnd = z.cacheEnd;
    local.cacheZone = z.cacheZone;
    local.cacheExact = z.cacheExact;
    local.rounded = z.rounded;
  };
  let tz = env('TZ');
  try {
    if (tz === undefined) {
      use(loadFrom('localtime', ['/etc']), 'Local');
      return;
    }
    if (tz !== '') {
      if (tz[0] === ':') tz = tz.slice(1);
      if (tz !== '' && tz[0] === '/') {
        use(loadFrom(tz, ['']), tz === '/etc/localtime' ? 'Local' : tz);
        return;
      }
      if (tz !== '' && tz !== 'UTC') {
        use(loadFrom(tz, platformZoneSources), tz);
        return;
      }
    }
  } catch {
    // Fall back to UTC, as Go does.
  }
  local.name = 'UTC';
}

const loaded = new Map<string, Location>();
/**
 * The cache's bound. A name is the caller's text, often a request's: "America/./New_York",
 * "America//New_York" and their like name the same file in endless spellings (Go reads the file at every
 * call and keeps nothing), so only names of the usual form are cached, and at most this many.
 */
const maxCached = 1024;
const usualName = /^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/;

/** @internal How many Locations loadLocation keeps (for the test of its bound). */
export function cachedLocations(): number {
  return loaded.size;
}

/**
 * loadLocation returns the Location with the given name. If the name is "" or "UTC", it returns UTC; if
 * "Local", Local. Otherwise the name is a location name of the IANA Time Zone database, such as
 * "America/New_York", looked up (as Go does on Unix) in the directory or zip file named by the
 * `ZONEINFO` environment variable, then in the system's tz database (`/usr/share/zoneinfo`, ...), then
 * in the embedded copy of `@gostd/time/tzdata` if it was imported. Results are cached by name (up to 1,024
 * names of the usual form; a name such as "America/./New_York" is read at each call, as Go reads every
 * name). It throws Go's errors: "time: invalid location name", "unknown time zone X", "malformed time zone
 * information", the system's error reading a file as Go words it ("is a directory", "permission denied"),
 * "time: file X is too large" past 10 MiB, "corrupt zip file X".
 *
 * @example
 * ```ts
 * import { date, loadLocation, UTC } from '@gostd/time';
 * const location = loadLocation('America/Los_Angeles');
 * const timeInUTC = date(2018, 8, 30, 12, 0, 0, 0, UTC);
 * console.log(timeInUTC.in(location).string());
 * try {
 *   loadLocation('Mars/Olympus_Mons');
 * } catch (e) {
 *   console.log((e as Error).message);
 * }
 * // Output:
 * // 2018-08-30 05:00:00 -0700 PDT
 * // unknown time zone Mars/Olympus_Mons
 * ```
 */
export function loadLocation(name: string): Location {
  if (typeof name !== 'string') badArg('loadLocation', 'name', 'a string', name);
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return Local;
  if (name.includes('..') || name[0] === '/' || name[0] === '\\')
    throw new Error('time: invalid location name');
  let l = loaded.get(name);
  if (l === undefined) {
    l = loadZone(name);
    if (loaded.size < maxCached && usualName.test(name)) loaded.set(name, l);
  }
  return l;
}
