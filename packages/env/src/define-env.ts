// defineEnv: `go env` for any tool (cmd/go/internal/envcmd and cmd/go/internal/cfg).

import { parseBool } from '@gostd/internal';
import { parseEnvFile, readEnvFile, updateEnvFile, writeFileAtomic } from './env-file';
import { goQuote } from './go-quote';
import { formatJSON } from './json';
import { formatShell, hasNonGraphic, type Shell } from './shell';
import { encodeBytes, validUTF8 } from './utf8';

/** Var declares one variable of a tool's environment. */
export interface Var {
  /** The value when neither the OS environment nor the env file sets one: a string, or a function called only when the value is needed. */
  readonly default?: string | (() => string);
  /** One line saying what the variable is, shown by `-help`. */
  readonly description?: string;
  /** The value is always the default; `-w` and `-u` refuse it ("X cannot be modified"), like GOVERSION. */
  readonly readOnly?: boolean;
  /** Only the OS environment may set it ("X can only be set using the OS environment"), like GOENV. */
  readonly osOnly?: boolean;
  /** Returns an error message when value (possibly "", for `-u`) may not be written, or undefined when it may. */
  readonly validate?: (value: string) => string | undefined;
}

/** EnvOptions is what defineEnv needs to know about a tool. */
export interface EnvOptions {
  /** The command's name, used in messages in place of Go's `go` and `go env`. */
  readonly name: string;
  /** The path of the env file, or a function returning it ('' or a thrown Error: there is none). */
  readonly file: string | (() => string);
  /** The variables, in the order `-help` shows them (the shell listing is sorted by name, as Go's is). */
  readonly vars: Readonly<Record<string, Var>>;
  /**
   * Checks the configuration a `-w` or `-u` would leave (get returns a variable's value after the change;
   * touched holds the variables changed) and returns an error message to refuse it, like Go's
   * checkBuildConfig; undefined accepts.
   */
  readonly check?: (get: (key: string) => string, touched: ReadonlySet<string>) => string | undefined;
  /** The OS environment; process.env, read at each call, when omitted. */
  readonly environ?: Readonly<Record<string, string | undefined>>;
}

/** EnvVar is one variable of a listing: its name, its value, and whether the value differs from the default. */
export interface EnvVar {
  readonly name: string;
  readonly value: string;
  readonly changed: boolean;
}

/** CliIO redirects what Env.cli writes, and picks the shell its listing is for. */
export interface CliIO {
  /** Receives standard output, as bytes; process.stdout when omitted. */
  readonly stdout?: (data: Uint8Array) => void;
  /** Receives standard error text; process.stderr when omitted. */
  readonly stderr?: (text: string) => void;
  /** The listing's shell form: 'cmd' on Windows and 'sh' elsewhere when omitted. */
  readonly shell?: Shell;
}

/** Env is a tool's environment, made by defineEnv. */
export interface Env {
  /** The tool's name. */
  readonly name: string;
  /** The declared variables. */
  readonly vars: Readonly<Record<string, Var>>;
  /** The path of the env file; throws when there is none. */
  file(): string;
  /** The value of key: the OS environment, then the env file, then the default (the first non-empty). */
  get(key: string): string;
  /** Every variable, in declaration order. */
  list(): EnvVar[];
  /** The variables whose value differs from their default, in declaration order. */
  changed(): EnvVar[];
  /** Writes the settings to the env file, as `-w` does, and returns the warnings `-w` prints. */
  write(add: Readonly<Record<string, string>>): string[];
  /** Removes the settings of keys from the env file, as `-u` does. */
  unset(keys: readonly string[]): void;
  /** Runs the command line argv (flags and arguments, without node and the script) and returns the exit status. */
  cli(argv: readonly string[], io?: CliIO): number;
}

/** EnvError is an error the command reports as `name: message` with exit status 1 (Go's base.Fatalf). */
class EnvError extends Error {}

/** UsageError is a command-line mistake: reported with the usage line and exit status 2. */
class UsageError extends Error {}

/** errnoText returns a Node system error in Go's shape, `open /path: no such file or directory`. */
function errnoText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code && err.syscall && err.path) {
    const m = /^[A-Z]+: (.*?), /.exec(err.message);
    if (m) return `${err.syscall} ${err.path}: ${m[1]}`;
  }
  return err instanceof Error ? err.message : String(e);
}

