// Properties of Format and Parse, checked by fast-check: a layout that keeps every field parses back to
// the same instant (in zones with odd offsets, seconds included, across years 0 to 9999), and Parse never
// hangs or throws anything but a ParseError, whatever the layout and value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fixedZone,
  type Location,
  loadLocation,
  ParseError,
  parse,
  parseInLocation,
  RFC3339,
  RFC3339Nano,
  UTC,
  unix,
} from './index';
import { layoutElements, oddZones } from './testdata/seeded';

const zones: Location[] = [UTC, fixedZone('', -12345), ...oddZones.map(loadLocation)];
const keepAll = [
  RFC3339Nano,
  '2006-01-02T15:04:05.000000000Z07:00:00',
  '2006 002 15:04:05,999999999 -070000',
  // Not MST: Go cannot parse back a numeric abbreviation such as +1245 (parseTimeZone takes +hh only).
  'Monday, January 2 2006 3:04:05.000000000 PM -07:00:00',
];
const runs = { numRuns: Number(process.env.FC_RUNS ?? 2000) };

describe('format then parse', () => {
  it('gives back the same instant and text for layouts that keep every field', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -62167219200n, max: 253402300799n }),
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.constantFrom(...zones),
        fc.constantFrom(...keepAll),
        (sec, nsec, loc, layout) => {
          const t = unix(sec, BigInt(nsec)).in(loc);
          if (t.year() < 0 || t.year() > 9999) return; // four-digit years only
          // RFC 3339 offsets have no seconds: old local mean times (Dublin's -0:25:21) need the others.
          if (layout === RFC3339Nano && t.zone()[1] % 60 !== 0) return;
          const s = t.format(layout);
          const u = parseInLocation(layout, s, loc);
          expect([s, u.equal(t)]).toEqual([s, true]);
          expect(u.format(layout)).toBe(s);
        },
      ),
      runs,
    );
  });

  it('RFC3339 round-trips whole seconds and keeps the offset', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -62135596800n, max: 253402300799n }),
        fc.constantFrom(...zones),
        (sec, loc) => {
          const t = unix(sec, 0n).in(loc);
          if (t.year() < 1 || t.year() > 9999 || Math.abs(t.zone()[1]) % 60 !== 0) return;
          const s = t.format(RFC3339);
          const u = parse(RFC3339, s);
          expect(u.equal(t)).toBe(true);
          expect(u.format(RFC3339)).toBe(s);
        },
      ),
      runs,
    );
  });
});

const element = fc.constantFrom(...layoutElements, ' ', ':', '-', 'T', 'x');

describe('parse never hangs or crashes', () => {
  it('answers a Time or throws a ParseError for any layout and value, quickly', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(element, { maxLength: 8 }).map((a) => a.join('')),
          fc.string({ unit: 'binary', maxLength: 40 }),
        ),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.string({ unit: fc.constantFrom(...'0123456789 :-+.,TZJanMonPMGT'), maxLength: 60 }),
        ),
        (layout, value) => {
          const start = performance.now();
          try {
            parse(layout, value);
          } catch (e) {
            if (!(e instanceof ParseError)) throw e;
          }
          // A hang would take far longer; 1 s leaves room for pauses on a loaded machine.
          expect(performance.now() - start).toBeLessThan(1000);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 20000) },
    );
  });

  it('takes linear time on long inputs', () => {
    const long = '1'.repeat(200_000);
    const start = performance.now();
    expect(() => parse('2006-01-02', long)).toThrow(ParseError);
    expect(parse('.999999999', `.${long}`).nanosecond()).toBe(111_111_111);
    expect(() => parse(`${' '.repeat(100_000)}2006`, `${' '.repeat(100_000)}x`)).toThrow(ParseError);
    expect(() => parse('Jan', 'j'.repeat(100_000))).toThrow(ParseError);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('answers long non-ASCII inputs with a ParseError', () => {
    // 200,000 'é' are 400,000 bytes of UTF-8; turning them into a byte string in one call threw a
    // RangeError ("Maximum call stack size exceeded") before it was done 8,192 bytes at a time.
    const long = '\u00e9'.repeat(200_000);
    for (const [layout, value] of [
      [RFC3339, long],
      [long, '2006'],
      ['2006', `2006${long}`],
    ] as const) {
      let err: unknown;
      try {
        parse(layout, value);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ParseError);
      expect((err as Error).message).toContain('\\xc3\\xa9\\xc3\\xa9');
    }
  });
});
