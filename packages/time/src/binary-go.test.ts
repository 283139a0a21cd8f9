// Differential test of the binary and text encodings and GoString against the machine's Go
// (testdata/binary.go): seeded random times over Go's whole range in UTC, Local, the odd zones and fixed
// zones (odd seconds, offsets MarshalBinary cannot encode), through MarshalBinary, AppendBinary,
// AppendText, GoString and GobEncode; and random and mutated encodings through UnmarshalBinary and
// GobDecode (values, zones and error texts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goRun, requireGo, SplitMix64 } from '@gostd/testing';
import { describe, expect, it } from 'vitest';
import { oddZones } from './testdata/seeded';
import { Time, unix } from './time';
import { fixedZone, Local, type Location, UTC } from './zoneinfo';
import { loadLocation } from './zoneinfo-load';

const oracle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata/binary.go');
const rng = new SplitMix64(BigInt(process.env.GOSTD_TIME_SEED ?? 20261130));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const fixedOffsets = [
  0,
  3600,
  -18000,
  3601,
  -3601,
  -59,
  -61,
  -119,
  45 * 60 + 7,
  32767 * 60,
  32768 * 60,
  -32768 * 60,
  -32769 * 60,
  86399,
  -86399,
];

function zoneName(): string {
  const k = rng.below(4);
  if (k === 0) return 'UTC';
  if (k === 1) return 'Local';
  if (k === 2) return rng.pick([...oddZones, 'America/New_York']);
  const off = rng.below(2) ? rng.pick(fixedOffsets) : rng.below(2 * 50400 + 1) - 50400;
  return `fixed:${off}:${rng.pick(['', 'X', 'EST', 'Z"q'])}`;
}

function location(zone: string): Location {
  if (zone === 'UTC') return UTC;
  if (zone === 'Local') return Local;
  if (zone.startsWith('fixed:')) {
    const [, off = '0', name = ''] = /^fixed:(-?\d+):(.*)$/s.exec(zone) ?? [];
    return fixedZone(name, Number(off));
  }
  return loadLocation(zone);
}

function unixSec(): bigint {
  switch (rng.below(3)) {
    case 0:
      return BigInt(rng.below(4_102_444_800)); // 1970-2100
    case 1:
      return BigInt(rng.below(2 * 253_402_300_800)) - 253_402_300_800n; // years -6000..9999
    default:
      return rng.int64() >> BigInt(rng.below(64)); // anywhere in int64
  }
}

const attempt = (f: () => string) => {
  try {
    return f();
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
};

describe.skipIf(!requireGo('@gostd/time binary encoding differential tests against Go'))(
  'against real Go',
  () => {
    it('MarshalBinary, AppendBinary, AppendText, GoString, GobEncode, UnmarshalBinary and GobDecode answer as Go does', () => {
      const times = Array.from({ length: 1500 }, () => ({
        unix: unixSec(),
        nsec: BigInt(rng.below(1_000_000_000)),
        zone: zoneName(),
      }));
      const ts = times.map((x) => unix(x.unix, x.nsec).in(location(x.zone)));
      const blobs: string[] = [];
      for (const t of ts) {
        const b = attempt(() => hex(t.marshalBinary()));
        if (b.startsWith('error')) continue;
        blobs.push(b);
        // a mutation: a byte changed (keeping the nanoseconds in range), or the length changed
        const bytes = Buffer.from(b, 'hex');
        const k = rng.below(4);
        if (k === 0) bytes[13 + rng.below(bytes.length - 13)] = rng.below(256);
        else if (k === 1) bytes[0] = rng.below(4);
        else if (k === 2) bytes[1 + rng.below(8)] = rng.below(256);
        blobs.push(k === 3 ? hex(bytes.subarray(0, rng.below(bytes.length + 1))) : hex(bytes));
      }
      blobs.push('', '00', '03000000000000000000000000ffff');
      // int64s go as raw JSON numbers (JSON.stringify has no bigints; Number() is exact only below 2^53).
      const exact = JSON.stringify({
        times: times.map((x) => ({ ...x, unix: `@${x.unix}@`, nsec: Number(x.nsec) })),
        blobs,
      }).replace(/"@(-?\d+)@"/g, '$1');
      const answer = JSON.parse(goRun(oracle, [], exact)) as {
        times: { bin: string; append: string; text: string; goString: string; gob: string }[];
        blobs: { string: string; location: string; err: string; gob: string }[];
      };
      const gotTimes = ts.map((t) => ({
        bin: attempt(() => hex(t.marshalBinary())),
        append: attempt(() => hex(t.appendBinary(new Uint8Array([7])))),
        text: attempt(() => t.appendText('at ')),
        goString: t.goString(),
        gob: attempt(() => hex(t.gobEncode())),
      }));
      const gotBlobs = blobs.map((h) => {
        const t = new Time();
        const g = new Time();
        const gob = attempt(() => {
          g.gobDecode(new Uint8Array(Buffer.from(h, 'hex')));
          return g.string();
        });
        try {
          t.unmarshalBinary(new Uint8Array(Buffer.from(h, 'hex')));
          return { string: t.string(), location: t.location().string(), err: '', gob };
        } catch (e) {
          return { string: '', location: '', err: (e as Error).message, gob };
        }
      });
      for (let i = 0; i < ts.length; i++)
        expect([i, times[i], gotTimes[i]]).toEqual([i, times[i], answer.times[i]]);
      for (let i = 0; i < blobs.length; i++)
        expect([i, blobs[i], gotBlobs[i]]).toEqual([i, blobs[i], answer.blobs[i]]);
      const errors = gotTimes.filter((t) => t.bin.startsWith('error')).length;
      console.log(
        `compared with Go: ${ts.length} times x 5 encodings (${errors} MarshalBinary errors), ${blobs.length} UnmarshalBinary and GobDecode inputs`,
      );
    });
  },
);

describe('UnmarshalBinary of nanoseconds outside [0, 999999999] (README, Deviations)', () => {
  it('throws where Go makes a Time it then misreads', () => {
    for (const nsec of [1_000_000_000, 0x3fffffff, -1, -0x80000000]) {
      const data = new Uint8Array(15);
      const view = new DataView(data.buffer);
      view.setUint8(0, 1);
      view.setInt32(9, nsec);
      view.setInt16(13, -1);
      const t = new Time();
      expect(() => t.unmarshalBinary(data)).toThrow('Time.UnmarshalBinary: nanoseconds out of range');
      expect(t.isZero()).toBe(true);
    }
  });
});
