// Go's ParseDuration tables, ported as data from $GOROOT/src/time/time_test.go (Go 1.19):
// parseDurationTests, parseDurationErrorTests and TestParseDurationRoundTrip.
import { describe, expect, it } from 'vitest';
import { Duration, Hour, Microsecond, Millisecond, Minute, Nanosecond, Second } from './duration';
import { parseDuration } from './parse-duration';

const parseDurationTests: [string, bigint][] = [
  // simple
  ['0', 0n],
  ['5s', 5n * Second],
  ['30s', 30n * Second],
  ['1478s', 1478n * Second],
  // sign
  ['-5s', -5n * Second],
  ['+5s', 5n * Second],
  ['-0', 0n],
  ['+0', 0n],
  // decimal
  ['5.0s', 5n * Second],
  ['5.6s', 5n * Second + 600n * Millisecond],
  ['5.s', 5n * Second],
  ['.5s', 500n * Millisecond],
  ['1.0s', 1n * Second],
  ['1.00s', 1n * Second],
  ['1.004s', 1n * Second + 4n * Millisecond],
  ['1.0040s', 1n * Second + 4n * Millisecond],
  ['100.00100s', 100n * Second + 1n * Millisecond],
  // different units
  ['10ns', 10n * Nanosecond],
  ['11us', 11n * Microsecond],
  ['12µs', 12n * Microsecond], // U+00B5
  ['12μs', 12n * Microsecond], // U+03BC
  ['13ms', 13n * Millisecond],
  ['14s', 14n * Second],
  ['15m', 15n * Minute],
  ['16h', 16n * Hour],
  // composite durations
  ['3h30m', 3n * Hour + 30n * Minute],
  ['10.5s4m', 4n * Minute + 10n * Second + 500n * Millisecond],
  ['-2m3.4s', -(2n * Minute + 3n * Second + 400n * Millisecond)],
  [
    '1h2m3s4ms5us6ns',
    1n * Hour + 2n * Minute + 3n * Second + 4n * Millisecond + 5n * Microsecond + 6n * Nanosecond,
  ],
  ['39h9m14.425s', 39n * Hour + 9n * Minute + 14n * Second + 425n * Millisecond],
  // large value
  ['52763797000ns', 52763797000n * Nanosecond],
  // more than 9 digits after decimal point, see https://golang.org/issue/6617
  ['0.3333333333333333333h', 20n * Minute],
  // 9007199254740993 = 1<<53+1 cannot be stored precisely in a float64
  ['9007199254740993ns', ((1n << 53n) + 1n) * Nanosecond],
  // largest duration that can be represented by int64 in nanoseconds
  ['9223372036854775807ns', ((1n << 63n) - 1n) * Nanosecond],
  ['9223372036854775.807us', ((1n << 63n) - 1n) * Nanosecond],
  ['9223372036s854ms775us807ns', ((1n << 63n) - 1n) * Nanosecond],
  ['-9223372036854775808ns', -(1n << 63n) * Nanosecond],
  ['-9223372036854775.808us', -(1n << 63n) * Nanosecond],
  ['-9223372036s854ms775us808ns', -(1n << 63n) * Nanosecond],
  // largest negative value
  ['-9223372036854775808ns', -(1n << 63n) * Nanosecond],
  // largest negative round trip value, see https://golang.org/issue/48629
  ['-2562047h47m16.854775808s', -(1n << 63n) * Nanosecond],
  // huge string; issue 15011.
  ['0.100000000000000000000h', 6n * Minute],
  // This value tests the first overflow check in leadingFraction.
  ['0.830103483285477580700h', 49n * Minute + 48n * Second + 372539827n * Nanosecond],
];

describe('parseDuration (parseDurationTests)', () => {
  it.each(parseDurationTests)('%s', (input, want) => {
    expect(parseDuration(input)).toBe(want);
  });
});