/** fatal runs f, turning an Error it throws into an EnvError with the same message. */
function fatal<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error && !(e instanceof EnvError)) throw new EnvError(e.message);
    throw e;
  }
}

/**
 * defineEnv returns the environment of a tool named opts.name: its variables opts.vars, each set by the OS
 * environment, the env file opts.file (written by `-w`, cleared by `-u`) or its default, in that order, with
 * Go's `go env` rules for reading, writing and printing them.
 *
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import os from 'node:os';
 * import path from 'node:path';
 * import { defineEnv } from '@gostd/env';
 *
 * const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mytool-'));
 * const colors = ['', 'auto', 'always', 'never'];
 * const env = defineEnv({
 *   name: 'mytool',
 *   file: path.join(dir, 'env'),
 *   environ: { MYTOOL_COLOR: 'never' },
 *   vars: {
 *     MYTOOL_COLOR: { default: 'auto', validate: (v) => (colors.includes(v) ? undefined : `bad color ${v}`) },
 *     MYTOOL_JOBS: { default: () => '4', description: 'a default computed when needed' },
 *     MYTOOL_VERSION: { default: '1.0.0', readOnly: true },
 *   },
 * });
 * console.log(env.write({ MYTOOL_JOBS: '8', MYTOOL_COLOR: 'always' }));
 * console.log(fs.readFileSync(env.file(), 'utf8'));
 * console.log(env.get('MYTOOL_JOBS'), env.get('MYTOOL_COLOR'), env.get('MYTOOL_VERSION'));
 * console.log(env.changed().map((v) => v.name));
 *
 * const show = (b: Uint8Array) => console.log(Buffer.from(b).toString().replaceAll('\t', '\\t').trimEnd());
 * const io = { stdout: show, stderr: console.log };
 * env.cli(['MYTOOL_JOBS'], io);
 * env.cli(['-json', 'MYTOOL_JOBS', 'NOPE'], io);
 * console.log(env.cli(['-w', 'MYTOOL_VERSION=2'], io));
 * fs.rmSync(dir, { recursive: true });
 * // Output:
 * // [
 * //   'mytool -w MYTOOL_COLOR=... does not override conflicting OS environment variable'
 * // ]
 * // MYTOOL_COLOR=always
 * // MYTOOL_JOBS=8
 * //
 * // 8 never 1.0.0
 * // [ 'MYTOOL_COLOR', 'MYTOOL_JOBS' ]
 * // 8
 * // {
 * // \t"MYTOOL_JOBS": "8",
 * // \t"NOPE": ""
 * // }
 * // mytool: MYTOOL_VERSION cannot be modified
 * //
 * // 1
 * ```
 */
