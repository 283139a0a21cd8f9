// Argument checks at the public entries: what TypeScript's types rule out, a
// JavaScript caller can still pass, and it must fail at the call with a clear
// TypeError, not later in a timer or while a profile is written.

/** A short description of v for an error message: its type, and its value when that is short. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string')
    return v.length > 40 ? `string ${JSON.stringify(v.slice(0, 40))}...` : `string ${JSON.stringify(v)}`;
  if (v === undefined) return 'undefined';
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  if (typeof v === 'bigint') return `bigint ${v}n`;
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'symbol') return 'a symbol';
  return Array.isArray(v) ? 'an array' : 'an object';
}

/** Throws a TypeError naming where unless v is a function. */
export function checkFunction(v: unknown, where: string): void {
  if (typeof v !== 'function') throw new TypeError(`${where} must be a function, got ${describe(v)}`);
}

/** Throws a TypeError naming where unless v is undefined or a plain options object. */
export function checkOptions(v: unknown, where: string): void {
  if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v)))
    throw new TypeError(`${where} must be an object, got ${describe(v)}`);
}

/** Throws a TypeError naming where unless w is a Writer (has a write method). */
export function checkWriter(w: unknown, where: string): void {
  if (typeof w !== 'object' || w === null || typeof (w as { write?: unknown }).write !== 'function')
    throw new TypeError(`${where} must be a Writer (an object with a write method), got ${describe(w)}`);
}

/** Matches ASCII control characters (C0 and DEL); global, so reset lastIndex or use with replace. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
export const controlChars = /[\x00-\x1f\x7f]+/g;
