/**
 * Package @gostd/math-bits is Go's math/bits for TypeScript: bit counting and manipulation functions for
 * unsigned integers, the 8-, 16- and 32-bit forms on numbers and the 64-bit forms on bigints, with Go's
 * results and Go's panic messages.
 *
 * @packageDocumentation
 */
export { add, add32, add64 } from './add';
export { div, div32, div64 } from './div';
export { leadingZeros, leadingZeros8, leadingZeros16, leadingZeros32, leadingZeros64 } from './leading-zeros';
export { len, len8, len16, len32, len64 } from './len';
export { mul, mul32, mul64 } from './mul';
export { onesCount, onesCount8, onesCount16, onesCount32, onesCount64 } from './ones-count';
export { rem, rem32, rem64 } from './rem';
export { reverse, reverse8, reverse16, reverse32, reverse64 } from './reverse';
export { reverseBytes, reverseBytes16, reverseBytes32, reverseBytes64 } from './reverse-bytes';
export { rotateLeft, rotateLeft8, rotateLeft16, rotateLeft32, rotateLeft64 } from './rotate-left';
export { RuntimeError } from './runtime-error';
export { sub, sub32, sub64 } from './sub';
export {
  trailingZeros,
  trailingZeros8,
  trailingZeros16,
  trailingZeros32,
  trailingZeros64,
} from './trailing-zeros';
export { UintSize } from './uint-size';
