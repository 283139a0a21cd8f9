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

/** Reads a 2- or 4-byte little-endian number of a zip header. */
function le(b: Uint8Array, i: number, n: 2 | 4): number {
  return n === 2
    ? (b[i] as number) | ((b[i + 1] as number) << 8)
    : ((b[i] as number) |
        ((b[i + 1] as number) << 8) |
        ((b[i + 2] as number) << 16) |
        ((b[i + 3] as number) << 24)) >>>
        0;
}

/**
 * @internal The stored (uncompressed) file called name in the zip archive zip, or notFound. Go's
 * zoneinfo.zip stores its files uncompressed; anything else is reported as an error.
 */
export function fromZip(zip: Uint8Array, name: string, what: string): Uint8Array | typeof notFound {
  const corrupt = () => new Error(`corrupt zip file ${what}`);
  if (zip.length < 22 || le(zip, zip.length - 22, 4) !== 0x06054b50) throw corrupt();
  const n = le(zip, zip.length - 12, 2);
  let at = le(zip, zip.length - 6, 4);
  for (let i = 0; i < n; i++) {
    if (at + 46 > zip.length || le(zip, at, 4) !== 0x02014b50) break;
    const method = le(zip, at + 10, 2);
    const size = le(zip, at + 24, 4);
    const nameLen = le(zip, at + 28, 2);
    const extra = le(zip, at + 30, 2) + le(zip, at + 32, 2);
    const off = le(zip, at + 42, 4);
    const zname = String.fromCharCode(...zip.subarray(at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extra;
    if (zname !== name) continue;
    if (method !== 0) throw new Error(`unsupported compression for ${name} in ${what}`);
    if (off + 30 > zip.length || le(zip, off, 4) !== 0x04034b50) throw corrupt();
    const start = off + 30 + le(zip, off + 26, 2) + le(zip, off + 28, 2);
    if (start + size > zip.length) throw corrupt();
    return zip.subarray(start, start + size);
  }
  return notFound;
}

/** The TZif bytes of zone name in source (a directory, a .zip file, or "" for an absolute name). */
function readSource(name: string, source: string): Uint8Array | typeof notFound {
  const f = fs();
  if (f === null) return notFound;
  try {
    if (source.endsWith('.zip')) return fromZip(f.readFileSync(source), name, source);
    const file = source === '' ? name : source.endsWith('/') ? source + name : `${source}/${name}`;
    return f.readFileSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return notFound;
    throw new Error(`open ${source === '' ? name : `${source}/${name}`}: ${(e as Error).message}`);
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
    try {
      const data = readSource(name, zoneinfo);
      if (data !== notFound) return loadLocationFromTZData(name, data);
    } catch (e) {
      firstErr = e as Error;
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
 * loadLocation returns the Location with the given name. If the name is "" or "UTC", it returns UTC; if
 * "Local", Local. Otherwise the name is a location name of the IANA Time Zone database, such as
 * "America/New_York", looked up (as Go does on Unix) in the directory or zip file named by the
 * `ZONEINFO` environment variable, then in the system's tz database (`/usr/share/zoneinfo`, ...), then
 * in the embedded copy of `@gostd/time/tzdata` if it was imported. Results are cached by name. It throws
 * Go's errors: "time: invalid location name", "unknown time zone X", "malformed time zone information".
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
    loaded.set(name, l);
  }
  return l;
}
