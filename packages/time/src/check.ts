// Run-time argument checks for JavaScript callers (issue 13): TypeScript rules out a number where a
// Duration (a bigint) goes, or a string where a callback goes, but plain JavaScript can pass them, and
// bigint arithmetic would then either throw deep inside a Node timer or print nonsense. Each exported
// entry tests its arguments with a predicate here (small enough to inline) and calls the cold thrower
// when one fails. Internal; not exported from the package.

const max63 = 9223372036854775807n; // 2^63 - 1
const min63 = -9223372036854775808n; // -2^63

/** Reports whether v is an int64: a bigint in [-2^63, 2^63-1]. A Duration is one. */
export function isInt64(v: unknown): v is bigint {
  return typeof v === 'bigint' && v >= min63 && v <= max63;
}

/** A value as an error message shows it: `1.5`, `"5" (a string)`, `undefined`, `an object`. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return `${JSON.stringify(v)} (a string)`;
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return 'a function';
  if (v === null || typeof v !== 'object') return String(v);
  const name = (v as { constructor?: { name?: string } }).constructor?.name;
  return name ? `a ${name}` : 'an object';
}

/**
 * Throws for argument `arg` of `fn`, which should be an int64 bigint (`what` says which, e.g. "a
 * Duration"): a RangeError for a bigint outside int64, a TypeError for anything else.
 */
export function badInt64(fn: string, arg: string, what: string, v: unknown): never {
  const message = `time: ${fn}: ${arg} must be ${what} (a bigint in int64 range); got ${describeValue(v)}`;
  throw typeof v === 'bigint' ? new RangeError(message) : new TypeError(message);
}

/** Throws a TypeError for argument `arg` of `fn`, which should be `what` (e.g. "a function"). */
export function badArg(fn: string, arg: string, what: string, v: unknown): never {
  throw new TypeError(`time: ${fn}: ${arg} must be ${what}; got ${describeValue(v)}`);
}
