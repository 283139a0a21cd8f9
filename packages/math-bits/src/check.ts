// Run-time argument checks. TypeScript's types rule out a string, a fraction or
// a bigint where a uint32 goes, but JavaScript callers can pass anything, and
// JavaScript's own conversions would turn it into some other number silently.
// Each exported function tests its arguments inline (a typeof and one or two
// compares: `x >>> 0 === x` for a uint32, `0n <= x <= maxUint64` for a uint64;
// written out in place, since a shared predicate measured ~2 ns slower per
// call) and calls the cold thrower here when one fails. Not exported from the
// package.

/** The largest uint64, 2^64 - 1. */
export const maxUint64 = 0xffff_ffff_ffff_ffffn;

/** A short description of a value for an error message: `"5" (a string)`, `1.5`, `-1n`. */
function show(x: unknown): string {
  switch (typeof x) {
    case 'string':
      return `${JSON.stringify(x)} (a string)`;
    case 'bigint':
      return `${x}n`;
    case 'number':
      return Object.is(x, -0) ? '-0' : String(x);
    case 'function':
      return 'a function';
    case 'object':
      return x === null ? 'null' : `an object (${Object.prototype.toString.call(x)})`;
    default:
      return String(x);
  }
}

/**
 * Throws for argument `arg` of function `fn`, which is not a uint of the given width: a RangeError when it
 * has the right JavaScript type and is an integer but lies outside the range, a TypeError otherwise.
 */
export function badUint(fn: string, arg: string, bits: 8 | 16 | 32 | 64, x: unknown): never {
  const wide = bits === 64;
  const want = wide
    ? 'a uint64, a bigint in [0, 2^64-1]'
    : `a uint${bits}, an integer number in [0, ${2 ** bits - 1}]`;
  const message = `math/bits: ${fn}: ${arg} must be ${want}; got ${show(x)}`;
  const integer = wide ? typeof x === 'bigint' : Number.isInteger(x);
  throw integer ? new RangeError(message) : new TypeError(message);
}

/** Throws a TypeError for argument `arg` of function `fn`, which is not an integer number (Go's int). */
export function badInt(fn: string, arg: string, x: unknown): never {
  throw new TypeError(`math/bits: ${fn}: ${arg} must be an int, a safe integer number; got ${show(x)}`);
}
