// Go's Duration tables, ported as data from $GOROOT/src/time/time_test.go (Go 1.19):
// durationTests, nsDurationTests, usDurationTests, msDurationTests, secDurationTests,
// minDurationTests, hourDurationTests, durationTruncateTests, durationRoundTests, durationAbsTests.
import { describe, expect, it } from 'vitest';
import {
  Duration,
  Hour,
  Microsecond,
  Millisecond,
  Minute,
  maxDuration,
  minDuration,
  Nanosecond,
  Second,
} from './duration';

const durationTests: [string, bigint][] = [
  ['0s', 0n],
  ['1ns', 1n * Nanosecond],
  ['1.1µs', 1100n * Nanosecond],
  ['2.2ms', 2200n * Microsecond],
  ['3.3s', 3300n * Millisecond],
  ['4m5s', 4n * Minute + 5n * Second],
  ['4m5.001s', 4n * Minute + 5001n * Millisecond],
  ['5h6m7.001s', 5n * Hour + 6n * Minute + 7001n * Millisecond],
  ['8m0.000000001s', 8n * Minute + 1n * Nanosecond],
  ['2562047h47m16.854775807s', (1n << 63n) - 1n],
  ['-2562047h47m16.854775808s', -(1n << 63n)],
];

describe('Duration.string (time_test.go durationTests)', () => {
  it.each(durationTests)('%s', (str, d) => {
    expect(Duration.string(d)).toBe(str);
    if (d > 0n) expect(Duration.string(-d)).toBe(`-${str}`);
  });
});

it('Duration.nanoseconds/microseconds/milliseconds (nsDurationTests, usDurationTests, msDurationTests)', () => {
  const ns: [bigint, bigint][] = [
    [-1000n, -1000n],
    [-1n, -1n],
    [1n, 1n],
    [1000n, 1000n],
  ];
  for (const [d, want] of ns) expect(Duration.nanoseconds(d)).toBe(want);
  const us: [bigint, bigint][] = [
    [-1000n, -1n],
    [1000n, 1n],
  ];
  for (const [d, want] of us) expect(Duration.microseconds(d)).toBe(want);
  const ms: [bigint, bigint][] = [
    [-1000000n, -1n],
    [1000000n, 1n],
  ];
  for (const [d, want] of ms) expect(Duration.milliseconds(d)).toBe(want);
});

it('Duration.seconds/minutes/hours (secDurationTests, minDurationTests, hourDurationTests)', () => {
  expect(Duration.seconds(300000000n)).toBe(0.3);
  const min: [bigint, number][] = [
    [-60000000000n, -1],
    [-1n, -1 / 60e9],
    [1n, 1 / 60e9],
    [60000000000n, 1],
    [3000n, 5e-8],
  ];
  for (const [d, want] of min) expect(Duration.minutes(d)).toBe(want);
  const hour: [bigint, number][] = [
    [-3600000000000n, -1],
    [-1n, -1 / 3600e9],
    [1n, 1 / 3600e9],
    [3600000000000n, 1],
    [36n, 1e-11],
  ];
  for (const [d, want] of hour) expect(Duration.hours(d)).toBe(want);
  // Beyond 2^53 ns the split into whole units and remainder keeps Go's rounding.
  expect(Duration.seconds(maxDuration)).toBe(9223372036 + 854775807 / 1e9);
  expect(Duration.hours(minDuration)).toBe(-2562047 + -(47 * 60e9 + 16854775808) / 3600e9);
});

const durationTruncateTests: [bigint, bigint, bigint][] = [
  [0n, Second, 0n],
  [Minute, -7n * Second, Minute],
  [Minute, 0n, Minute],
  [Minute, 1n, Minute],
  [Minute + 10n * Second, 10n * Second, Minute + 10n * Second],
  [2n * Minute + 10n * Second, Minute, 2n * Minute],
  [10n * Minute + 10n * Second, 3n * Minute, 9n * Minute],
  [Minute + 10n * Second, Minute + 10n * Second + 1n, 0n],
  [Minute + 10n * Second, Hour, 0n],
  [-Minute, Second, -Minute],
  [-10n * Minute, 3n * Minute, -9n * Minute],
  [-10n * Minute, Hour, 0n],
];

it('Duration.truncate (durationTruncateTests)', () => {
  for (const [d, m, want] of durationTruncateTests) expect(Duration.truncate(d, m)).toBe(want);
});

const durationRoundTests: [bigint, bigint, bigint][] = [
  [0n, Second, 0n],
  [Minute, -11n * Second, Minute],
  [Minute, 0n, Minute],
  [Minute, 1n, Minute],
  [2n * Minute, Minute, 2n * Minute],
  [2n * Minute + 10n * Second, Minute, 2n * Minute],
  [2n * Minute + 30n * Second, Minute, 3n * Minute],
  [2n * Minute + 50n * Second, Minute, 3n * Minute],
  [-Minute, 1n, -Minute],
  [-2n * Minute, Minute, -2n * Minute],
  [-2n * Minute - 10n * Second, Minute, -2n * Minute],
  [-2n * Minute - 30n * Second, Minute, -3n * Minute],
  [-2n * Minute - 50n * Second, Minute, -3n * Minute],
  [8_000_000_000_000_000_000n, 3_000_000_000_000_000_000n, 9_000_000_000_000_000_000n],
  [9_000_000_000_000_000_000n, 5_000_000_000_000_000_000n, (1n << 63n) - 1n],
  [-8_000_000_000_000_000_000n, 3_000_000_000_000_000_000n, -9_000_000_000_000_000_000n],
  [-9_000_000_000_000_000_000n, 5_000_000_000_000_000_000n, -(1n << 63n)],
  [(3n << 61n) - 1n, 3n << 61n, 3n << 61n],
];

it('Duration.round (durationRoundTests)', () => {
  for (const [d, m, want] of durationRoundTests) expect(Duration.round(d, m)).toBe(want);
});

const durationAbsTests: [bigint, bigint][] = [
  [0n, 0n],
  [1n, 1n],
  [-1n, 1n],
  [1n * Minute, 1n * Minute],
  [-1n * Minute, 1n * Minute],
  [minDuration, maxDuration],
  [minDuration + 1n, maxDuration],
  [minDuration + 2n, maxDuration - 1n],
  [maxDuration, maxDuration],
  [maxDuration - 1n, maxDuration - 1n],
];

it('Duration.abs (durationAbsTests)', () => {
  for (const [d, want] of durationAbsTests) expect(Duration.abs(d)).toBe(want);
});

it('the constants multiply as in Go', () => {
  expect(5n * Second).toBe(5_000_000_000n);
  expect(Hour / Millisecond).toBe(3_600_000n);
  expect(Duration.string(90n * Minute)).toBe('1h30m0s');
  expect(Duration.string(2n ** 53n + 1n)).toBe('2501h59m59.254740993s');
});

it('Duration.string rejects a bigint outside int64 instead of printing a wrong answer', () => {
  expect(() => Duration.string(1n << 63n)).toThrow(RangeError);
  expect(() => Duration.string(-(1n << 63n) - 1n)).toThrow(RangeError);
});
