// The command line of `go env`: Go's flag package (flag.FlagSet.Parse, parseOne) for a set of boolean
// flags, the only kind `go env` has (-json, -changed, -u, -w).
import { parseBool } from '@gostd/internal';
import { goQuote } from './go-quote';

/** FlagError is a command-line mistake, with the flag package's words; the command exits 2 with its usage. */
export class FlagError extends Error {}

/** Flags is what parseFlags read: the value of each flag (false when absent) and the arguments after them. */
export type Flags<N extends string> =
  | { readonly help: false; readonly set: Record<N, boolean>; readonly args: string[] }
  | { readonly help: true };

/**
 * parseFlags reads the boolean flags names from the front of argv as Go's flag package does: `-f`, `--f`,
 * `-f=v` and `--f=v` (v as strconv.ParseBool reads it), the last occurrence winning. The flags end at the
 * first argument that is `-`, does not start with `-`, or is `--` (which is dropped). `-h` and `-help`, when
 * not among names, ask for help: the result is { help: true }. A mistake throws a FlagError with Go's
 * message: `bad flag syntax: ---x`, `flag provided but not defined: -x`, `invalid boolean value "v" for -f:
 * parse error`.
 */
export function parseFlags<const N extends string>(argv: readonly string[], names: readonly N[]): Flags<N> {
  const set = Object.fromEntries(names.map((n) => [n, false])) as Record<N, boolean>;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== '-') break;
    const body = a.startsWith('--') ? a.slice(2) : a.slice(1);
    if (body === '' || body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${a}`);
    const eq = body.indexOf('=');
    const flag = eq < 0 ? body : body.slice(0, eq);
    if (!(names as readonly string[]).includes(flag)) {
      if (flag === 'h' || flag === 'help') return { help: true };
      throw new FlagError(`flag provided but not defined: -${flag}`);
    }
    let val = true;
    if (eq >= 0) {
      const text = body.slice(eq + 1);
      try {
        val = parseBool(text);
      } catch {
        throw new FlagError(`invalid boolean value ${goQuote(text)} for -${flag}: parse error`);
      }
    }
    set[flag as N] = val;
  }
  return { help: false, set, args: argv.slice(i) };
}
