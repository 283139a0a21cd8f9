// The configuration of the Pyroscope pusher, after Grafana's Go client
// (github.com/grafana/pyroscope-go Config), checked at start.
import { describe } from './validate';

/** ProfileType names a profile the pusher uploads, as in the Go client. */
export type ProfileType = 'cpu' | 'inuse_objects' | 'inuse_space';

/** ProfileCPU: the labeled CPU profile (sample types samples/count, cpu/nanoseconds). */
export const ProfileCPU: ProfileType = 'cpu';
/** ProfileInuseObjects: live heap objects (uploaded with ProfileInuseSpace as one heap profile). */
export const ProfileInuseObjects: ProfileType = 'inuse_objects';
/** ProfileInuseSpace: live heap bytes (uploaded with ProfileInuseObjects as one heap profile). */
export const ProfileInuseSpace: ProfileType = 'inuse_space';

/** DefaultProfileTypes: CPU and heap in use, as in the Go client. */
export const DefaultProfileTypes: readonly ProfileType[] = [
  ProfileCPU,
  ProfileInuseObjects,
  ProfileInuseSpace,
];

/** Logger receives the pusher's messages, printf-style as Go's pyroscope.Logger. It never sees credentials. */
export interface Logger {
  infof(format: string, ...args: unknown[]): void;
  debugf(format: string, ...args: unknown[]): void;
  errorf(format: string, ...args: unknown[]): void;
}

/** Config of start: Go's pyroscope.Config with its field names lowered. */
export interface Config {
  /** The service name, e.g. "backend.purchases": letters, digits, '_', '.', '-', '/'. Required. */
  applicationName: string;
  /** The server's base URL, e.g. "http://pyroscope:4040" (http or https, no credentials in it). Required. */
  serverAddress: string;
  /** Labels on every profile of this process (keys: letters, digits, '_', '.'). */
  tags?: Record<string, string>;
  /** How often profiles are cut and uploaded: a Duration in nanoseconds (default 15 s; at least 1 s). */
  uploadRate?: bigint;
  /** What to upload (default DefaultProfileTypes). */
  profileTypes?: readonly ProfileType[];
  /** HTTP basic auth user (sent only with basicAuthPassword). */
  basicAuthUser?: string;
  /** HTTP basic auth password. */
  basicAuthPassword?: string;
  /** The tenant for a multi-tenant server, sent as X-Scope-OrgID. */
  tenantID?: string;
  /** Extra HTTP headers on every upload. */
  httpHeaders?: Record<string, string>;
  /**
   * Where messages go (default: nowhere, as in Go). A logger that throws loses that message (and Node
   * shows one warning); the exception never reaches the application, where Go's would panic.
   */
  logger?: Logger;
  /** Not in Go: the CPU sampling rate in Hz (default 100, Go's). */
  hz?: number;
  /** Not in Go: the most profiles waiting for upload; the oldest is dropped beyond it (default 32). */
  maxQueue?: number;
  /** Not in Go: how long one upload may take, a Duration (default 10 s, the Go client's). */
  timeout?: bigint;
  /** Not in Go: the longest stop() and flush() wait for uploads, a Duration (default 5 s). */
  stopTimeout?: bigint;
}

/** A Config checked and filled with its defaults. */
export interface ResolvedConfig {
  applicationName: string;
  ingestURL: URL;
  tags: [string, string][];
  uploadRateMs: number;
  cpu: boolean;
  heap: boolean;
  headers: Record<string, string>;
  logger: Logger;
  hz: number;
  maxQueue: number;
  timeoutMs: number;
  stopTimeoutMs: number;
}

const noopLogger: Logger = { infof() {}, debugf() {}, errorf() {} };

const serviceName = /^[A-Za-z0-9_./-]+$/;
const labelName = /^[A-Za-z0-9_.]+$/;
// Characters that would break the name{k=v,...} syntax of the ingest API.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point.
const badValueChar = /[{},=\x00-\x1f\x7f]/;

/**
 * TagValue makes a value the pusher chose (a worker's name, the free text of whoever created the worker) fit
 * the name{k=v,...} syntax: each character that would break it becomes '_'.
 */
export function tagValue(v: string): string {
  return v.replace(new RegExp(badValueChar.source, 'g'), '_');
}

let loggerFailed = false;

/**
 * Guarded calls l's methods as they are (as methods of l), and keeps what they throw from the pusher: its
 * messages come from timers and sockets, where an exception would end the process. The first failure is
 * shown once as a process warning.
 */
function guarded(l: Logger): Logger {
  const call =
    (m: keyof Logger) =>
    (format: string, ...args: unknown[]): void => {
      try {
        l[m](format, ...args);
      } catch (e) {
        if (loggerFailed) return;
        loggerFailed = true;
        try {
          process.emitWarning(
            `pyroscope: the logger threw (${String((e as Error)?.message ?? e)}); its messages are dropped`,
          );
        } catch {
          // Nowhere left to say it.
        }
      }
    };
  return { infof: call('infof'), debugf: call('debugf'), errorf: call('errorf') };
}

function fail(msg: string): never {
  throw new TypeError(`pyroscope: ${msg}`);
}

function duration(v: unknown, field: string, dflt: bigint, min: bigint): number {
  if (v === undefined) return Number(dflt / 1_000_000n);
  if (typeof v !== 'bigint') fail(`${field} must be a Duration (bigint nanoseconds), got ${describe(v)}`);
  if (v < min)
    throw new RangeError(`pyroscope: ${field} must be at least ${min / 1_000_000n} ms, got ${v} ns`);
  return Number(v / 1_000_000n);
}

