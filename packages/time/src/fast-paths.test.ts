// The fast paths of format and parse against the general ones, which Go's tables and the differential tests
// against Go check: formatRFC3339 (RFC3339, RFC3339Nano; taken by format, string encodings and JSON) against
// format with the same layout, and parseRFC3339 (taken by parse, parseInLocation and the unmarshalers)
// against parseWith, on random times anywhere in int64, in zones with odd offsets (seconds included,
// beyond 24 hours), and on random RFC 3339 text and mutations of it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format } from './format';
import { formatRFC3339, parseRFC3339 } from './format-rfc3339';
import { fixedZone, Local, type Location, loadLocation, RFC3339, RFC3339Nano, Time, UTC } from './index';
import { parseWith } from './parse';
import { oddZones } from './testdata/seeded';

const zones: Location[] = [
  UTC,
  Local,
  fixedZone('', 0),
  fixedZone('', -12345), // a negative offset with seconds
  fixedZone('X', 3600 * 5 + 59),
  fixedZone('', 26 * 3600), // beyond 24 hours
  fixedZone('', -100 * 3600 - 1),
  ...oddZones.map(loadLocation),
];
const runs = { numRuns: Number(process.env.FC_RUNS ?? 3000) };

const max63 = 2n ** 63n - 1n;
/** Wall seconds since year 1: anywhere in int64, or years 0 to 9999, or around years 0 and 9999's ends. */
const seconds = fc.oneof(
  fc.bigInt({ min: -max63 - 1n, max: max63 }),
  fc.bigInt({ min: -366n * 86400n, max: 315537897599n + 2n * 86400n }),
  fc.bigInt({ min: -86400n * 2n, max: 86400n * 2n }),
  fc.bigInt({ min: 315537897599n - 86400n * 2n, max: 315537897599n + 86400n * 2n }),
);
const nanos = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 999_999_999 }),
  fc.constantFrom(1, 10, 100_000, 999_999_999),
);

describe('formatRFC3339', () => {
  it('writes what format writes for RFC3339 and RFC3339Nano', () => {
    fc.assert(
      fc.property(seconds, nanos, fc.constantFrom(...zones), (sec, nsec, loc) => {
        const t = new Time(sec, nsec, 0n, false, loc);
        expect(formatRFC3339(t, false)).toBe(format(t, RFC3339));
        expect(formatRFC3339(t, true)).toBe(format(t, RFC3339Nano));
      }),
      runs,
    );
  });
});

/** The answer of f: the Time's wall seconds, nanoseconds, location name and text, or the error's message. */
function answer(f: () => Time | null): string {
  try {
    const t = f();
    return t === null ? 'null' : `${t.sec} ${t.nsec} ${t.location().string()} ${t.string()} ${t.zone()}`;
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
/** Mostly a number in [min, max] (some out of range) in width digits, sometimes any digits. */
const field = (any: fc.Arbitrary<string>, min: number, max: number, width: number) =>
  fc.oneof(
    { arbitrary: any, weight: 1 },
    { arbitrary: fc.integer({ min, max }).map((x) => String(x).padStart(width, '0')), weight: 6 },
  );
/** RFC 3339 text, valid or nearly: any digits in each field, a fraction of 0 to 12 digits, Z or an offset. */
const rfc3339Text = fc
  .tuple(
    field(digits(4), 0, 9999, 4),
    field(digits(2), 1, 12, 2),
    field(digits(2), 1, 31, 2),
    field(digits(2), 0, 24, 2),
    field(digits(2), 0, 60, 2),
    field(digits(2), 0, 60, 2),
    fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 12 }).chain((n) => digits(n).map((s) => `.${s}`)),
    ),
    fc.oneof(
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-'), digits(2), digits(2)).map(([s, h, m]) => `${s}${h}:${m}`),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30, 45))
        .map(([s, h, m]) => `${s}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    ),
  )
  .map(([y, mo, d, h, mi, s, f, z]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f}${z}`);
/** The text, or the text with one character replaced, inserted or deleted. */
const mutated = fc
  .tuple(
    rfc3339Text,
    fc.nat(),
    fc.constantFrom('', '0', '9', 'Z', 'z', 't', ':', '-', '+', '.', ',', ' ', 'é'),
    fc.constantFrom(0, 0, 0, 0, 1, 2, 3),
  )
  .map(([s, at, c, how]) => {
    const i = at % (s.length + 1);
    if (how === 0) return s;
    if (how === 1) return s.slice(0, i) + c + s.slice(i + 1);
    if (how === 2) return s.slice(0, i) + c + s.slice(i);
    return s.slice(0, i) + s.slice(i + 1);
  });

describe('parseRFC3339', () => {
  it('gives what the general parser gives whenever it answers, in every zone', () => {
    let fast = 0;
    fc.assert(
      fc.property(mutated, fc.constantFrom(...zones), (s, loc) => {
        const got = answer(() => parseRFC3339(s, loc));
        if (got === 'null') return;
        fast++;
        expect(got).toBe(answer(() => parseWith(RFC3339, s, loc, loc)));
        expect(got).toBe(answer(() => parseWith(RFC3339Nano, s, loc, loc)));
        expect(answer(() => parseRFC3339(s, UTC))).toBe(answer(() => parseWith(RFC3339, s, UTC, UTC)));
      }),
      runs,
    );
    expect(fast).toBeGreaterThan(runs.numRuns / 6); // the fast path answered often enough to be tested
  });

  it('answers for formatted times of years 0 to 9999 and declines what it does not know', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 315537897599n }),
        nanos,
        fc.constantFrom(...zones),
        (sec, nsec, loc) => {
          const t = new Time(sec, nsec, 0n, false, loc);
          const s = formatRFC3339(t, true);
          const [, off] = t.zone();
          const fits = t.year() >= 0 && t.year() <= 9999 && Math.abs(Math.trunc(off / 60)) < 24 * 60;
          const got = parseRFC3339(s, loc);
          expect(got === null).toBe(!fits);
          if (got !== null) expect(answer(() => got)).toBe(answer(() => parseWith(RFC3339, s, loc, loc)));
        },
      ),
      runs,
    );
    expect(parseRFC3339('2006-01-02T15:04:05,5Z', UTC)).toBeNull(); // a comma: the general parser's
    expect(parseRFC3339('2006-02-29T15:04:05Z', UTC)).toBeNull(); // no such day: the general parser's error
    expect(parseRFC3339('2006-01-02T15:04:05+24:00', UTC)).toBeNull();
  });
});

describe('format', () => {
  it('writes text of any length: a layout repeated k times gives the text repeated k times', () => {
    const layout = '<Monday January _2 __2 2006 3:04:05.000000000 PM -07:00:00 Z0700 MST .999>';
    const locs = [...zones, fixedZone('Ω'.repeat(300), -3600 * 7 - 61), fixedZone('a long zone name', 5400)];
    fc.assert(
      fc.property(
        seconds,
        nanos,
        fc.constantFrom(...locs),
        fc.integer({ min: 1, max: 12 }),
        (sec, nsec, loc, k) => {
          const t = new Time(sec, nsec, 0n, false, loc);
          const once = format(t, layout);
          expect(format(t, layout.repeat(k))).toBe(once.repeat(k));
          expect(t.appendFormat('x', layout.repeat(k))).toBe(`x${once.repeat(k)}`);
        },
      ),
      { numRuns: 500 },
    );
  });
});
