// Go's own tables for the calendar, Format and Parse, from $GOROOT/src/time/format_test.go and
// time_test.go (ported as data in testdata/go-tables.ts). Go's tests run with Local set to
// America/Los_Angeles (ForceUSPacificForTesting); here that zone is loaded and used where Go uses Local.
import { describe, expect, it } from 'vitest';
import { daysIn } from './calendar';
import {
  date,
  fixedZone,
  type Location,
  loadLocation,
  Month,
  parse,
  parseInLocation,
  RFC3339,
  type Time,
  UTC,
  unix,
  Weekday,
} from './index';
import { parseTimeZone } from './parse';
import * as tables from './testdata/go-tables';

const pacific = loadLocation('America/Los_Angeles');
type Call = { call: string; args: unknown[] };
type Row = unknown[];

/** Evaluates a table's {call, args} record: Date(...), FixedZone(...), and the names UTC and Local. */
function value(v: unknown): unknown {
  if (v === 'UTC') return UTC;
  if (v === 'Local') return pacific;
  if (v && typeof v === 'object' && 'call' in v) {
    const { call, args } = v as Call;
    const a = args.map(value);
    if (call === 'Date')
      return date(...(a as [number, number, number, number, number, number, number, Location]));
    if (call === 'FixedZone') return fixedZone(a[0] as string, a[1] as number);
    throw new Error(`no ${call}`);
  }
  return v;
}

describe('format_test.go', () => {
  it('formatTests: Unix(0, 1233810057012345600) in US Pacific time', () => {
    const t = unix(0n, 1233810057012345600n).in(pacific);
    const got = (tables.formatTests as Row[]).map(([name, layout]) => [name, t.format(layout as string)]);
    expect(got).toEqual((tables.formatTests as Row[]).map(([name, , result]) => [name, result]));
  });

  it('parseTests: every value is Thu Feb  4 21:00:57.012345678 PST 2010 to the precision it has', () => {
    for (const [name, layout, val, hasTZ, hasWD, yearSign, fracDigits] of tables.parseTests as Row[]) {
      const t = parseInLocation(layout as string, val as string, pacific);
      const nsec = Number(`012345678`.slice(0, fracDigits as number).padEnd(9, '0'));
      const [, offset] = t.zone();
      const got = {
        name,
        val,
        year: (yearSign as number) >= 0 ? (yearSign as number) * t.year() : 2010,
        date: [t.month(), t.day(), t.hour(), t.minute(), t.second(), t.nanosecond()],
        offset: hasTZ ? offset : -28800,
        weekday: hasWD ? t.weekday() : 4,
      };
      expect(got).toEqual({
        name,
        val,
        year: 2010,
        date: [2, 4, 21, 0, 57, nsec],
        offset: -28800,
        weekday: 4,
      });
    }
  });

  it('parseErrorTests: Go’s error texts', () => {
    for (const [layout, val, want] of tables.parseErrorTests as Row[]) {
      expect(() => parse(layout as string, val as string), `${layout} ${val}`).toThrow(want as string);
    }
  });

  it('parseTimeZoneTests', () => {
    for (const [val, length, ok] of tables.parseTimeZoneTests as Row[]) {
      const n = parseTimeZone(val as string);
      expect([val, n > 0, ok ? n : 0]).toEqual([val, ok, length]);
    }
  });

  it('dayOutOfRangeTests and monthOutOfRangeTests', () => {
    for (const [val, ok] of tables.dayOutOfRangeTests as Row[]) {
      const f = () => parse('Mon Jan _2 15:04:05 2006', val as string);
      if (ok) expect(f).not.toThrow();
      else expect(f).toThrow(`parsing time ${JSON.stringify(val)}: day out of range`);
    }
    for (const [val, ok] of tables.monthOutOfRangeTests as Row[]) {
      const f = () => parse('01-02', val as string);
      if (ok) expect(f).not.toThrow();
      else expect(f).toThrow(`parsing time ${JSON.stringify(val)}: month out of range`);
    }
  });

  it('longFractionalDigitsTests: digits past the ninth are dropped', () => {
    for (const [val, want] of tables.longFractionalDigitsTests as Row[]) {
      for (const layout of [RFC3339, '2006-01-02T15:04:05.999999999Z07:00']) {
        expect([val, parse(layout, val as string).nanosecond()]).toEqual([val, want]);
      }
    }
  });

  it('secondsTimeZoneOffsetTests: parse and format offsets with seconds', () => {
    for (const [layout, val, offset] of tables.secondsTimeZoneOffsetTests as Row[]) {
      const t = parse(layout as string, val as string);
      expect([val, t.zone()[1]]).toEqual([val, offset]);
      expect(t.format(layout as string)).toBe(val);
    }
  });

  it('rfc3339Formats: format and parse back', () => {
    for (const [time, want] of tables.rfc3339Formats as Row[]) {
      const t = value(time) as Time;
      expect(t.format(RFC3339)).toBe(want);
      expect(parse(RFC3339, want as string).equal(t)).toBe(true);
    }
  });

  it('TestNoonIs12PM, TestMidnightIs12AM, Test12PMIsNoon, Test12AMIsMidnight, TestUnderscoreTwoThousand', () => {
    expect(date(0, 1, 1, 12, 0, 0, 0, UTC).format('3:04PM')).toBe('12:00PM');
    expect(date(0, 1, 1, 0, 0, 0, 0, UTC).format('3:04PM')).toBe('12:00AM');
    expect(parse('3:04PM', '12:00PM').hour()).toBe(12);
    expect(parse('3:04PM', '12:00AM').hour()).toBe(0);
    const t = parse('2006_01_02_15_04_05', '2011_07_03_20_55_15').utc();
    expect(t.format('2006_01_02_15_04_05')).toBe('2011_07_03_20_55_15');
    expect(parse('Jan _2 002 2006', 'Feb  4 035 2010').yearDay()).toBe(35);
  });
});