// Go's test checks that the error contains the quoted input. Two rows hold invalid UTF-8 in Go
// ("\x85\x85", "\xffff"); a JavaScript string cannot, so those rows use the code points U+0085 and
// U+00FF, whose UTF-8 bytes Go's quote escapes one by one (checked against real Go in go.test.ts).
const parseDurationErrorTests: [string, string][] = [
  // invalid
  ['', '""'],
  ['3', '"3"'],
  ['-', '"-"'],
  ['s', '"s"'],
  ['.', '"."'],
  ['-.', '"-."'],
  ['.s', '".s"'],
  ['+.s', '"+.s"'],
  ['1d', '"1d"'],
  ['\x85\x85', '"\\xc2\\x85\\xc2\\x85"'],
  ['\xffff', '"\\xc3\\xbfff"'],
  ['hello \xffff world', '"hello \\xc3\\xbfff world"'],
  ['\uFFFD', '"\\xef\\xbf\\xbd"'], // utf8.RuneError
  ['\uFFFD hello \uFFFD world', '"\\xef\\xbf\\xbd hello \\xef\\xbf\\xbd world"'], // utf8.RuneError
  // overflow
  ['9223372036854775810ns', '"9223372036854775810ns"'],
  ['9223372036854775808ns', '"9223372036854775808ns"'],
  ['-9223372036854775809ns', '"-9223372036854775809ns"'],
  ['9223372036854776us', '"9223372036854776us"'],
  ['3000000h', '"3000000h"'],
  ['9223372036854775.808us', '"9223372036854775.808us"'],
  ['9223372036854ms775us808ns', '"9223372036854ms775us808ns"'],
];

describe('parseDuration errors (parseDurationErrorTests)', () => {
  it.each(parseDurationErrorTests)('%j', (input, expect_) => {
    expect(() => parseDuration(input)).toThrow(expect_);
  });
});

it("parseDuration's error messages are Go's, byte for byte", () => {
  const cases: [string, string][] = [
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['3', 'time: missing unit in duration "3"'],
    ['', 'time: invalid duration ""'],
    ['1h-2m', 'time: unknown unit "h-" in duration "1h-2m"'],
    ['1.5 s', 'time: unknown unit " s" in duration "1.5 s"'],
    ['2µ', 'time: unknown unit "\\xc2\\xb5" in duration "2\\xc2\\xb5"'],
    ['1"s\\', 'time: unknown unit "\\"s\\\\" in duration "1\\"s\\\\"'],
    ['1\x7f', 'time: unknown unit "\x7f" in duration "1\x7f"'],
    ['1\n', 'time: unknown unit "\\x0a" in duration "1\\x0a"'],
    ['1😀', 'time: unknown unit "\\xf0\\x9f\\x98\\x80" in duration "1\\xf0\\x9f\\x98\\x80"'],
    ['1\ud800', 'time: unknown unit "\\xef\\xbf\\xbd" in duration "1\\xef\\xbf\\xbd"'],
    ['99999999999999999999d', 'time: invalid duration "99999999999999999999d"'],
  ];
  for (const [input, message] of cases) {
    expect(() => parseDuration(input)).toThrowError(new Error(message));
  }
});

describe('round trip (TestParseDurationRoundTrip, golang.org/issue/48629)', () => {
  it('at ±2^63', () => {
    const max0 = (1n << 63n) - 1n;
    expect(parseDuration(Duration.string(max0))).toBe(max0);
    const min0 = -(1n << 63n);
    expect(parseDuration(Duration.string(min0))).toBe(min0);
  });
  it('100 random millisecond durations', () => {
    let seed = 1;
    for (let i = 0; i < 100; i++) {
      seed = (seed * 48271) % 2147483647; // a seeded stand-in for rand.Int31
      const d0 = BigInt(seed) * Millisecond;
      expect(parseDuration(Duration.string(d0))).toBe(d0);
    }
  });
});

it('parseDuration rejects a non-string with a TypeError', () => {
  expect(() => parseDuration(5 as unknown as string)).toThrow(TypeError);
});
