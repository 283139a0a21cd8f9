// The float64 fast paths of parseDuration and Duration.string against real Go, concentrated on where they
// hand over to bigint: magnitudes around 2^53 ns, the int64 limits, 15 and 16 digit runs, many fraction
// digits, leading zeros, and the unit boundaries of String (1µs, 1ms, 1s, 1m, 1h). Answered by
// src/testdata/duration.go, the oracle of go.test.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goRun, requireGo, SplitMix64 } from '@gostd/testing';
import { describe, expect, it } from 'vitest';
import { Duration } from './duration';
import { parseDuration } from './parse-duration';

const oracle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata/duration.go');
const rng = new SplitMix64(20261130n);
const below = (n: number) => rng.below(n);
const pick = <T>(xs: readonly T[]): T => rng.pick(xs);

const two53 = 1n << 53n;
const max = (1n << 63n) - 1n;
const min = -(1n << 63n);
const near = (x: bigint, k: number) => x + BigInt(below(2 * k + 1) - k);

/** Durations around each place where the formatting changes path or unit, both signs. */
function durations(): bigint[] {
  const out: bigint[] = [];
  const centres = [
    two53,
    two53 - 1_000_000_000n * (two53 / 1_000_000_000n), // 2^53 mod 1e9: a seconds boundary under 2^53
    (two53 / 1_000_000_000n) * 1_000_000_000n,
    (two53 / 1_000_000_000n + 1n) * 1_000_000_000n,
    1_000n,
    1_000_000n,
    1_000_000_000n,
    60_000_000_000n,
    3_600_000_000_000n,
    2_147_483_648n,
    4_294_967_296n,
    max,
  ];
  for (const c of centres) {
    for (let k = -3n; k <= 3n; k++) out.push(c + k, -(c + k));
  }
  out.push(min, min + 1n, min + 2n, max - 1n);
  // k seconds minus and plus a nanosecond, for k near 2^53 / 1e9, where the float64 quotient rounds.
  for (let i = 0; i < 500; i++) {
    const k = BigInt(9_007_199 - below(5000));
    const d = k * 1_000_000_000n + BigInt(below(5) - 2);
    out.push(d, -d);
  }
  // Random magnitudes between 2^50 and 2^56 and in the last bits of int64.
  for (let i = 0; i < 2000; i++) {
    const d = near(1n << BigInt(50 + below(7)), 1 << 30) * (below(2) === 0 ? 1n : -1n);
    out.push(d);
    out.push(max - BigInt(below(1 << 30)), min + BigInt(below(1 << 30)));
  }
  // Fractions with leading and trailing zeros: 1s + 5ns ("1.000000005s"), 7ms + 20ns, ...
  for (let i = 0; i < 500; i++) {
    const whole = BigInt(below(100_000)) * pick([1n, 1_000n, 1_000_000n, 1_000_000_000n]);
    out.push(whole + BigInt(10 ** below(9)) * BigInt(below(10)));
  }
  return out.filter((d) => d >= min && d <= max);
}

const digits = (n: number) => Array.from({ length: n }, () => String(below(10))).join('');
const units = ['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h'];

/** Strings whose numbers sit at the fast path's limits: 15/16-digit runs, 2^53 ns, int64 limits. */
function strings(): string[] {
  const out = [
    '9007199254740991ns',
    '9007199254740992ns',
    '9007199254740993ns',
    '-9007199254740992ns',
    '9007199.254740992s',
    '9007199.254740993s',
    '150119m59.254740992s',
    '2501h59m59.254740992s',
    '2501h59m59.254740993s',
    '2501.999792984h',
    '9223372036854775807ns',
    '9223372036854775808ns',
    '-9223372036854775808ns',
    '-9223372036854775809ns',
    '2562047h47m16.854775807s',
    '2562047h47m16.854775808s',
    '-2562047h47m16.854775808s',
    '0000000000000000000001s',
    '000000000000001s',
    '0000000000000001s',
    '00.5s',
    '.000000000000001h',
    '.0000000000000001h',
    '0.99999999999999999999h',
    '1.000000000000000000001h',
    '999999999999999ns',
    '999999999999999us',
    '9999999999999999ns',
    '4503599627370496ns4503599627370496ns',
    // 17 and 18 digit fractions whose value, accumulated in float64, is not the float64 Go makes of the
    // exact digits, and whose hours differ by a nanosecond when truncated (found by search).
    '0.98653412762833325h',
    '0.952311872385555601h',
    '0.624011364240555459h',
    '0.90146718252166667h',
    '4503599627370495ns4503599627370497ns',
  ];
  // Sums that cross 2^53 over several components.
  for (let i = 0; i < 600; i++) {
    const d = near(two53, 1 << 20) * (below(2) === 0 ? 1n : -1n);
    out.push(Duration.string(d));
    const u = d < 0n ? -d : d;
    const a = u / BigInt(2 + below(1000));
    out.push(`${d < 0n ? '-' : ''}${a}ns${u - a}ns`);
  }
  // 14 to 17 digit integer and fraction runs, with leading zeros, in every unit.
  for (let i = 0; i < 1500; i++) {
    const zeros = '0'.repeat(below(4));
    const int = zeros + digits(12 + below(6));
    const frac =
      below(2) === 0 ? '' : `.${'0'.repeat(below(3))}${digits(below(2) === 0 ? 14 + below(4) : below(25))}`;
    out.push(pick(['', '-', '+']) + int + frac + pick(units));
    out.push(`${pick(['', '-'])}${digits(1 + below(3))}h${int}${frac}${pick(units)}`);
  }
  return out;
}

function parseOrError(s: string): { d: string; err: string } {
  try {
    return { d: String(parseDuration(s)), err: '' };
  } catch (e) {
    return { d: '0', err: (e as Error).message };
  }
}

describe.skipIf(!requireGo('@gostd/time fast-path boundary tests against Go'))(
  'fast paths at their limits',
  () => {
    const ds = durations();
    const ss = strings();
    let answer: { durations: { String: string }[]; parse: { d: string; err: string }[] };

    it('runs the Go oracle', () => {
      const request = JSON.stringify({ durations: ds.map((d) => [String(d), '1']), parse: ss, times: [] });
      answer = JSON.parse(goRun(oracle, [], request));
      console.log(
        `compared with Go: ${ds.length} Duration.String values, ${ss.length} ParseDuration strings`,
      );
    });

    it('Duration.string', () => {
      ds.forEach((d, i) => {
        expect({ d: String(d), s: Duration.string(d) }).toEqual({
          d: String(d),
          s: answer.durations[i]!.String,
        });
      });
    });

    it('parseDuration', () => {
      ss.forEach((s, i) => {
        expect({ s, ...parseOrError(s) }).toEqual({ s, ...answer.parse[i] });
      });
    });
  },
);
