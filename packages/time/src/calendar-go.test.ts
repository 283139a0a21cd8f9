// Differential tests against the machine's Go (testdata/calendar.go): seeded random times over Go's whole
// range and near the zone transitions of zones with odd rules (Lord Howe's half-hour DST, Dublin's
// negative DST, Chatham's +12:45, Casablanca's Ramadan changes, St John's -3:30, Kathmandu's +5:45), in
// random layouts (Go's named ones and random compositions of every element): every calendar field, zone,
// ZoneBounds, String, Format, ParseInLocation and Parse of the formatted text and of mutations of it
// (values and error texts), AddDate, MarshalJSON, and Date with out-of-range fields. Go reads the same
// TZif files. TZ is UTC in the test environment, for both.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goRun, requireGo, SplitMix64 } from '@gostd/testing';
import { describe, expect, it } from 'vitest';
import {
  date,
  fixedZone,
  Local,
  type Location,
  loadLocation,
  parse,
  parseInLocation,
  type Time,
  unix,
} from './index';
import * as layouts from './layouts';
import { layoutElements, mutate, oddZones } from './testdata/seeded';

const oracle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata/calendar.go');

// Seeded: the same cases on every run (GOSTD_TIME_SEED picks others).
const rng = new SplitMix64(BigInt(process.env.GOSTD_TIME_SEED ?? 20261129));
const int64 = () => rng.int64();
const below = (n: number) => rng.below(n);
const pick = <T>(xs: readonly T[]): T => rng.pick(xs);

/**
 * Any safe integer, of a random magnitude (2^0 to 2^53, the ends often): where Go's int arithmetic in Date
 * and AddDate is far from JavaScript's float64 (sums past 2^53, years before the absolute epoch that wrap
 * through a uint64).
 */
function anyInt(): number {
  const r = below(8);
  if (r === 0) return pick([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 52, -(2 ** 52)]);
  const n = Number(BigInt.asUintN(53, rng.int64()) >> BigInt(below(53)));
  return r < 5 ? n : -n;
}

const odd = oddZones;
const zoneNames = [
  ...odd,
  ...odd,
  'UTC',
  'Local',
  'America/Los_Angeles',
  'fixed:19800',
  'fixed:-12345',
  'fixed:0',
  'fixed:50400',
  // Offsets no TZif file holds (fixedZone takes any int, as Go's does): past int32, and up to 2^53.
  'fixed:2147483648',
  'fixed:-1099511627776',
  'fixed:9007199254740991',
  'fixed:-9007199254740991',
];
function zone(name: string): Location {
  if (name.startsWith('fixed:')) return fixedZone('', Number(name.slice(6)));
  if (name === 'Local') return Local;
  return loadLocation(name);
}

/** Unix seconds: around the zone's transitions (recorded and by its rule), ordinary, and Go's whole range. */
function seconds(loc: Location): bigint {
  const r = below(10);
  const near = [0, 1, -1, 2, -2, 59, -60, 1800, -1800, 3600, -3600, 5400, 86400, -86400];
  if (r < 4 && loc.tx.length > 1) {
    const tx = pick(loc.tx).when;
    if (Number.isFinite(tx)) return BigInt(tx + pick(near));
  }
  if (r < 6) {
    // A time in 2030-2400, moved to a zone boundary found by the rule, then nudged.
    const t = unix(BigInt(1893456000 + below(370 * 365 * 86400)), 0n).in(loc);
    const [start, end] = t.zoneBounds();
    const b = pick([start, end]);
    if (!b.isZero()) return b.unix() + BigInt(pick(near));
    return t.unix();
  }
  if (r < 8) return BigInt(below(6_000_000_000) - 3_000_000_000);
  if (r === 8) return int64() >> BigInt(20 + below(40));
  return int64() >> BigInt(below(3)); // the extremes of int64, where Go's arithmetic wraps
}

const elements = layoutElements;
const seps = ['', ' ', '-', ':', '/', 'T', ', ', '.', '_', ' at ', '(', ')'];
const named = Object.values(layouts);

function layout(): string {
  if (below(3) === 0) return pick(named);
  let s = '';
  for (let n = 1 + below(6); n > 0; n--) s += pick(seps) + pick(elements);
  return s;
}

const noise = [
  '0',
  '9',
  '1',
  ' ',
  '-',
  '+',
  ':',
  '.',
  ',',
  'Z',
  'T',
  'a',
  'PM',
  'Jan',
  'x',
  '\u00e9',
  '24',
  '60',
  '99',
];

