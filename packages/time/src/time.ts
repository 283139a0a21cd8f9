// Go's time.Time: an instant with nanosecond precision, an optional monotonic
// clock reading, and a Location. The instant and its arithmetic are in
// instant.ts, the calendar and zones in calendar-time.ts; this file adds
// formatting and the encodings, and the functions that make Times.
import { appendBinary, decodeBinary, goString } from './binary';
import { CalendarTime } from './calendar-time';
import { badArg, badInt64, isInt64 } from './check';
import { monoStart } from './clock';
import { dateSec, normNsec } from './date';
import { Second } from './duration';
import { format } from './format';
import { formatRFC3339, formatStrictRFC3339 } from './format-rfc3339';
import { parseStrict } from './parse';
import { Local, Location, UTC } from './zoneinfo';

/** Seconds from January 1, year 1 to January 1, 1970 (Go's unixToInternal). */
export const unixToInternal = 62135596800n;
/** Go's minWall: January 1, 1885, the earliest wall time that can carry a monotonic reading. */
export const minWall = 59453308800n;
/** Go's maxWall: the latest wall time (year 2157) that can carry a monotonic reading. */
export const maxWall = 68043243391n; // minWall + 2^33 - 1

const RFC3339 = '2006-01-02T15:04:05Z07:00';
const RFC3339Nano = '2006-01-02T15:04:05.999999999Z07:00';

/** Go's String layout. */
const stringLayout = '2006-01-02 15:04:05.999999999 -0700 MST';

function pad9(v: bigint): string {
  return String(v).padStart(9, '0');
}

/**
 * A Time represents an instant in time with nanosecond precision, shown in a Location. The zero Time,
 * `new Time()`, is January 1, year 1, 00:00:00 UTC. A Time from {@link now} also carries a monotonic
 * clock reading: then `after`, `before`, `equal`, `compare` and `sub` use the monotonic readings when
 * both times have one, so elapsed times stay right even when the wall clock is stepped. `add` moves both
 * readings; `round` and `truncate` strip the monotonic one (`t.round(0n)` is Go's canonical way to strip
 * it); times built from a wall value (`date`, `unix`, `parse`, ...) have none.
 *
 * @example
 * ```ts
 * import { date, Second, Time, UTC } from '@gostd/time';
 * const t = date(2009, 11, 10, 23, 0, 0, 0, UTC);
 * console.log(t.string());
 * console.log(t.add(90n * Second).string());
 * console.log(new Time().isZero(), new Time().string());
 * // Output:
 * // 2009-11-10 23:00:00 +0000 UTC
 * // 2009-11-10 23:01:30 +0000 UTC
 * // true 0001-01-01 00:00:00 +0000 UTC
 * ```
 */
export class Time extends CalendarTime {
  /** new Time returns the zero Time, January 1, year 1, 00:00:00 UTC, as Go's `time.Time{}`. */
  constructor();
  /** @internal The representation: wall seconds and nanoseconds, the monotonic reading if hasMono, the Location. */
  constructor(sec: bigint, nsec: number, mono?: bigint, hasMono?: boolean, loc?: Location);
  constructor(sec = 0n, nsec = 0, mono = 0n, hasMono = false, loc: Location = UTC) {
    super(sec, nsec, mono, hasMono, loc);
  }

  /** @internal */
  protected override make(sec: bigint, nsec: number, mono: bigint, hasMono: boolean, loc: Location): Time {
    return new Time(sec, nsec, mono, hasMono, loc);
  }

  /**
   * format returns a textual representation of the time value formatted according to the layout, which
   * defines the format by showing how the reference time, `Mon Jan 2 15:04:05 -0700 MST 2006`, would be
   * displayed if it were the value. See the layout constants (`RFC3339`, `Kitchen`, ...).
   *
   * @example
   * ```ts
   * import { date, fixedZone, RFC1123, UnixDate } from '@gostd/time';
   * const t = date(2009, 11, 10, 23, 4, 5, 123456789, fixedZone('EST', -5 * 3600));
   * console.log(t.format(UnixDate));
   * console.log(t.format(RFC1123));
   * console.log(t.format('Monday, January 2, 2006 3:04:05.000 PM -07:00 (002)'));
   * console.log(t.format('_2 __2 06 .999 ,000000'));
   * // Output:
   * // Tue Nov 10 23:04:05 EST 2009
   * // Tue, 10 Nov 2009 23:04:05 EST
   * // Tuesday, November 10, 2009 11:04:05.123 PM -05:00 (314)
   * // 10 314 09 .123 ,123456
   * ```
   */
  format(layout: string): string {
    if (typeof layout !== 'string') badArg('Time.format', 'layout', 'a string', layout);
    if (layout === RFC3339) return formatRFC3339(this, false);
    if (layout === RFC3339Nano) return formatRFC3339(this, true);
    return format(this, layout);
  }

