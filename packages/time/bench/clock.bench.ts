// Duration.string, and the cost of reading the clocks: now() (wall + monotonic readings) against
// process.hrtime.bigint() (the monotonic reading alone) and Date.now() (the wall reading alone), and
// since(t) against the bare hrtime subtraction it wraps. Each iteration makes 100 calls, so that one
// iteration lasts well above the timer's resolution; ops/s = hz x 100.
import { bench, describe } from 'vitest';
import { Duration, Hour, Millisecond, now, Second, since } from '../src/index';

const durations = [
  1500n * Millisecond,
  72n * Hour + 3n * 60n * Second + Second / 2n,
  1234n,
  -90n * Second,
  987_654_321n,
];
let sink: unknown;

describe('Duration.string', () => {
  bench('@gostd/time Duration.string (100 calls)', () => {
    for (let i = 0; i < 20; i++) for (const d of durations) sink = Duration.string(d);
  });
});

describe('reading the clock', () => {
  bench('@gostd/time now() (100 calls)', () => {
    for (let i = 0; i < 100; i++) sink = now();
  });
  bench('process.hrtime.bigint() (100 calls)', () => {
    for (let i = 0; i < 100; i++) sink = process.hrtime.bigint();
  });
  bench('Date.now() (100 calls)', () => {
    for (let i = 0; i < 100; i++) sink = Date.now();
  });
});

const start = now();
const startHr = process.hrtime.bigint();
describe('elapsed time', () => {
  bench('@gostd/time since(t) (100 calls)', () => {
    for (let i = 0; i < 100; i++) sink = since(start);
  });
  bench('process.hrtime.bigint() - start (100 calls)', () => {
    for (let i = 0; i < 100; i++) sink = process.hrtime.bigint() - startHr;
  });
});

export { sink };