function describeTime(t: Time): string {
  const [y, mo, d] = t.date();
  const [h, mi, s] = t.clock();
  const [name, off] = t.zone();
  const [iy, iw] = t.isoWeek();
  const [start, end] = t.zoneBounds();
  return (
    `${y} ${mo} ${d} ${h}:${mi}:${s}.${t.nanosecond()} wd=${t.weekday()} yd=${t.yearDay()} iso=${iy}-${iw} ` +
    `zone=${name}/${off} dst=${t.isDST()} unix=${t.unix()} bounds=${start.unix()},${start.isZero()}/` +
    `${end.unix()},${end.isZero()} str=${t.string()}`
  );
}

function parseResult(f: () => Time): string {
  try {
    const t = f();
    const [name, off] = t.zone();
    return `${t.unix()}.${String(t.nanosecond()).padStart(9, '0')} ${name} ${off} ${t.location().string()}`;
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

function attempt(f: () => string): string {
  try {
    return f();
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe.skipIf(!requireGo('@gostd/time calendar differential tests against Go'))('against real Go', () => {
  const times = Array.from({ length: 3000 }, () => {
    const zoneName = pick(zoneNames);
    const loc = zone(zoneName);
    const sec = seconds(loc);
    const nsec = below(3) === 0 ? 0 : below(1e9);
    const lay = layout();
    const t = unix(sec, BigInt(nsec)).in(loc);
    const formatted = t.format(lay);
    const value = below(3) === 0 ? mutate(formatted, 2, rng, noise) : formatted;
    const big = below(10);
    return {
      sec: String(sec),
      nsec,
      zone: zoneName,
      layout: lay,
      value,
      years: big === 0 ? below(20001) - 10000 : big === 1 ? anyInt() : below(7) - 3,
      months: big === 0 ? below(2001) - 1000 : big === 1 ? anyInt() : below(25) - 12,
      days: big === 0 ? below(2_000_001) - 1_000_000 : big === 1 ? anyInt() : below(801) - 400,
    };
  });
  const dates = Array.from({ length: 2000 }, () => {
    const zoneName = pick(zoneNames);
    const r = below(4);
    const args =
      r === 3
        ? Array.from({ length: 7 }, () => (below(2) === 0 ? anyInt() : below(61) - 30))
        : r === 0
          ? [
              below(400) + 1800,
              below(14) - 1,
              below(33) - 1,
              below(26) - 1,
              below(61),
              below(61),
              below(2e9) - 1e9,
            ]
          : r === 1
            ? [
                below(40) + 2000,
                below(12) + 1,
                below(31) + 1,
                below(5),
                pick([0, 15, 29, 30, 44, 45, 59]),
                0,
                0,
              ]
            : [
                below(2e9) - 1e9,
                below(1e6) - 5e5,
                below(1e7) - 5e6,
                below(1e6) - 5e5,
                below(1e6) - 5e5,
                below(1e8) - 5e7,
                below(2e9) - 1e9,
              ];
    return { args, zone: zoneName };
  });
  let answer: { times: Record<string, string>[]; dates: Record<string, string>[] };

  it('runs the Go oracle', () => {
    answer = JSON.parse(goRun(oracle, [], JSON.stringify({ times, dates })));
    const parsed = answer.times.filter((a) => !a.parseInLocation?.startsWith('error')).length;
    console.log(
      `compared with Go: ${times.length} times x (19 fields, String, Format, ParseInLocation, Parse, AddDate, MarshalJSON) ` +
        `(${parsed} parsed, ${times.length - parsed} parse errors), ${dates.length} Date calls`,
    );
  });

  it('fields, zones, String, Format, Parse, AddDate and MarshalJSON equal Go’s', () => {
    const bad: unknown[] = [];
    times.forEach((c, i) => {
      const loc = zone(c.zone);
      const t = unix(BigInt(c.sec), BigInt(c.nsec)).in(loc);
      const ours = {
        describe: describeTime(t),
        format: t.format(c.layout),
        parseInLocation: parseResult(() => parseInLocation(c.layout, c.value, loc)),
        parse: parseResult(() => parse(c.layout, c.value)),
        addDate: attempt(() => describeTime(t.addDate(c.years, c.months, c.days))),
        json: attempt(() => t.marshalJSON()),
      };
      const go = answer.times[i] as Record<string, string>;
      for (const [k, v] of Object.entries(ours))
        if (v !== go[k]) bad.push({ case: c, what: k, ours: v, go: go[k] });
    });
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('Date with out-of-range fields equals Go’s', () => {
    const bad: unknown[] = [];
    dates.forEach((c, i) => {
      const [y, mo, d, h, mi, s, ns] = c.args as [number, number, number, number, number, number, number];
      const ours = attempt(() => describeTime(date(y, mo, d, h, mi, s, ns, zone(c.zone))));
      const go = (answer.dates[i] as Record<string, string>).describe;
      if (ours !== go) bad.push({ case: c, ours, go });
    });
    expect(bad.slice(0, 5)).toEqual([]);
  });
});