  /**
   * appendFormat is like Format but appends the textual representation to b and returns the result (Go
   * appends to a byte slice; here b is a string).
   *
   * @example
   * ```ts
   * import { date, Kitchen, UTC } from '@gostd/time';
   * const t = date(2017, 11, 4, 11, 0, 0, 0, UTC);
   * console.log(t.appendFormat('Time: ', Kitchen));
   * // Output:
   * // Time: 11:00AM
   * ```
   */
  appendFormat(b: string, layout: string): string {
    if (typeof b !== 'string') badArg('Time.appendFormat', 'b', 'a string', b);
    return b + this.format(layout);
  }

  /**
   * string returns the time formatted using the layout "2006-01-02 15:04:05.999999999 -0700 MST",
   * followed by " m=±<value>" with the monotonic reading in seconds when t has one.
   *
   * @example
   * ```ts
   * import { date, now, UTC } from '@gostd/time';
   * console.log(date(2009, 11, 10, 23, 0, 0, 5_000_000, UTC).string());
   * console.log(/ m=\+\d+\.\d{9}$/.test(now().string()), / m=/.test(now().round(0n).string()));
   * // Output:
   * // 2009-11-10 23:00:00.005 +0000 UTC
   * // true false
   * ```
   */
  override string(): string {
    const s = format(this, stringLayout);
    if (!this.hasMono) return s;
    const m = this.mono - monoStart;
    const u = m < 0n ? -m : m;
    return `${s} m=${m < 0n ? '-' : '+'}${u / Second}.${pad9(u % Second)}`;
  }

  /** toString is string(), so template literals and String(t) print Go's form. */
  override toString(): string {
    return this.string();
  }

  /**
   * marshalJSON returns t as a JSON string in RFC 3339 format with sub-second precision (RFC3339Nano),
   * quotes included. It throws Go's error for a year outside [0,9999] or an offset of 24 hours or more.
   *
   * @example
   * ```ts
   * import { date, fixedZone } from '@gostd/time';
   * const t = date(2009, 11, 10, 23, 0, 0, 120_000_000, fixedZone('', 3600));
   * console.log(t.marshalJSON(), JSON.stringify({ t }));
   * // Output:
   * // "2009-11-10T23:00:00.12+01:00" {"t":"2009-11-10T23:00:00.12+01:00"}
   * ```
   */
  marshalJSON(): string {
    return `"${formatStrictRFC3339(this, 'Time.MarshalJSON: ')}"`;
  }

  /**
   * toJSON returns what `JSON.stringify` puts in quotes: Go's MarshalJSON form (RFC3339Nano), so
   * `JSON.stringify(t)` equals `t.marshalJSON()`.
   */
  toJSON(): string {
    return formatStrictRFC3339(this, 'Time.MarshalJSON: ');
  }

  /**
   * marshalText returns t in RFC 3339 format with sub-second precision (Go returns bytes; this returns
   * the string). It throws Go's error for a year outside [0,9999].
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * console.log(date(10000, 1, 1, 0, 0, 0, 0, UTC).format('2006') );
   * try {
   *   date(10000, 1, 1, 0, 0, 0, 0, UTC).marshalText();
   * } catch (e) {
   *   console.log((e as Error).message);
   * }
   * // Output:
   * // 10000
   * // Time.MarshalText: year outside of range [0,9999]
   * ```
   */
  marshalText(): string {
    return formatStrictRFC3339(this, 'Time.MarshalText: ');
  }

