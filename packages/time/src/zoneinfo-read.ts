// Parsing TZif files (RFC 8536), the format of the tz database's compiled
// zones: a version 1 block of 32-bit transition times, then (version 2 and
// later) the same data with 64-bit times, then a footer holding a TZ rule
// for times after the last transition. Like Go, this reads the 64-bit block
// when there is one and ignores leap-second records.
import { byteText } from './byte-text';
import { badArg } from './check';
import { wallClock } from './clock';
import { alpha, Location, omega, type Zone, type ZoneTrans } from './zoneinfo';
import { tzset } from './zoneinfo-rule';

const errBadData = 'malformed time zone information';

/** Reads big-endian numbers from data, failing (returning null) past its end. */
class Reader {
  at = 0;
  /** Whether a read ran out of data; sticky, as Go's dataIO.error (a skipped block counts too). */
  error = false;
  constructor(readonly data: Uint8Array) {}
  take(n: number): Uint8Array | null {
    if (n < 0 || this.at + n > this.data.length) {
      this.at = this.data.length;
      this.error = true;
      return null;
    }
    const p = this.data.subarray(this.at, this.at + n);
    this.at += n;
    return p;
  }
  u32(): number | null {
    const p = this.take(4);
    if (p === null) return null;
    return (
      (((p[0] as number) << 24) | ((p[1] as number) << 16) | ((p[2] as number) << 8) | (p[3] as number)) >>> 0
    );
  }
}

function int32At(p: Uint8Array, i: number): number {
  return (
    ((p[i] as number) << 24) |
    ((p[i + 1] as number) << 16) |
    ((p[i + 2] as number) << 8) |
    (p[i + 3] as number)
  );
}

/** A byte string (up to its NUL) as text; tz abbreviations are ASCII. */
function cString(p: Uint8Array, from: number): string {
  let end = from;
  while (end < p.length && p[end] !== 0) end++;
  return byteText(p.subarray(from, end));
}

/**
 * loadLocationFromTZData returns a Location with the given name initialized from the IANA Time Zone
 * database-formatted data: the contents of a standard TZif file (such as `/usr/share/zoneinfo/Europe/Dublin`).
 * It throws an Error "malformed time zone information" for data it cannot read.
 *
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import { date, loadLocationFromTZData, UTC } from '@gostd/time';
 * const data = fs.readFileSync('/usr/share/zoneinfo/Asia/Kathmandu');
 * const loc = loadLocationFromTZData('Nepal', data);
 * console.log(date(2020, 1, 1, 0, 0, 0, 0, UTC).in(loc).string());
 * // Output:
 * // 2020-01-01 05:45:00 +0545 +0545
 * ```
 */
