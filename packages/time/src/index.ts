/**
 * Package @gostd/time is Go's time for TypeScript: functionality for measuring and displaying time, with
 * Go's monotonic clock and Go's Duration, an int64 count of nanoseconds held in a bigint.
 *
 * @packageDocumentation
 */
export { Duration, Hour, Microsecond, Millisecond, Minute, Nanosecond, Second } from './duration';
export { now, since, until } from './now';
export { parseDuration } from './parse-duration';
export { after, afterFunc, sleep, Timer } from './sleep';
export { fromDate, Time, unix, unixMicro, unixMilli } from './time';