  /**
   * unmarshalJSON sets t to the time in the JSON string data (RFC 3339, as MarshalJSON writes it); the
   * JSON value null leaves t unchanged, as in Go. It throws Go's errors.
   *
   * @example
   * ```ts
   * import { Time } from '@gostd/time';
   * const t = new Time();
   * t.unmarshalJSON('"2009-11-10T23:00:00.12+01:00"');
   * console.log(t.string());
   * // Output:
   * // 2009-11-10 23:00:00.12 +0100 +0100
   * ```
   */
  unmarshalJSON(data: string): void {
    if (typeof data !== 'string') badArg('Time.unmarshalJSON', 'data', 'a string', data);
    if (data === 'null') return;
    if (data.length < 2 || data[0] !== '"' || data[data.length - 1] !== '"') {
      throw new Error('Time.UnmarshalJSON: input is not a JSON string');
    }
    this.set(parseStrict(data.slice(1, -1)));
  }

  /**
   * unmarshalText sets t to the time in data, an RFC 3339 string. It throws Go's errors.
   *
   * @example
   * ```ts
   * import { Time } from '@gostd/time';
   * const t = new Time();
   * t.unmarshalText('2006-01-02T15:04:05Z');
   * console.log(t.string());
   * // Output:
   * // 2006-01-02 15:04:05 +0000 UTC
   * ```
   */
  unmarshalText(data: string): void {
    if (typeof data !== 'string') badArg('Time.unmarshalText', 'data', 'a string', data);
    this.set(parseStrict(data));
  }

  /**
   * appendText is like marshalText but appends the text to b and returns the result (Go's AppendText,
   * Go 1.24, appends to a byte slice; here b is a string). It throws Go's errors, prefixed
   * `Time.AppendText: `.
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * console.log(date(2009, 11, 10, 23, 0, 0, 5, UTC).appendText('at '));
   * // Output:
   * // at 2009-11-10T23:00:00.000000005Z
   * ```
   */
  appendText(b: string): string {
    if (typeof b !== 'string') badArg('Time.appendText', 'b', 'a string', b);
    return b + formatStrictRFC3339(this, 'Time.AppendText: ');
  }

  /**
   * marshalBinary returns t in Go's binary encoding: a version byte, the seconds since January 1, year 1
   * UTC (int64), the nanoseconds (int32) and the zone offset in minutes (int16, -1 for UTC), big-endian,
   * and for an offset that is not a whole number of minutes (version 2) its seconds. It throws Go's error
   * for an offset it cannot encode.
   *
   * @example
   * ```ts
   * import { date, fixedZone, UTC } from '@gostd/time';
   * const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
   * console.log(hex(date(2009, 11, 10, 23, 0, 0, 0, UTC).marshalBinary()));
   * console.log(hex(date(2009, 11, 10, 23, 0, 0, 0, fixedZone('', -(3 * 3600 + 30 * 60 + 5))).marshalBinary()));
   * // Output:
   * // 010000000ec28be77000000000ffff
   * // 020000000ec28c18ad00000000ff2efb
   * ```
   */
  marshalBinary(): Uint8Array {
    return appendBinary(this, new Uint8Array(0));
  }

  /**
   * appendBinary is like marshalBinary but appends the encoding to b and returns the result, a new
   * Uint8Array (Go's AppendBinary, Go 1.24).
   *
   * @example
   * ```ts
   * import { date, UTC } from '@gostd/time';
   * const b = date(1, 1, 1, 0, 0, 1, 2, UTC).appendBinary(new Uint8Array([7]));
   * console.log(b.join(' ')); // Go: fmt.Println(b) prints [7 1 0 0 0 0 0 0 0 1 0 0 0 2 255 255]
   * // Output:
   * // 7 1 0 0 0 0 0 0 0 1 0 0 0 2 255 255
   * ```
   */
  appendBinary(b: Uint8Array): Uint8Array {
    if (!(b instanceof Uint8Array)) badArg('Time.appendBinary', 'b', 'a Uint8Array', b);
    return appendBinary(this, b);
  }

