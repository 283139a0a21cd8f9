// Types of shared-map-values.mjs, for the tests that import it.
export function keyOf(i: number): string | number;
export function valueFor(i: number, writer: number, seq: number): unknown;
export function isValueFor(k: string | number, v: unknown): boolean;
export function sameValue(a: unknown, b: unknown): boolean;
