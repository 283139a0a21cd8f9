// The command: `name [-json] [-changed] [-u] [-w] [var ...]` (cmd/go/internal/envcmd runEnv and PrintEnv).
import * as check from './arg-check';
import type { CliIO, EnvOptions, EnvVar } from './define-env';
import { EnvError } from './env-error';
import { runEnvU } from './env-unset';
import { runEnvW } from './env-write';
import { FlagError, type Flags, parseFlags } from './flags';
import { goQuote } from './go-quote';
import { formatJSON } from './json';
import { fileLookup, listVars, resolve, spec } from './resolve';
import { formatShell, hasNonGraphic } from './shell';
import { encodeBytes } from './utf8';

/** usage returns the usage line the command prints after a command-line mistake. */
function usage(name: string): string {
  return `usage: ${name} [-json] [-changed] [-u] [-w] [var ...]\n`;
}

/** help returns what `-h` prints: the usage, what the command does, and each variable with its description. */
function help(opts: EnvOptions): string {
  const { name, vars } = opts;
  // A loop, not Math.max(...): a call takes ~120,000 arguments at most, and a tool may define more variables.
  let width = 0;
  for (const k of Object.keys(vars)) width = Math.max(width, k.length);
  let out = `${usage(name)}\n${name} prints its environment as a shell script (-json: as JSON; named variables:\n`;
  out +=
    'their values, one a line). -w NAME=VALUE... sets defaults in its env file, -u NAME... removes them,\n';
  out += '-changed shows only the variables whose value differs from the default.\n\nVariables:\n';
  for (const [k, v] of Object.entries(vars)) {
    const how = v.readOnly ? ' (read-only)' : v.osOnly ? ' (OS environment only)' : '';
    out += `  ${k.padEnd(width)}  ${v.description ?? ''}${how}\n`;
  }
  return out;
}

/**
 * runEnv runs the command line argv of the tool opts and returns its exit status, as `go env` does: 0, 1
 * for an error (printed as `name: message`), 2 for a command-line mistake (printed with the usage line).
 */
export function runEnv(opts: EnvOptions, argList: readonly string[], io: CliIO = {}): number {
  const argv = check.strings('cli', 'argv', argList);
  check.object('cli', 'io', io);
  check.optional(check.func)('cli', 'io.stdout', io.stdout);
  check.optional(check.func)('cli', 'io.stderr', io.stderr);
  if (io.shell !== undefined) check.oneOf('cli', 'io.shell', io.shell, ['sh', 'cmd', 'powershell']);
  const stdout = io.stdout ?? ((d: Uint8Array) => process.stdout.write(d));
  const stderr = io.stderr ?? ((s: string) => process.stderr.write(s));
  const shell = io.shell ?? (process.platform === 'win32' ? 'cmd' : 'sh');
  let parsed: Flags<'json' | 'changed' | 'u' | 'w'>;
  try {
    parsed = parseFlags(argv, ['json', 'changed', 'u', 'w']);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    stderr(`${e.message}\n${usage(opts.name)}`);
    return 2;
  }
  if (parsed.help) {
    stdout(encodeBytes(help(opts)));
    return 0;
  }
  const { set: flags, args } = parsed;
  try {
    if (flags.json && flags.u) throw new EnvError('cannot use -json with -u');
    if (flags.json && flags.w) throw new EnvError('cannot use -json with -w');
    if (flags.u && flags.w) throw new EnvError('cannot use -u with -w');
    if (flags.w) {
      runEnvW(opts, args, (w) => stderr(`warning: ${w}\n`));
      return 0;
    }
    if (flags.u) {
      runEnvU(opts, args);
      return 0;
    }
    return printEnv(opts, args, flags, stdout, stderr, shell);
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    stderr(`${opts.name}: ${e.message}\n`);
    return 1;
  }
}

/**
 * printEnv prints the variables args (all when none) as runEnv does without -w or -u: bare values one a
 * line, or with flags.json a JSON object, or with flags.changed or no args a sorted shell listing.
 */
function printEnv(
  opts: EnvOptions,
  args: readonly string[],
  flags: { readonly json: boolean; readonly changed: boolean },
  stdout: (d: Uint8Array) => void,
  stderr: (s: string) => void,
  shell: NonNullable<CliIO['shell']>,
): number {
  for (const arg of args) {
    if (arg.includes('='))
      throw new EnvError(`invalid variable name ${goQuote(arg)} (use -w to set variable)`);
  }
  let shown: EnvVar[];
  if (args.length > 0 && !flags.changed) {
    const inFile = fileLookup(opts);
    const value = (k: string): string => {
      const v = spec(opts, k);
      return v ? resolve(opts, k, v, inFile) : '';
    };
    if (!flags.json) {
      stdout(encodeBytes(args.map((k) => `${value(k)}\n`).join('')));
      return 0;
    }
    shown = args.map((k) => ({ name: k, value: value(k), changed: false }));
  } else {
    shown = listVars(opts, args.length > 0 ? args : Object.keys(opts.vars), flags.changed);
  }
  const pairs = shown.map((e): [string, string] => [e.name, e.value]);
  if (flags.json) {
    stdout(encodeBytes(formatJSON(pairs)));
    return 0;
  }
  let status = 0;
  if (shell === 'cmd') {
    for (const [k, v] of pairs) {
      if (hasNonGraphic(v)) {
        stderr(`${opts.name}: stripping unprintable or unescapable characters from %${goQuote(k)}%\n`);
        status = 1;
      }
    }
  }
  // Go's PrintEnv sorts the listing by name (Go 1.26's envcmd; -json's keys are sorted too).
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  stdout(encodeBytes(formatShell(pairs, shell)));
  return status;
}