  /**
   * unmarshalBinary sets t to the time in data, as marshalBinary encodes it: in UTC, in Local when Local's
   * offset at that instant is the encoded one, or else in an unnamed fixed zone. It throws Go's errors.
   *
   * @example
   * ```ts
   * import { date, fixedZone, Time } from '@gostd/time';
   * const t = new Time();
   * t.unmarshalBinary(date(2009, 11, 10, 23, 0, 0, 0, fixedZone('EST', -5 * 3600)).marshalBinary());
   * console.log(t.string());
   * try {
   *   t.unmarshalBinary(new Uint8Array([1, 2, 3]));
   * } catch (e) {
   *   console.log((e as Error).message);
   * }
   * // Output:
   * // 2009-11-10 23:00:00 -0500 -0500
   * // Time.UnmarshalBinary: invalid length
   * ```
   */
  unmarshalBinary(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) badArg('Time.unmarshalBinary', 'data', 'a Uint8Array', data);
    this.set(decodeBinary(data, (sec, nsec, loc) => new Time(sec, nsec, 0n, false, loc)));
  }

  /**
   * gobEncode implements the gob.GobEncoder interface: it returns the bytes of marshalBinary, and throws
   * its errors (Go's GobEncode is MarshalBinary).
   *
   * @example
   * ```ts
   * import { date, fixedZone, Time, UTC } from '@gostd/time';
   * const t = date(2009, 11, 10, 23, 0, 0, 0, UTC);
   * const b = t.gobEncode();
   * console.log(Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(''));
   * const u = new Time();
   * u.gobDecode(b);
   * console.log(u.equal(t), u.string());
   * try {
   *   date(2009, 11, 10, 23, 0, 0, 0, fixedZone('', 40000 * 60)).gobEncode();
   * } catch (e) {
   *   console.log((e as Error).message);
   * }
   * // Output:
   * // 010000000ec28be77000000000ffff
   * // true 2009-11-10 23:00:00 +0000 UTC
   * // Time.MarshalBinary: unexpected zone offset
   * ```
   */
  gobEncode(): Uint8Array {
    return this.marshalBinary();
  }

  /**
   * gobDecode implements the gob.GobDecoder interface: it sets t from data as unmarshalBinary does, and
   * throws its errors (Go's GobDecode is UnmarshalBinary).
   *
   * @example
   * ```ts
   * import { Time } from '@gostd/time';
   * const t = new Time();
   * t.gobDecode(new Uint8Array([1, 0, 0, 0, 14, 194, 139, 231, 112, 0, 0, 0, 0, 255, 255]));
   * console.log(t.string());
   * try {
   *   t.gobDecode(new Uint8Array([]));
   * } catch (e) {
   *   console.log((e as Error).message);
   * }
   * // Output:
   * // 2009-11-10 23:00:00 +0000 UTC
   * // Time.UnmarshalBinary: no data
   * ```
   */
  gobDecode(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) badArg('Time.gobDecode', 'data', 'a Uint8Array', data);
    this.unmarshalBinary(data);
  }

  /**
   * goString returns t as the Go expression that makes it (Go's GoString, what `%#v` prints): a call of
   * `time.Date` with the month's name and the location as `time.UTC`, `time.Local` or
   * `time.Location("name")`.
   *
   * @example
   * ```ts
   * import { date, loadLocation, UTC } from '@gostd/time';
   * const t = date(2009, 11, 10, 23, 0, 0, 0, UTC);
   * console.log(t.goString());
   * console.log(t.in(loadLocation('America/New_York')).goString());
   * // Output:
   * // time.Date(2009, time.November, 10, 23, 0, 0, 0, time.UTC)
   * // time.Date(2009, time.November, 10, 18, 0, 0, 0, time.Location("America/New_York"))
   * ```
   */
  goString(): string {
    return goString(this);
  }

  /** Copies u's readings into this (Go's *t = u). */
  private set(u: Time): void {
    const w = this as unknown as { sec: bigint; nsec: number; mono: bigint; hasMono: boolean; loc: Location };
    w.sec = u.sec;
    w.nsec = u.nsec;
    w.mono = u.mono;
    w.hasMono = u.hasMono;
    w.loc = u.loc;
  }
}

/**
 * date returns the Time corresponding to `yyyy-mm-dd hh:mm:ss + nsec nanoseconds` in the appropriate zone
 * for that time in the given location. The month, day, hour, min, sec, and nsec values may be outside
 * their usual ranges and will be normalized during the conversion: October 32 converts to November 1.
 * In a time zone change, Date picks one of the two possible times (or one after a skipped one), as Go's
 * Date does.
 *
 * @example
 * ```ts
 * import { date, UTC } from '@gostd/time';
 * const t = date(2009, 11, 10, 23, 0, 0, 0, UTC);
 * console.log(`Go launched at ${t.local()}`);
 * console.log(date(2023, 13, 32, 25, 61, 61, 1_000_000_001, UTC).string());
 * // Output:
 * // Go launched at 2009-11-10 23:00:00 +0000 UTC
 * // 2024-02-02 02:02:02.000000001 +0000 UTC
 * ```
 */
