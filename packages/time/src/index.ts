/**
 * Package @gostd/time is Go's time for TypeScript: functionality for measuring and displaying time. A Time
 * is an instant with nanosecond precision, shown in a Location, with Go's calendar, time zones read from
 * the tz database (TZif files and their footer rules), Format and Parse with Go's reference layout, the
 * JSON and text encodings, timers and tickers, and Go's monotonic clock; a Duration is Go's int64 count of
 * nanoseconds, held in a bigint.
 *
 * @packageDocumentation
 */
export {
  April,
  August,
  December,
  February,
  Friday,
  January,
  July,
  June,
  March,
  May,
  Monday,
  Month,
  November,
  October,
  Saturday,
  September,
  Sunday,
  Thursday,
  Tuesday,
  Wednesday,
  Weekday,
} from './calendar';
export { type RecvOptions, TimeChannel } from './channel';
export { Duration, Hour, Microsecond, Millisecond, Minute, Nanosecond, Second } from './duration';
export * from './layouts';
export { now, since, until } from './now';
export { ParseError, parse, parseInLocation } from './parse';
export { parseDuration } from './parse-duration';
export { after, afterFunc, newTimer, sleep, Timer } from './sleep';
export { newTicker, Ticker, tick } from './tick';
export { date, fromDate, Time, unix, unixMicro, unixMilli } from './time';
export { fixedZone, Local, Location, UTC } from './zoneinfo';
export { loadLocation } from './zoneinfo-load';
export { loadLocationFromTZData } from './zoneinfo-read';
