// Format and Parse against the libraries a user would pick instead: date-fns 4 (`format`, `parseISO`)
// and dayjs 1 (`format`, `dayjs(s)`), on the same instants, in UTC (TZ=UTC, so the peers' local time is
// UTC too). Each iteration formats or parses the same 10 values 10 times (100 calls); ns/op = 1e9 / (hz
// x 100). The same operations in Go are measured by bench/testdata/format.go. It measures the built
// dist/index.js, as users run it (`npm run build` first; turbo's bench task does).
import { format as dfFormat, parseISO } from 'date-fns';
import dayjs from 'dayjs';
import { bench, describe } from 'vitest';
import type { Time } from '../src/index';

const { date, parse, RFC3339, UTC }: typeof import('../src/index') = await import(
  new URL('../dist/index.js', import.meta.url).href
);

const times: Time[] = [];
for (let i = 0; i < 10; i++)
  times.push(date(1990 + i * 3, 1 + i, 1 + i * 2, i * 2, i * 5, i * 7, i * 123_456_789, UTC));
const dates = times.map((t) => t.toDate());
const days = dates.map((d) => dayjs(d));
const rfc3339 = times.map((t) => t.format(RFC3339));
const custom = 'Mon Jan _2 15:04:05.000 2006';
let sink: unknown;

describe('format RFC 3339', () => {
  bench('@gostd/time t.format(RFC3339) (100 calls)', () => {
    for (let k = 0; k < 10; k++) for (const t of times) sink = t.format(RFC3339);
  });
  bench('date-fns format(d, "yyyy-MM-dd\'T\'HH:mm:ssXXX") (100 calls)', () => {
    for (let k = 0; k < 10; k++) for (const d of dates) sink = dfFormat(d, "yyyy-MM-dd'T'HH:mm:ssXXX");
  });
  bench("dayjs d.format('YYYY-MM-DDTHH:mm:ssZ') (100 calls)", () => {
    for (let k = 0; k < 10; k++) for (const d of days) sink = d.format('YYYY-MM-DDTHH:mm:ssZ');
  });
});

describe('format a custom layout', () => {
  bench(`@gostd/time t.format('${custom}') (100 calls)`, () => {
    for (let k = 0; k < 10; k++) for (const t of times) sink = t.format(custom);
  });
  bench("date-fns format(d, 'EEE MMM d HH:mm:ss.SSS yyyy') (100 calls)", () => {
    for (let k = 0; k < 10; k++) for (const d of dates) sink = dfFormat(d, 'EEE MMM d HH:mm:ss.SSS yyyy');
  });
  bench("dayjs d.format('ddd MMM D HH:mm:ss.SSS YYYY') (100 calls)", () => {
    for (let k = 0; k < 10; k++) for (const d of days) sink = d.format('ddd MMM D HH:mm:ss.SSS YYYY');
  });
});

describe('parse RFC 3339', () => {
  bench('@gostd/time parse(RFC3339, s) (100 calls)', () => {
    for (let k = 0; k < 10; k++) for (const s of rfc3339) sink = parse(RFC3339, s);
  });
  bench('date-fns parseISO(s) (100 calls)', () => {
    for (let k = 0; k < 10; k++) for (const s of rfc3339) sink = parseISO(s);
  });
  bench('dayjs(s) (100 calls)', () => {
    for (let k = 0; k < 10; k++) for (const s of rfc3339) sink = dayjs(s);
  });
});

export { sink };
