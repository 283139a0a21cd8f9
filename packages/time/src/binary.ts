// Go's binary encoding of a Time (time.go's AppendBinary, MarshalBinary, UnmarshalBinary) and GoString
// (format.go). Version 1: a version byte, the int64 seconds since January 1, year 1 UTC, the int32
// nanoseconds and the int16 zone offset in minutes (-1 for UTC), all big-endian: 15 bytes. Version 2
// (offsets that are not whole minutes) adds the offset's remaining seconds as a byte: 16 bytes.
import { longMonthNames } from './calendar';
import { quote } from './quote';
import type { Time } from './time';
import { fixedZone, Local, type Location, UTC } from './zoneinfo';

const timeBinaryVersionV1 = 1;
const timeBinaryVersionV2 = 2;

/** b followed by Go's binary encoding of t; throws Go's error for an offset it cannot encode. */
export function appendBinary(t: Time, b: Uint8Array): Uint8Array {
  let offsetMin: number; // minutes east of UTC; -1 is UTC
  let offsetSec = 0;
  let version = timeBinaryVersionV1;
  if (t.location() === UTC) {
    offsetMin = -1;
  } else {
    let offset = t.zone()[1];
    if (offset % 60 !== 0) {
      version = timeBinaryVersionV2;
      offsetSec = offset % 60; // Go's int8(offset % 60), sign of the offset
    }
    offset = Math.trunc(offset / 60);
    if (offset < -32768 || offset === -1 || offset > 32767) {
      throw new Error('Time.MarshalBinary: unexpected zone offset');
    }
    offsetMin = offset;
  }
  const out = new Uint8Array(b.length + (version === timeBinaryVersionV2 ? 16 : 15));
  out.set(b);
  const view = new DataView(out.buffer, b.length);
  view.setUint8(0, version);
  view.setBigInt64(1, t.sec);
  view.setInt32(9, t.nsec);
  view.setInt16(13, offsetMin);
  if (version === timeBinaryVersionV2) view.setInt8(15, offsetSec);
  return out;
}

/**
 * The Time encoded in data by appendBinary, in UTC, Local (when Local's offset at that instant is the
 * encoded one) or an unnamed fixed zone, as Go's UnmarshalBinary decodes it; throws Go's errors.
 */
export function decodeBinary(
  data: Uint8Array,
  make: (sec: bigint, nsec: number, loc: Location) => Time,
): Time {
  if (data.length === 0) throw new Error('Time.UnmarshalBinary: no data');
  const version = data[0];
  if (version !== timeBinaryVersionV1 && version !== timeBinaryVersionV2) {
    throw new Error('Time.UnmarshalBinary: unsupported version');
  }
  if (data.length !== (version === timeBinaryVersionV2 ? 16 : 15)) {
    throw new Error('Time.UnmarshalBinary: invalid length');
  }
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  const sec = view.getBigInt64(1);
  const nsec = view.getInt32(9);
  // Go reads the seconds byte unsigned: a negative remainder written by MarshalBinary comes back as
  // 256 less than it went in. Go does the same.
  const offset = view.getInt16(13) * 60 + (version === timeBinaryVersionV2 ? view.getUint8(15) : 0);
  if (nsec < 0 || nsec > 999_999_999) {
    // Go keeps such a value in a Time whose other readings it then misreads; see README, Deviations.
    throw new Error('Time.UnmarshalBinary: nanoseconds out of range');
  }
  if (offset === -60) return make(sec, nsec, UTC);
  if (make(sec, nsec, Local).zone()[1] === offset) return make(sec, nsec, Local);
  return make(sec, nsec, fixedZone('', offset));
}

/** Go's GoString: t as the Go expression that makes it, `time.Date(2009, time.November, ...)`. */
export function goString(t: Time): string {
  const [year, month, day] = t.date();
  const [hour, min, sec] = t.clock();
  const loc = t.location();
  const where =
    loc === UTC ? 'time.UTC' : loc === Local ? 'time.Local' : `time.Location(${quote(loc.string())})`;
  return `time.Date(${year}, time.${longMonthNames[month - 1]}, ${day}, ${hour}, ${min}, ${sec}, ${t.nanosecond()}, ${where})`;
}