export function date(
  year: number,
  month: number,
  day: number,
  hour: number,
  min: number,
  sec: number,
  nsec: number,
  loc: Location,
): Time {
  const args = [year, month, day, hour, min, sec, nsec];
  for (let i = 0; i < 7; i++) {
    if (!Number.isSafeInteger(args[i])) {
      badArg(
        'date',
        ['year', 'month', 'day', 'hour', 'min', 'sec', 'nsec'][i] as string,
        'an int (a safe integer number)',
        args[i],
      );
    }
  }
  if (!(loc instanceof Location)) {
    if (loc == null) throw new Error('time: missing Location in call to Date');
    badArg('date', 'loc', 'a Location', loc);
  }
  const s = dateSec(year, month, day, hour, min, sec, nsec, loc);
  return new Time(s, normNsec, 0n, false, loc);
}

/**
 * unix returns the Time corresponding to the given Unix time, sec seconds and nsec nanoseconds since
 * January 1, 1970 UTC, in Local, without a monotonic reading. It is valid to pass nsec outside [0, 999999999].
 * Both arguments are int64 bigints; one outside the int64 range throws a RangeError.
 *
 * @example
 * ```ts
 * import { unix } from '@gostd/time';
 * console.log(unix(1257894000n, 0n).utc().string());
 * console.log(unix(0n, -1n).utc().string());
 * // Output:
 * // 2009-11-10 23:00:00 +0000 UTC
 * // 1969-12-31 23:59:59.999999999 +0000 UTC
 * ```
 */
export function unix(sec: bigint, nsec: bigint): Time {
  if (!isInt64(sec)) badInt64('unix', 'sec', 'an int64', sec);
  if (!isInt64(nsec)) badInt64('unix', 'nsec', 'an int64', nsec);
  if (nsec < 0n || nsec >= Second) {
    const n = nsec / Second;
    sec = BigInt.asIntN(64, sec + n);
    nsec -= n * Second;
    if (nsec < 0n) {
      nsec += Second;
      sec = BigInt.asIntN(64, sec - 1n);
    }
  }
  return new Time(BigInt.asIntN(64, sec + unixToInternal), Number(nsec), 0n, false, Local);
}

/**
 * unixMilli returns the Time corresponding to the given Unix time, msec milliseconds since January 1, 1970
 * UTC, without a monotonic reading.
 *
 * @example
 * ```ts
 * import { unixMilli } from '@gostd/time';
 * console.log(unixMilli(1257894000123n).utc().string());
 * // Output:
 * // 2009-11-10 23:00:00.123 +0000 UTC
 * ```
 */
export function unixMilli(msec: bigint): Time {
  if (!isInt64(msec)) badInt64('unixMilli', 'msec', 'an int64', msec);
  return unix(msec / 1000n, (msec % 1000n) * 1_000_000n);
}

/**
 * unixMicro returns the Time corresponding to the given Unix time, usec microseconds since January 1,
 * 1970 UTC, without a monotonic reading.
 *
 * @example
 * ```ts
 * import { unixMicro } from '@gostd/time';
 * console.log(unixMicro(-1n).utc().string());
 * // Output:
 * // 1969-12-31 23:59:59.999999 +0000 UTC
 * ```
 */
export function unixMicro(usec: bigint): Time {
  if (!isInt64(usec)) badInt64('unixMicro', 'usec', 'an int64', usec);
  return unix(usec / 1_000_000n, (usec % 1_000_000n) * 1000n);
}

/**
 * fromDate returns the Time of a JavaScript Date, in Local, without a monotonic reading. It throws an Error for an
 * invalid Date.
 *
 * @example
 * ```ts
 * import { fromDate } from '@gostd/time';
 * console.log(fromDate(new Date('2017-01-01T00:00:00.5Z')).utc().string());
 * // Output:
 * // 2017-01-01 00:00:00.5 +0000 UTC
 * ```
 */
export function fromDate(date: Date): Time {
  if (!(date instanceof Date)) badArg('fromDate', 'date', 'a Date', date);
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error('time: fromDate of an invalid Date');
  return unixMilli(BigInt(ms));
}