export function defineEnv(opts: EnvOptions): Env {
  const { name, vars } = opts;
  const environ = () => opts.environ ?? process.env;
  const spec = (key: string): Var | undefined => (Object.hasOwn(vars, key) ? vars[key] : undefined);
  const defaultOf = (v: Var): string => (typeof v.default === 'function' ? v.default() : (v.default ?? ''));

  const fileName = (): string => (typeof opts.file === 'function' ? opts.file() : opts.file);
  const file = (): string => {
    let f: string;
    try {
      f = fileName();
    } catch (e) {
      throw new EnvError(`cannot find ${name} config: ${(e as Error).message}`);
    }
    if (f === '') throw new EnvError(`cannot find ${name} config: no env file`);
    return f;
  };
  const readText = (f: string): string | null => {
    try {
      return readEnvFile(f);
    } catch (e) {
      throw new EnvError(`reading ${name} config: ${errnoText(e)}`);
    }
  };
  // The settings in the env file; none when there is no file (as Go, which ignores a missing GOENV).
  const settings = (): Map<string, string> => {
    let f: string;
    try {
      f = fileName();
    } catch {
      return new Map();
    }
    const text = f === '' ? null : readText(f);
    return text === null ? new Map() : fatal(() => parseEnvFile(text, f));
  };
  // A lookup in the env file that reads the file once, on first use.
  const fileLookup = (): ((key: string) => string | undefined) => {
    let m: Map<string, string> | undefined;
    return (key) => {
      if (m === undefined) m = settings();
      return m.get(key);
    };
  };
  const resolve = (key: string, v: Var, fileValue: (key: string) => string | undefined): string => {
    if (v.readOnly) return defaultOf(v);
    const os = environ()[key];
    if (os) return os;
    if (!v.osOnly) {
      const fv = fileValue(key);
      if (fv) return fv;
    }
    return defaultOf(v);
  };
  const mustSpec = (key: string): Var => {
    const v = spec(key);
    if (!v) throw new EnvError(`unknown ${name} variable ${key}`);
    return v;
  };
  const get = (key: string): string => {
    return resolve(key, mustSpec(key), fileLookup());
  };
  const listSome = (keys: readonly string[], onlyChanged: boolean): EnvVar[] => {
    const lookup = fileLookup();
    const out: EnvVar[] = [];
    for (const key of keys) {
      const v = spec(key);
      if (!v) continue;
      const value = resolve(key, v, lookup);
      const changed = !v.readOnly && value !== defaultOf(v);
      if (!onlyChanged || changed) out.push({ name: key, value, changed });
    }
    return out;
  };
  const list = () => listSome(Object.keys(vars), false);
  const changed = () => listSome(Object.keys(vars), true);

  // Go's checkEnvWrite.
  const checkWrite = (key: string, val: string): void => {
    const v = spec(key);
    if (v?.readOnly) throw new EnvError(`${key} cannot be modified`);
    if (v?.osOnly) throw new EnvError(`${key} can only be set using the OS environment`);
    if (!v) throw new EnvError(`unknown ${name} variable ${key}`);
    const msg = fatal(() => v.validate?.(val));
    if (msg !== undefined) throw new EnvError(msg);
    if (!validUTF8(val)) throw new EnvError(`invalid UTF-8 in ${key}=... value`);
    if (val.includes('\0')) throw new EnvError(`invalid NUL in ${key}=... value`);
    if (/[\v\r\n]/.test(val)) throw new EnvError(`invalid newline in ${key}=... value`);
  };

  const apply = (add: Readonly<Record<string, string>>, del: readonly string[]): void => {
    const f = file();
    const text = readText(f);
    if (text === null && del.length > 0 && Object.keys(add).length === 0) {
      throw new EnvError(`reading ${name} config: open ${f}: no such file or directory`);
    }
    const current = fatal(() => parseEnvFile(text ?? '', f));
    if (opts.check) {
      const touched = new Set([...Object.keys(add), ...del]);
      const after = (k: string): string | undefined =>
        Object.hasOwn(add, k) ? add[k] : del.includes(k) ? undefined : current.get(k);
      const check = opts.check;
      const msg = fatal(() => check((k) => resolve(k, mustSpec(k), after), touched));
      if (msg !== undefined) throw new EnvError(msg);
    }
    const updated = updateEnvFile(text ?? '', add, del, f);
    try {
      writeFileAtomic(f, updated);
    } catch (e) {
      throw new EnvError(`writing ${name} config: ${errnoText(e)}`);
    }
  };

  // Go's runEnvW: the arguments' checks in order, warnings as they arise.
  const writeArgs = (args: readonly string[], warn: (w: string) => void): void => {
    if (args.length === 0) throw new EnvError('no KEY=VALUE arguments given');
    const add: Record<string, string> = {};
    const env = environ();
    for (const arg of args) {
      const i = arg.indexOf('=');
      if (i < 0) throw new EnvError(`arguments must be KEY=VALUE: invalid argument: ${arg}`);
      const key = arg.slice(0, i);
      const val = arg.slice(i + 1);
      checkWrite(key, val);
      if (Object.hasOwn(add, key)) throw new EnvError(`multiple values for key: ${key}`);
      add[key] = val;
      const os = env[key];
      if (os && os !== val)
        warn(`${name} -w ${key}=... does not override conflicting OS environment variable`);
    }
    apply(add, []);
  };
  const write = (add: Readonly<Record<string, string>>): string[] => {
    const warnings: string[] = [];
    writeArgs(
      Object.entries(add).map(([k, v]) => `${k}=${v}`),
      (w) => warnings.push(w),
    );
    return warnings;
  };
  const unset = (keys: readonly string[]): void => {
    if (keys.length === 0) throw new EnvError(`'${name} -u' requires an argument`);
    for (const key of keys) checkWrite(key, '');
    apply({}, keys);
  };

  const usage = `usage: ${name} [-json] [-changed] [-u] [-w] [var ...]\n`;
  const help = (): string => {
    const width = Math.max(...Object.keys(vars).map((k) => k.length));
    let out = `${usage}\n${name} prints its environment as a shell script (-json: as JSON; named variables:\n`;
    out +=
      'their values, one a line). -w NAME=VALUE... sets defaults in its env file, -u NAME... removes them,\n';
    out += '-changed shows only the variables whose value differs from the default.\n\nVariables:\n';
    for (const [k, v] of Object.entries(vars)) {
      const how = v.readOnly ? ' (read-only)' : v.osOnly ? ' (OS environment only)' : '';
      out += `  ${k.padEnd(width)}  ${v.description ?? ''}${how}\n`;
    }
    return out;
  };

  const cli = (argv: readonly string[], io: CliIO = {}): number => {
    const stdout = io.stdout ?? ((d: Uint8Array) => process.stdout.write(d));
    const stderr = io.stderr ?? ((s: string) => process.stderr.write(s));
    const shell = io.shell ?? (process.platform === 'win32' ? 'cmd' : 'sh');
    const flags = { json: false, changed: false, u: false, w: false };
    let i = 0;
    try {
      for (; i < argv.length; i++) {
        const a = argv[i]!;
        if (a === '--') {
          i++;
          break;
        }
        if (a.length < 2 || a[0] !== '-') break;
        const body = a.startsWith('--') ? a.slice(2) : a.slice(1);
        if (body === '' || body[0] === '-' || body[0] === '=') throw new UsageError(`bad flag syntax: ${a}`);
        const eq = body.indexOf('=');
        const flag = eq < 0 ? body : body.slice(0, eq);
        if (flag === 'h' || flag === 'help') {
          stdout(encodeBytes(help()));
          return 0;
        }
        if (!Object.hasOwn(flags, flag)) throw new UsageError(`flag provided but not defined: -${flag}`);
        let val = true;
        try {
          if (eq >= 0) val = parseBool(body.slice(eq + 1));
        } catch {
          throw new UsageError(
            `invalid boolean value ${goQuote(body.slice(eq + 1))} for -${flag}: parse error`,
          );
        }
        flags[flag as keyof typeof flags] = val;
      }
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      stderr(`${e.message}\n${usage}`);
      return 2;
    }
    const args = argv.slice(i);
    let status = 0;
    try {
      if (flags.json && flags.u) throw new EnvError('cannot use -json with -u');
      if (flags.json && flags.w) throw new EnvError('cannot use -json with -w');
      if (flags.u && flags.w) throw new EnvError('cannot use -u with -w');
      if (flags.w) {
        writeArgs(args, (w) => stderr(`warning: ${w}\n`));
        return 0;
      }
      if (flags.u) {
        unset(args);
        return 0;
      }
      for (const arg of args) {
        if (arg.includes('='))
          throw new EnvError(`invalid variable name ${goQuote(arg)} (use -w to set variable)`);
      }
      let shown: EnvVar[];
      if (args.length > 0 && !flags.changed) {
        const lookup = fileLookup();
        const value = (k: string): string => {
          const v = spec(k);
          return v ? resolve(k, v, lookup) : '';
        };
        if (!flags.json) {
          stdout(encodeBytes(args.map((k) => `${value(k)}\n`).join('')));
          return 0;
        }
        shown = args.map((k) => ({ name: k, value: value(k), changed: false }));
      } else {
        shown = listSome(args.length > 0 ? args : Object.keys(vars), flags.changed);
      }
      const pairs = shown.map((e): [string, string] => [e.name, e.value]);
      if (flags.json) {
        stdout(encodeBytes(formatJSON(pairs)));
        return 0;
      }
      if (shell === 'cmd') {
        for (const [k, v] of pairs) {
          if (hasNonGraphic(v)) {
            stderr(`${name}: stripping unprintable or unescapable characters from %${goQuote(k)}%\n`);
            status = 1;
          }
        }
      }
      // Go's PrintEnv sorts the listing by name (Go 1.26's envcmd; -json's keys are sorted too).
      pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      stdout(encodeBytes(formatShell(pairs, shell)));
      return status;
    } catch (e) {
      if (!(e instanceof EnvError)) throw e;
      stderr(`${name}: ${e.message}\n`);
      return 1;
    }
  };

  return { name, vars, file, get, list, changed, write, unset, cli };
}
