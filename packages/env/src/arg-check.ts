// Checks of the arguments of the public functions: what TypeScript refuses at compile time, a JavaScript
// caller can still pass; it gets a TypeError at the call, naming the function and the argument, instead of
// a value silently turned into a string (issue 13, defect 8).

/** describe names the kind of v for a message: null, an array, or its typeof. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}

/** fail throws a TypeError `fn: what must be want, not <v's kind>`. */
function fail(fn: string, what: string, want: string, v: unknown): never {
  throw new TypeError(`${fn}: ${what} must be ${want}, not ${describe(v)}`);
}

/** string checks that v is a string. */
export function string(fn: string, what: string, v: unknown): asserts v is string {
  if (typeof v !== 'string') fail(fn, what, 'a string', v);
}

/** optional runs check on v unless v is undefined. */
export function optional(
  check: (fn: string, what: string, v: unknown) => void,
): (fn: string, what: string, v: unknown) => void {
  return (fn, what, v) => {
    if (v !== undefined) check(fn, what, v);
  };
}

/** func checks that v is a function. */
export function func(fn: string, what: string, v: unknown): asserts v is (...args: never[]) => unknown {
  if (typeof v !== 'function') fail(fn, what, 'a function', v);
}

/** boolean checks that v is a boolean. */
export function boolean(fn: string, what: string, v: unknown): asserts v is boolean {
  if (typeof v !== 'boolean') fail(fn, what, 'a boolean', v);
}

/** object checks that v is an object (not null, not an array). */
export function object(fn: string, what: string, v: unknown): asserts v is object {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(fn, what, 'an object', v);
}

/** stringRecord checks that v is an object whose own enumerable values are strings (or, with optional, undefined). */
export function stringRecord(fn: string, what: string, v: unknown, allowUndefined = false): void {
  object(fn, what, v);
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string' && !(allowUndefined && x === undefined)) {
      fail(fn, `${what}[${JSON.stringify(k)}]`, allowUndefined ? 'a string or undefined' : 'a string', x);
    }
  }
}

/** strings checks that v is iterable (and not a string) and returns its items, each checked to be a string. */
export function strings(fn: string, what: string, v: unknown): string[] {
  if (typeof v === 'string' || v == null || typeof (v as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    fail(fn, what, 'an array of strings', v);
  }
  const out = [...(v as Iterable<unknown>)];
  for (let i = 0; i < out.length; i++) string(fn, `${what}[${i}]`, out[i]);
  return out as string[];
}

/** pairs checks that v is an iterable of [string, string] pairs and returns them. */
export function pairs(fn: string, what: string, v: unknown): (readonly [string, string])[] {
  if (typeof v === 'string' || v == null || typeof (v as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    fail(fn, what, 'an iterable of [name, value] pairs', v);
  }
  const out = [...(v as Iterable<unknown>)];
  for (let i = 0; i < out.length; i++) {
    const p = out[i];
    if (!Array.isArray(p)) fail(fn, `${what}[${i}]`, 'a [name, value] pair', p);
    string(fn, `${what}[${i}][0]`, p[0]);
    string(fn, `${what}[${i}][1]`, p[1]);
  }
  return out as (readonly [string, string])[];
}

/** oneOf checks that v is one of the strings in allowed. */
export function oneOf(fn: string, what: string, v: unknown, allowed: readonly string[]): void {
  if (typeof v !== 'string' || !allowed.includes(v)) {
    throw new TypeError(
      `${fn}: ${what} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, not ${typeof v === 'string' ? JSON.stringify(v) : describe(v)}`,
    );
  }
}
