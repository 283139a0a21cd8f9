/**
 * UintSize is the size of a uint in bits. Go's `uint` is 64 bits on every platform this port targets, so
 * the unsuffixed functions (`leadingZeros`, `add`, `mul`, …) take and return 64-bit `bigint` values.
 */
export const UintSize = 64;
