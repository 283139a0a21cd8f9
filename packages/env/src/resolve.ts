// The effective environment of a tool: each variable from the OS environment, the env file or its default
// (cmd/go/internal/cfg: EnvFile, initEnvCache, Getenv; envcmd's MkEnv for the listing).
import * as check from './arg-check';
import type { EnvOptions, EnvVar, Var } from './define-env';
import { EnvError, fatal } from './env-error';
import { errnoText, parseEnvFile, readEnvFile } from './env-file';

/** Lookup returns a variable's setting in the env file, or undefined when the file has none. */
export type Lookup = (key: string) => string | undefined;

/** environ returns the OS environment the tool reads: opts.environ, else process.env at this call. */
export function environ(opts: EnvOptions): Readonly<Record<string, string | undefined>> {
  return opts.environ ?? process.env;
}

/**
 * osValue returns key's value in the OS environment the tool reads, or undefined: only the record's own
 * properties are variables (a plain record's inherited `constructor` or `toString` is not a value).
 */
export function osValue(opts: EnvOptions, key: string): string | undefined {
  const env = environ(opts);
  return Object.hasOwn(env, key) ? env[key] : undefined;
}

/** spec returns the declaration of key, or undefined when the tool has no such variable. */
export function spec(opts: EnvOptions, key: string): Var | undefined {
  return Object.hasOwn(opts.vars, key) ? opts.vars[key] : undefined;
}

/** mustSpec returns the declaration of key; it throws `unknown NAME variable KEY` when there is none. */
export function mustSpec(opts: EnvOptions, key: string): Var {
  const v = spec(opts, key);
  if (!v) throw new EnvError(`unknown ${opts.name} variable ${key}`);
  return v;
}

/** defaultOf returns the default of v, calling it when it is a function. */
export function defaultOf(opts: EnvOptions, v: Var): string {
  if (typeof v.default !== 'function') return v.default ?? '';
  const d: unknown = v.default();
  if (typeof d !== 'string')
    throw new TypeError(`${opts.name}: a default function returned ${check.describe(d)}, not a string`);
  return d;
}

/** fileName returns opts.file, calling it when it is a function ('' or a throw: there is none). */
function fileName(opts: EnvOptions): string {
  return typeof opts.file === 'function' ? opts.file() : opts.file;
}

/** envFile returns the path of the env file, as Go's cfg.EnvFile; it throws when there is none. */
export function envFile(opts: EnvOptions): string {
  let f: string;
  try {
    f = fileName(opts);
  } catch (e) {
    throw new EnvError(`cannot find ${opts.name} config: ${(e as Error).message}`);
  }
  if (f === '') throw new EnvError(`cannot find ${opts.name} config: no env file`);
  return f;
}

/** settings returns the settings in the env file; none when there is no file (Go ignores a missing GOENV). */
function settings(opts: EnvOptions): Map<string, string> {
  let f: string;
  try {
    f = fileName(opts);
  } catch {
    return new Map();
  }
  let text: string | null = null;
  if (f !== '') {
    try {
      text = readEnvFile(f);
    } catch (e) {
      throw new EnvError(`reading ${opts.name} config: ${errnoText(e)}`);
    }
  }
  return text === null ? new Map() : fatal(() => parseEnvFile(text, f));
}

/** fileLookup returns a Lookup in the env file that reads the file once, on first use. */
export function fileLookup(opts: EnvOptions): Lookup {
  let m: Map<string, string> | undefined;
  return (key) => {
    if (m === undefined) m = settings(opts);
    return m.get(key);
  };
}

/**
 * resolve returns the value of key, declared as v: the default when v is read-only, else the first
 * non-empty of the OS environment, the env file (unless v is osOnly) and the default, as Go's cfg.Getenv.
 */
export function resolve(opts: EnvOptions, key: string, v: Var, inFile: Lookup): string {
  if (v.readOnly) return defaultOf(opts, v);
  const os = osValue(opts, key);
  if (os) return os;
  if (!v.osOnly) {
    const fv = inFile(key);
    if (fv) return fv;
  }
  return defaultOf(opts, v);
}

/**
 * listVars returns the declared variables among keys, in that order, with their values, each marked changed
 * when it is not read-only and differs from its default; with onlyChanged, only the changed ones.
 */
export function listVars(opts: EnvOptions, keys: readonly string[], onlyChanged: boolean): EnvVar[] {
  const inFile = fileLookup(opts);
  const out: EnvVar[] = [];
  for (const key of keys) {
    const v = spec(opts, key);
    if (!v) continue;
    const value = resolve(opts, key, v, inFile);
    const changed = !v.readOnly && value !== defaultOf(opts, v);
    if (!onlyChanged || changed) out.push({ name: key, value, changed });
  }
  return out;
}