export function loadLocationFromTZData(name: string, data: Uint8Array): Location {
  if (typeof name !== 'string') badArg('loadLocationFromTZData', 'name', 'a string', name);
  if (!(data instanceof Uint8Array)) badArg('loadLocationFromTZData', 'data', 'a Uint8Array', data);
  const d = new Reader(data);
  const magic = d.take(4);
  if (magic === null || String.fromCharCode(...magic) !== 'TZif') throw new Error(errBadData);
  const head = d.take(16);
  if (head === null) throw new Error(errBadData);
  const v = head[0];
  if (v !== 0 && v !== 0x32 && v !== 0x33) throw new Error(errBadData);
  // Counts: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt.
  const counts = (): number[] => {
    const n: number[] = [];
    for (let i = 0; i < 6; i++) {
      const x = d.u32();
      if (x === null || x > 0x7fffffff) throw new Error(errBadData);
      n.push(x);
    }
    return n;
  };
  let [nUTC, nStd, nLeap, nTime, nZone, nChar] = counts() as [number, number, number, number, number, number];
  let size = 4;
  if (v !== 0) {
    // Skip the version 1 block and its successor's header, and read the 64-bit block instead.
    d.take(nTime * 5 + nZone * 6 + nChar + nLeap * 8 + nStd + nUTC + 4 + 16);
    [nUTC, nStd, nLeap, nTime, nZone, nChar] = counts() as [number, number, number, number, number, number];
    size = 8;
  }
  const times = d.take(nTime * size);
  const txZones = d.take(nTime);
  const zoneData = d.take(nZone * 6);
  const abbrev = d.take(nChar);
  d.take(nLeap * (size + 4));
  const isstd = d.take(nStd);
  const isutc = d.take(nUTC);
  // Any read past the end, the skipped leap seconds included, makes the data bad (Go: "ran out of data").
  if (d.error || !times || !txZones || !zoneData || !abbrev || !isstd || !isutc) throw new Error(errBadData);

  const rest = data.subarray(d.at);
  let extend = '';
  if (rest.length > 2 && rest[0] === 10 && rest[rest.length - 1] === 10) {
    // One character a byte, like the abbreviations: Go keeps the bytes of a name as they are.
    extend = byteText(rest.subarray(1, rest.length - 1));
  }

  if (nZone === 0) throw new Error(errBadData);
  const zones: Zone[] = [];
  for (let i = 0; i < nZone; i++) {
    const off = int32At(zoneData, i * 6);
    const ai = zoneData[i * 6 + 5] as number;
    if (ai >= abbrev.length) throw new Error(errBadData);
    zones.push({ name: cString(abbrev, ai), offset: off, isDST: zoneData[i * 6 + 4] !== 0 });
  }
  const tx: ZoneTrans[] = [];
  let rounded = false;
  for (let i = 0; i < nTime; i++) {
    let when: number;
    let exact: bigint | undefined;
    if (size === 4) when = int32At(times, i * 4);
    else {
      const hi = int32At(times, i * 8);
      const lo = int32At(times, i * 8 + 4) >>> 0;
      when = hi * 4294967296 + lo;
      // Beyond 2^53 (no tz release has such times) the float rounds: keep the exact value too.
      if (hi >= 0x200000 || hi < -0x200000) {
        exact = (BigInt(hi) << 32n) | BigInt(lo);
        rounded = true;
      }
    }
    const index = txZones[i] as number;
    if (index >= zones.length) throw new Error(errBadData);
    const t: ZoneTrans = {
      when,
      index,
      isstd: i < isstd.length && isstd[i] !== 0,
      isutc: i < isutc.length && isutc[i] !== 0,
    };
    if (exact !== undefined) t.exact = exact;
    tx.push(t);
  }
  if (tx.length === 0) tx.push({ when: alpha, index: 0, isstd: false, isutc: false });

  const l = new Location(name, zones, tx, extend);
  l.rounded = rounded;
  // Cache the zone in force now, as Go does: most lookups are for the present.
  const sec = Math.floor(wallClock() / 1000);
  for (let i = 0; i < tx.length; i++) {
    const t = tx[i] as ZoneTrans;
    const next = tx[i + 1];
    if (t.when <= sec && (next === undefined || sec < next.when)) {
      l.cacheStart = t.when;
      l.cacheEnd = omega;
      l.cacheZone = zones[t.index] as Zone;
      let startExact = t.exact ?? null;
      let endExact: bigint | null = null;
      if (next !== undefined) {
        l.cacheEnd = next.when;
        endExact = next.exact ?? null;
      } else if (extend !== '') {
        const r = tzset(extend, l.cacheStart, sec, null, startExact);
        if (r !== null) {
          l.cacheStart = r.start;
          l.cacheEnd = r.end;
          startExact = r.startExact;
          endExact = r.endExact;
          l.cacheZone = zones.find(
            (z) => z.name === r.name && z.offset === r.offset && z.isDST === r.isDST,
          ) ?? {
            name: r.name,
            offset: r.offset,
            isDST: r.isDST,
          };
        }
      }
      if (startExact !== null || endExact !== null) {
        l.cacheExact = [l.cacheZone, startExact, endExact];
        l.cacheZone = null;
      }
      break;
    }
  }
  return l;
}
