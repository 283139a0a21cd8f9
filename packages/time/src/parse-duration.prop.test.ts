// Fuzzing parseDuration with fast-check: it never hangs or crashes, throws only Go's errors, agrees with
// its all-bigint path, round-trips Duration.string, and runs in time linear in its input.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { Duration } from './duration';
import { parseBig, parseDuration } from './parse-duration';

const pieces = [
  '0',
  '1',
  '5',
  '9',
  '.',
  '+',
  '-',
  'ns',
  'us',
  'µs',
  'μs',
  'ms',
  's',
  'm',
  'h',
  'd',
  ' ',
  'é',
  '😀',
  '\ud800',
];
const durationLike = fc
  .array(
    fc.oneof(fc.constantFrom(...pieces), fc.stringMatching(/^[0-9]{1,25}$/), fc.string({ maxLength: 3 })),
    {
      maxLength: 12,
    },
  )
  .map((xs) => xs.join(''));

function outcome(f: (s: string) => bigint, s: string): string {
  try {
    return `ok ${f(s)}`;
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    return `error ${(e as Error).message}`;
  }
}

it('throws only Go-worded Errors and returns only int64 values', () => {
  fc.assert(
    fc.property(fc.oneof(durationLike, fc.string(), fc.string({ unit: 'binary' })), (s) => {
      const r = outcome(parseDuration, s);
      if (r.startsWith('ok ')) {
        const d = BigInt(r.slice(3));
        expect(d >= -(1n << 63n) && d < 1n << 63n).toBe(true);
      } else {
        expect(r).toMatch(
          /^error time: (invalid duration|missing unit in duration|unknown unit ".*" in duration) "/s,
        );
      }
    }),
    { numRuns: 3000 },
  );
});

it('the number fast path agrees with the bigint path on every input', () => {
  fc.assert(
    fc.property(durationLike, (s) => {
      expect(outcome(parseDuration, s)).toBe(outcome(parseBig, s));
    }),
    { numRuns: 5000 },
  );
});

it('parseDuration(Duration.string(d)) === d for every int64 d', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), (d) => {
      expect(parseDuration(Duration.string(d))).toBe(d);
    }),
    { numRuns: 5000 },
  );
});

it('runs in linear time on long adversarial inputs', () => {
  const shapes: ((n: number) => string)[] = [
    (n) => '1'.repeat(n), // overflowing integer
    (n) => `0.${'3'.repeat(n)}h`, // endless fraction
    (n) => '1s'.repeat(n / 2), // many components (overflows)
    (n) => '0s'.repeat(n / 2), // many components (valid)
    (n) => `1${'x'.repeat(n)}`, // endless unit
    (n) => `${'0'.repeat(n)}1s`, // leading zeros
  ];
  const time = (s: string): number => {
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      outcome(parseDuration, s);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  for (const shape of shapes) {
    const small = time(shape(100_000));
    const large = time(shape(1_000_000));
    // Ten times the input may take ten times as long; quadratic would be a hundred. The margin absorbs
    // noise on a loaded machine (at a load average of 37 on 2 cores a linear 1M-character parse took
    // 352 ms); the absolute bound catches a hang.
    expect(large).toBeLessThan(Math.max(40 * small, 1000));
    expect(large).toBeLessThan(2000);
  }
});
