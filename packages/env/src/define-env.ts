// defineEnv: `go env` for any tool (cmd/go/internal/envcmd and cmd/go/internal/cfg). The declarations and
// the argument checks live here; the work is split as envcmd's is: resolve.ts (the effective environment),
// env-write.ts (-w), env-unset.ts (-u), env-cli.ts (the command) and flags.ts (its flags).

import * as check from './arg-check';
import { runEnv } from './env-cli';
import { runEnvU } from './env-unset';
import { runEnvW } from './env-write';
import { envFile, fileLookup, listVars, mustSpec, resolve } from './resolve';
import type { Shell } from './shell';

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
  /**
   * Writes the settings to the env file, as `-w` does, and returns the warnings `-w` prints. It holds the
   * file's lock from reading the file to replacing it, so concurrent writers (processes or threads) lose
   * nothing; the thread sleeps while another writer holds the lock.
   */
  write(add: Readonly<Record<string, string>>): string[];
  /** Removes the settings of keys from the env file, as `-u` does, holding the file's lock as write does. */
  unset(keys: readonly string[]): void;
  /** Runs the command line argv (flags and arguments, without node and the script) and returns the exit status. */
  cli(argv: readonly string[], io?: CliIO): number;
}

/** checkOptions throws a TypeError for options a TypeScript caller could not have passed. */
function checkOptions(opts: EnvOptions): void {
  check.object('defineEnv', 'opts', opts);
  check.string('defineEnv', 'opts.name', opts.name);
  if (typeof opts.file !== 'function')
    check.string('defineEnv', 'opts.file (a string or a function)', opts.file);
  check.object('defineEnv', 'opts.vars', opts.vars);
  for (const [key, v] of Object.entries(opts.vars)) {
    const at = `opts.vars.${key}`;
    check.object('defineEnv', at, v);
    if (typeof v.default !== 'function')
      check.optional(check.string)('defineEnv', `${at}.default`, v.default);
    check.optional(check.string)('defineEnv', `${at}.description`, v.description);
    check.optional(check.boolean)('defineEnv', `${at}.readOnly`, v.readOnly);
    check.optional(check.boolean)('defineEnv', `${at}.osOnly`, v.osOnly);
    check.optional(check.func)('defineEnv', `${at}.validate`, v.validate);
  }
  check.optional(check.func)('defineEnv', 'opts.check', opts.check);
  if (opts.environ !== undefined) check.stringRecord('defineEnv', 'opts.environ', opts.environ, true);
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
  checkOptions(opts);
  // name and vars are fixed here, as checked; file, check and environ are read from opts at each call.
  const { name, vars } = opts;
  const o: EnvOptions = Object.create(opts, { name: { value: name }, vars: { value: vars } });
  const all = () => Object.keys(vars);
  return {
    name,
    vars,
    file: () => envFile(o),
    get(key) {
      check.string('get', 'key', key);
      return resolve(o, key, mustSpec(o, key), fileLookup(o));
    },
    list: () => listVars(o, all(), false),
    changed: () => listVars(o, all(), true),
    write(add) {
      check.stringRecord('write', 'add', add);
      const warnings: string[] = [];
      runEnvW(
        o,
        Object.entries(add).map(([k, v]) => `${k}=${v}`),
        (w) => warnings.push(w),
      );
      return warnings;
    },
    unset(keys) {
      runEnvU(o, check.strings('unset', 'keys', keys));
    },
    cli: (argv, io) => runEnv(o, argv, io),
  };
}