function stringRecord(v: unknown, field: string): [string, string][] {
  if (v === undefined) return [];
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    fail(`${field} must be a record of strings, got ${describe(v)}`);
  const out: [string, string][] = [];
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') fail(`${field}.${k} must be a string, got ${describe(val)}`);
    out.push([k, val]);
  }
  return out;
}

/**
 * What a header value may not hold: the characters Node's HTTP client refuses (a control character other
 * than tab, DEL, or one past U+00FF). Caught at start, they would otherwise drop every upload.
 */
const badHeaderChar = /[^\t\x20-\x7e\x80-\xff]/;
const headerChars = 'a control character other than tab, or one past U+00FF';

/** Checks config as start does and fills in the defaults; throws a TypeError or RangeError naming the field. */
export function resolveConfig(config: Config): ResolvedConfig {
  if (typeof config !== 'object' || config === null)
    fail(`config must be an object, got ${describe(config)}`);
  const c = config as Partial<Config>;
  if (typeof c.applicationName !== 'string' || c.applicationName === '')
    fail(`applicationName must be a non-empty string, got ${describe(c.applicationName)}`);
  if (!serviceName.test(c.applicationName))
    fail(
      `applicationName ${JSON.stringify(c.applicationName)} may hold only letters, digits, '_', '.', '-' and '/'`,
    );
  if (typeof c.serverAddress !== 'string')
    fail(`serverAddress must be a URL string, got ${describe(c.serverAddress)}`);
  let base: URL;
  try {
    base = new URL(c.serverAddress);
  } catch {
    // The address is not echoed: it could hold credentials.
    return fail('serverAddress is not a URL (want e.g. "http://pyroscope:4040")');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    fail(`serverAddress must be http or https, got ${JSON.stringify(base.protocol)}`);
  if (base.username !== '' || base.password !== '')
    fail('serverAddress must not hold credentials: use basicAuthUser and basicAuthPassword');
  const tags = stringRecord(c.tags, 'tags');
  for (const [k, v] of tags) {
    if (!labelName.test(k) || k === '__name__')
      fail(`tag name ${JSON.stringify(k)} may hold only letters, digits, '_' and '.' (and not be __name__)`);
    if (badValueChar.test(v))
      fail(`tag ${k} value ${JSON.stringify(v)} must not contain '{', '}', ',', '=' or control characters`);
  }
  const types = c.profileTypes ?? DefaultProfileTypes;
  if (!Array.isArray(types)) fail(`profileTypes must be an array, got ${describe(types)}`);
  for (const t of types)
    if (!DefaultProfileTypes.includes(t as ProfileType))
      fail(
        `profileTypes: unknown or unsupported profile type ${describe(t)} (have: ${DefaultProfileTypes.join(', ')})`,
      );
  for (const f of ['basicAuthUser', 'basicAuthPassword', 'tenantID'] as const)
    if (c[f] !== undefined && typeof c[f] !== 'string') fail(`${f} must be a string, got ${typeof c[f]}`); // never its value: it may be a secret
  const headers: Record<string, string> = {};
  for (const [k, v] of stringRecord(c.httpHeaders, 'httpHeaders')) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k))
      fail(`httpHeaders: ${JSON.stringify(k)} is not a header name`);
    if (badHeaderChar.test(v))
      fail(`httpHeaders: the value of ${k} holds a character HTTP does not allow (${headerChars})`);
    headers[k] = v;
  }
  if (c.tenantID && badHeaderChar.test(c.tenantID))
    fail(`tenantID holds a character HTTP does not allow (${headerChars})`);
  if (c.basicAuthUser && c.basicAuthPassword)
    headers.Authorization = `Basic ${Buffer.from(`${c.basicAuthUser}:${c.basicAuthPassword}`).toString('base64')}`;
  if (c.tenantID) headers['X-Scope-OrgID'] = c.tenantID;
  const logger = c.logger ?? noopLogger;
  for (const m of ['infof', 'debugf', 'errorf'] as const)
    if (typeof (logger as Partial<Logger>)[m] !== 'function') fail(`logger.${m} must be a function`);
  const hz = c.hz ?? 100;
  if (typeof hz !== 'number') fail(`hz must be a number, got ${describe(hz)}`);
  if (!Number.isInteger(hz) || hz < 1 || hz > 10000)
    throw new RangeError(`pyroscope: hz must be an integer from 1 to 10000, got ${hz}`);
  const maxQueue = c.maxQueue ?? 32;
  if (typeof maxQueue !== 'number') fail(`maxQueue must be a number, got ${describe(maxQueue)}`);
  if (!Number.isInteger(maxQueue) || maxQueue < 1)
    throw new RangeError(`pyroscope: maxQueue must be a positive integer, got ${maxQueue}`);
  const ingestURL = new URL(base.href);
  ingestURL.pathname = `${ingestURL.pathname.replace(/\/+$/, '')}/ingest`;
  ingestURL.search = '';
  ingestURL.hash = '';
  return {
    applicationName: c.applicationName,
    ingestURL,
    tags,
    uploadRateMs: duration(c.uploadRate, 'uploadRate', 15_000_000_000n, 1_000_000_000n),
    cpu: types.includes(ProfileCPU),
    heap: types.includes(ProfileInuseObjects) || types.includes(ProfileInuseSpace),
    headers,
    logger: guarded(logger),
    hz,
    maxQueue,
    timeoutMs: duration(c.timeout, 'timeout', 10_000_000_000n, 1_000_000n),
    stopTimeoutMs: duration(c.stopTimeout, 'stopTimeout', 5_000_000_000n, 0n),
  };
}

/** The ingest API's name parameter: applicationName{k=v,...}, tags sorted by name (the Go client's form). */
export function seriesName(c: ResolvedConfig, extra: [string, string][] = []): string {
  const all = new Map([...c.tags, ...extra]);
  const kv = [...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
  return `${c.applicationName}{${kv.join(',')}}`;
}
