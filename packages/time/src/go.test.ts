// Differential tests against the real Go toolchain: seeded random durations through Go's Duration
// methods, seeded random valid and mutated strings through ParseDuration (values and error texts), and
// random Unix times through Time's methods, all answered by src/testdata/duration.go.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goRun, requireGo, SplitMix64 } from '@gostd/testing';
import { describe, expect, it } from 'vitest';
import { Duration } from './duration';
import { parseDuration } from './parse-duration';
import { mutate } from './testdata/seeded';
import { unix } from './time';

const oracle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata/duration.go');

// A seeded, reproducible source of int64s.
const random = new SplitMix64(20170101n);
const int64 = () => random.int64();
const below = (n: number) => random.below(n);
const pick = <T>(xs: readonly T[]): T => random.pick(xs);

const units = [1n, 1000n, 1_000_000n, 1_000_000_000n, 60_000_000_000n, 3_600_000_000_000n];
const edges = [0n, 1n, -1n, (1n << 63n) - 1n, -(1n << 63n), 1n << 53n, (1n << 53n) + 1n, -(1n << 53n) - 1n];

/** A duration from a mix of distributions: full int64, below 2^53, unit multiples, edges. */
function duration(): bigint {
  switch (below(5)) {
    case 0:
      return int64();
    case 1:
      return int64() >> BigInt(below(64));
    case 2:
      return BigInt(below(100_000) - 50_000) * pick(units);
    case 3:
      return BigInt.asIntN(64, pick(edges) + BigInt(below(5) - 2));
    default:
      return BigInt.asIntN(64, int64() % (1n << 53n));
  }
}

function modulus(): bigint {
  switch (below(4)) {
    case 0:
      return pick(units) * BigInt(below(10));
    case 1:
      return -BigInt(below(1000));
    case 2:
      return BigInt(below(1000) + 1);
    default:
      return duration();
  }
}

const unitNames = ['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h'];
function digits(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(below(10));
  return s;
}
/** A string in ParseDuration's grammar (often out of range when its runs of digits are long). */
function validish(): string {
  if (below(3) === 0) return Duration.string(duration());
  let s = pick(['', '', '-', '+']);
  const parts = 1 + below(4);
  for (let i = 0; i < parts; i++) {
    const len = below(4) === 0 ? below(22) : below(5);
    const int = digits(len);
    const frac = below(2) === 0 ? `.${digits(below(4) === 0 ? below(26) : below(6))}` : '';
    s += (int === '' && frac.length < 2 ? '1' : int) + frac + pick(unitNames);
  }
  return s;
}
const noise = [
  '0',
  '9',
  '.',
  '+',
  '-',
  'n',
  's',
  'u',
  'µ',
  'μ',
  'm',
  'h',
  'd',
  ' ',
  '"',
  '\\',
  '\x7f',
  '\n',
  '😀',
  '\ud800',
  '\uFFFD',
  'é',
];
/** A valid-looking string with one to three random edits, sometimes a long run of digits or a rotation. */
function mutated(): string {
  const s = mutate(validish(), 3, random, noise);
  const at = below(s.length + 1);
  switch (below(4)) {
    case 0:
      return s.slice(0, at) + digits(15 + below(10)) + s.slice(at);
    case 1:
      return s.slice(at) + s.slice(0, at);
    default:
      return s;
  }
}

function parseOrError(s: string): { d: string; err: string } {
  try {
    return { d: String(parseDuration(s)), err: '' };
  } catch (e) {
    return { d: '0', err: (e as Error).message };
  }
}

/** Unix seconds from realistic to absurd, and nanoseconds in and outside [0, 1e9). */
function unixSec(): bigint {
  switch (below(4)) {
    case 0:
      return BigInt(below(4_000_000_000) - 1_000_000_000);
    case 1:
      return int64() >> BigInt(1 + below(40));
    case 2:
      return BigInt(pick([-2524521600, 5986310400, -62135596800, 253402300800])) + BigInt(below(200) - 100);
    default:
      return int64() >> 1n;
  }
}
function nsec(): bigint {
  return below(3) === 0 ? BigInt(below(6_000_000_000) - 3_000_000_000) : BigInt(below(1_000_000_000));
}

describe.skipIf(!requireGo('@gostd/time differential tests against Go'))('against real Go', () => {
  const durations = Array.from({ length: 4000 }, () => [duration(), modulus()] as const);
  const parse = [...Array.from({ length: 4000 }, validish), ...Array.from({ length: 6000 }, mutated)];
  const times = Array.from({ length: 3000 }, () => {
    const sec = unixSec();
    const sec2 = below(2) === 0 ? BigInt.asIntN(64, sec + BigInt(below(1000) - 500)) : unixSec();
    return [sec, nsec(), sec2, nsec(), below(2) === 0 ? modulus() : duration()] as const;
  });
  const request = JSON.stringify({
    durations: durations.map(([d, m]) => [String(d), String(m)]),
    parse,
    times: times.map((row) => row.map(String)),
  });
  let answer: {
    durations: Record<string, string>[];
    parse: { d: string; err: string }[];
    times: Record<string, string | boolean>[];
  };

  it('runs the Go oracle', () => {
    answer = JSON.parse(goRun(oracle, [], request));
    console.log(
      `compared with Go: ${durations.length} durations x 10 methods, ${parse.length} ParseDuration strings ` +
        `(${parse.filter((_, i) => answer.parse[i]?.err !== '').length} errors), ${times.length} times x 13 methods`,
    );
  });

  it('Duration methods', () => {
    durations.forEach(([d, m], i) => {
      const go = answer.durations[i]!;
      const ours = {
        String: Duration.string(d),
        Round: String(Duration.round(d, m)),
        Truncate: String(Duration.truncate(d, m)),
        Abs: String(Duration.abs(d)),
        Hours: Duration.hours(d),
        Minutes: Duration.minutes(d),
        Seconds: Duration.seconds(d),
        Milliseconds: String(Duration.milliseconds(d)),
        Microseconds: String(Duration.microseconds(d)),
        Nanoseconds: String(Duration.nanoseconds(d)),
      };
      const want = {
        ...go,
        Hours: Number(go.Hours),
        Minutes: Number(go.Minutes),
        Seconds: Number(go.Seconds),
      };
      expect({ d: String(d), m: String(m), ...ours }).toEqual({ d: String(d), m: String(m), ...want });
    });
  });

  it('parseDuration values and error texts', () => {
    parse.forEach((s, i) => {
      expect({ s, ...parseOrError(s) }).toEqual({ s, ...answer.parse[i] });
    });
  });

  it('Time methods', () => {
    times.forEach(([sec, ns, sec2, ns2, d], i) => {
      const t = unix(sec, ns);
      const u = unix(sec2, ns2);
      const ours = {
        String: t.string(),
        Add: t.add(d).string(),
        Sub: String(t.sub(u)),
        Round: t.round(d).string(),
        Truncate: t.truncate(d).string(),
        Unix: String(t.unix()),
        UnixMilli: String(t.unixMilli()),
        UnixMicro: String(t.unixMicro()),
        UnixNano: String(t.unixNano()),
        Before: t.before(u),
        After: t.after(u),
        Equal: t.equal(u),
        IsZero: t.isZero(),
      };
      const args = { sec: String(sec), ns: String(ns), sec2: String(sec2), ns2: String(ns2), d: String(d) };
      expect({ ...args, ...ours }).toEqual({ ...args, ...answer.times[i] });
    });
  });
});
