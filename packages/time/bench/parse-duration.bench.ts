// parseDuration against the peers a user would pick instead: `ms` and `parse-duration`. Both return float
// milliseconds; parseDuration returns exact int64 nanoseconds as a bigint. Each iteration parses the same
// six strings 10 times with each parser (60 parses); parses/s = hz x 60.
import ms from 'ms';
import parse from 'parse-duration';
import { bench, describe } from 'vitest';
import { parseDuration } from '../src/index';

const single = ['5s', '300ms', '2h', '1.5m', '45m', '100ms'];
const multi = ['1h2m3.5s', '2h45m', '1m30s', '4h5m6s7ms', '10m0.5s', '3h30m'];
let sink: unknown;

describe('single-unit strings', () => {
  bench('@gostd/time parseDuration (60 parses)', () => {
    for (let i = 0; i < 10; i++) for (const s of single) sink = parseDuration(s);
  });
  bench('ms (60 parses)', () => {
    for (let i = 0; i < 10; i++) for (const s of single) sink = ms(s as ms.StringValue);
  });
  bench('parse-duration (60 parses)', () => {
    for (let i = 0; i < 10; i++) for (const s of single) sink = parse(s);
  });
});

describe('multi-unit strings', () => {
  bench('@gostd/time parseDuration (60 parses)', () => {
    for (let i = 0; i < 10; i++) for (const s of multi) sink = parseDuration(s);
  });
  bench('parse-duration (60 parses)', () => {
    for (let i = 0; i < 10; i++) for (const s of multi) sink = parse(s);
  });
});

export { sink };
