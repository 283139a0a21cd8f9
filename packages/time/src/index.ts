export { Duration, Hour, Microsecond, Millisecond, Minute, Nanosecond, Second } from './duration';
export { now, since, until } from './now';
export { parseDuration } from './parse-duration';
export { after, afterFunc, sleep, Timer } from './sleep';
export { fromDate, Time, unix, unixMicro, unixMilli } from './time';
