// How a tool's env command fails: Go's base.Fatalf (`name: message`, exit status 1).
import * as check from './arg-check';

/** EnvError is an error the command reports as `name: message` with exit status 1 (Go's base.Fatalf). */
export class EnvError extends Error {}

/** fatal runs f, turning an Error it throws into an EnvError with the same message. */
export function fatal<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error && !(e instanceof EnvError)) throw new EnvError(e.message);
    throw e;
  }
}

/** message returns what a validate or check function returned as the message of a refusal. */
export function message(what: string, msg: unknown): string {
  if (typeof msg !== 'string')
    throw new TypeError(`${what} returned ${check.describe(msg)}, not a string or undefined`);
  return msg;
}