describe('time_test.go', () => {
  const parsed = (t: Time) => {
    const [y, mo, d] = t.date();
    const [h, mi, s] = t.clock();
    const [name, offset] = t.zone();
    return [y, mo, d, h, mi, s, t.nanosecond(), t.weekday(), offset, name];
  };
  it('utctests, nanoutctests, localtests, nanolocaltests', () => {
    for (const [sec, golden] of tables.utctests as Row[])
      expect(parsed(unix(BigInt(sec as number), 0n).utc())).toEqual(golden);
    for (const [sec, golden] of tables.nanoutctests as Row[]) {
      const g = golden as number[];
      expect(parsed(unix(BigInt(sec as number), BigInt(g[6] as number)).utc())).toEqual(golden);
    }
    for (const [sec, golden] of tables.localtests as Row[])
      expect(parsed(unix(BigInt(sec as number), 0n).in(pacific))).toEqual(golden);
    for (const [sec, golden] of tables.nanolocaltests as Row[]) {
      const g = golden as number[];
      expect(parsed(unix(BigInt(sec as number), BigInt(g[6] as number)).in(pacific))).toEqual(golden);
    }
  });

  it('dateTests: Date normalises and picks Go’s side of DST changes', () => {
    for (const row of tables.dateTests as Row[]) {
      const [y, mo, d, h, mi, s, ns, z, want] = row.map(value) as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        Location,
        number,
      ];
      expect([row.slice(0, 7), date(y, mo, d, h, mi, s, ns, z).unix()]).toEqual([
        row.slice(0, 7),
        BigInt(want),
      ]);
    }
  });

  it('isoWeekTests and yearDayTests', () => {
    for (const [y, m, d, yex, wex] of tables.isoWeekTests as number[][]) {
      expect([y, m, d, ...date(y as number, m as number, d as number, 0, 0, 0, 0, UTC).isoWeek()]).toEqual([
        y,
        m,
        d,
        yex,
        wex,
      ]);
    }
    const zones = [UTC, fixedZone('', -18000), fixedZone('', 3600), pacific];
    for (const [y, m, d, yday] of tables.yearDayTests as number[][]) {
      for (const z of zones)
        expect([y, m, d, date(y as number, m as number, d as number, 0, 0, 0, 0, z).yearDay()]).toEqual([
          y,
          m,
          d,
          yday,
        ]);
    }
  });

  it('addDateTests and daysInTests', () => {
    const t0 = date(2011, 11, 18, 7, 56, 35, 0, UTC);
    const t1 = date(2016, 3, 19, 7, 56, 35, 0, UTC);
    for (const [y, m, d] of tables.addDateTests as number[][])
      expect(t0.addDate(y as number, m as number, d as number).equal(t1)).toBe(true);
    const t2 = date(1899, 12, 31, 0, 0, 0, 0, UTC);
    expect(
      unix(0n, 0n)
        .addDate(0, 0, Number(t2.unix() / 86400n))
        .equal(t2),
    ).toBe(true);
    for (const [y, m, di] of tables.daysInTests as number[][])
      expect(daysIn(m as number, y as number)).toBe(di);
  });

  it('jsonTests: MarshalJSON and UnmarshalJSON', () => {
    for (const [time, json] of tables.jsonTests as Row[]) {
      const t = value(time) as Time;
      expect(t.marshalJSON()).toBe(json);
      expect(JSON.stringify(t)).toBe(json);
      const u = date(1, 1, 1, 0, 0, 0, 0, UTC);
      u.unmarshalJSON(json as string);
      expect(u.equal(t)).toBe(true);
    }
  });

  it('TestMarshalInvalidTimes and TestUnmarshalInvalidTimes', () => {
    expect(() => date(10000, 1, 1, 0, 0, 0, 0, UTC).marshalJSON()).toThrow(
      'Time.MarshalJSON: year outside of range [0,9999]',
    );
    expect(() => date(-998, 1, 1, 0, 0, 0, 0, UTC).add(-1n).marshalJSON()).toThrow(
      'Time.MarshalJSON: year outside of range [0,9999]',
    );
    expect(() => date(0, 1, 1, 0, 0, 0, 0, UTC).add(-1n).marshalJSON()).toThrow(
      'Time.MarshalJSON: year outside of range [0,9999]',
    );
    expect(() => date(2020, 1, 1, 0, 0, 0, 0, fixedZone('', 24 * 3600)).marshalJSON()).toThrow(
      'Time.MarshalJSON: timezone hour outside of range [0,23]',
    );
    expect(() => date(2020, 1, 1, 0, 0, 0, 0, fixedZone('', 123456789)).marshalJSON()).toThrow(
      'Time.MarshalJSON: timezone hour outside of range [0,23]',
    );
    const t = date(1, 1, 1, 0, 0, 0, 0, UTC);
    expect(() => t.unmarshalJSON('{}')).toThrow('Time.UnmarshalJSON: input is not a JSON string');
    expect(() => t.unmarshalJSON('[]')).toThrow('Time.UnmarshalJSON: input is not a JSON string');
    // Go 1.26 accepts these (its strict checks are switched off: format_rfc3339.go's `case true`).
    for (const ok of [
      '2000-01-01T1:12:34Z',
      '2000-01-01T00:00:00,000Z',
      '2000-01-01T00:00:00+24:00',
      '2000-01-01T00:00:00+00:60',
    ]) {
      expect(() => t.unmarshalJSON(`"${ok}"`)).not.toThrow();
      expect(() => t.unmarshalText(ok)).not.toThrow();
    }
    const bad =
      'parsing time "2000-01-01T00:00:00+123:45" as "2006-01-02T15:04:05Z07:00": cannot parse "+123:45" as "Z07:00"';
    expect(() => t.unmarshalJSON('"2000-01-01T00:00:00+123:45"')).toThrow(bad);
    expect(() => t.unmarshalText('2000-01-01T00:00:00+123:45')).toThrow(bad);
    t.unmarshalJSON('null');
    expect(t.isZero()).toBe(false);
  });

  it('TestZeroMonthString and TestWeekdayString', () => {
    expect(Month.string(0)).toBe('%!Month(0)');
    expect(Weekday.string(7)).toBe('%!Weekday(7)');
    expect(Weekday.string(-1)).toBe('%!Weekday(18446744073709551615)');
  });
});
