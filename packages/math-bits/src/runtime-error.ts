/**
 * RuntimeError is the error thrown where Go panics with a run-time error (Go's `runtime.Error`): its
 * message is Go's text exactly, "runtime error: integer divide by zero" or "runtime error: integer
 * overflow". `div`, `div32` and `div64` throw it for y == 0 or y <= hi; `rem`, `rem32` and `rem64` for
 * y == 0.
 *
 * @example
 * ```ts
 * import { div32, RuntimeError } from '@gostd/math-bits';
 * try {
 *   div32(1, 0, 1);
 * } catch (err) {
 *   console.log(err instanceof RuntimeError, err instanceof Error);
 *   console.log((err as Error).message);
 * }
 * // Output:
 * // true true
 * // runtime error: integer overflow
 * ```
 */
export class RuntimeError extends Error {
  /** new RuntimeError makes the error with Go's full message, e.g. "runtime error: integer divide by zero". */
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/** Throws Go's integer division by zero panic. */
export function divideError(): never {
  throw new RuntimeError('runtime error: integer divide by zero');
}

/** Throws Go's integer overflow panic (a quotient that does not fit). */
export function overflowError(): never {
  throw new RuntimeError('runtime error: integer overflow');
}
