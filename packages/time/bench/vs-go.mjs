// `npm run bench:go -w @gostd/time`: parseDuration, Duration.string, now(), format (RFC3339 and a custom
// layout) and parse(RFC3339) against Go's own time.ParseDuration, Duration.String, time.Now, Time.Format
// and time.Parse (bench/vs-go.go, testing.Benchmark), on the same inputs, interleaved over rounds; prints
// gostd ns/op over Go's. Measures the built bundle (run `npx tsup` first; `npm run bench` builds through
// turbo). ROUNDS=n sets the rounds (7); CASES=word keeps the cases whose name contains one of the
// comma-separated words (CASES=format,parse).
import { report, vsGo } from '@gostd/testing/vs-go';
import { Duration, date, now, parse, parseDuration, RFC3339, UTC } from '../dist/index.js';

const single = ['5s', '300ms', '2h', '1.5m', '45m', '100ms'];
const multi = ['1h2m3.5s', '2h45m', '1m30s', '4h5m6s7ms', '10m0.5s', '3h30m'];
const durations = [1_500_000_000n, 259_380_500_000_000n, 1234n, -90_000_000_000n, 987_654_321n];
const times = [];
for (let i = 0; i < 10; i++)
  times.push(date(1990 + i * 3, 1 + i, 1 + i * 2, i * 2, i * 5, i * 7, i * 123_456_789, UTC));
const rfc3339 = times.map((t) => t.format(RFC3339));
const custom = 'Mon Jan _2 15:04:05.000 2006';
let sink;

const rounds = Number(process.env.ROUNDS ?? 7);
const only = process.env.CASES?.split(',').filter(Boolean);
const cases = [
  {
    name: 'parseDuration, single unit',
    go: 'ParseDurationSingle',
    goal: 1,
    run(n) {
      for (let i = 0; i < n; i++) sink = parseDuration(single[i % 6]);
    },
  },
  {
    name: 'parseDuration, multi unit',
    go: 'ParseDurationMulti',
    goal: 1,
    run(n) {
      for (let i = 0; i < n; i++) sink = parseDuration(multi[i % 6]);
    },
  },
  {
    name: 'Duration.string',
    go: 'DurationString',
    goal: 1,
    run(n) {
      for (let i = 0; i < n; i++) sink = Duration.string(durations[i % 5]);
    },
  },
  {
    name: 'now()',
    go: 'Now',
    goal: 1,
    run(n) {
      for (let i = 0; i < n; i++) sink = now();
    },
  },
  {
    // What now() cannot do without: its two clock reads and nothing else (no goal: now()'s floor).
    name: 'Date.now() + process.hrtime.bigint()',
    go: 'Now',
    run(n) {
      for (let i = 0; i < n; i++) {
        sink = Date.now();
        sink = process.hrtime.bigint();
      }
    },
  },
  {
    name: 'format(RFC3339)',
    go: 'FormatRFC3339',
    goal: 1.5,
    run(n) {
      for (let i = 0; i < n; i++) sink = times[i % 10].format(RFC3339);
    },
  },
  {
    name: `format('${custom}')`,
    go: 'FormatCustom',
    goal: 1.5,
    run(n) {
      for (let i = 0; i < n; i++) sink = times[i % 10].format(custom);
    },
  },
  {
    name: 'parse(RFC3339, s)',
    go: 'ParseRFC3339',
    goal: 1.5,
    run(n) {
      for (let i = 0; i < n; i++) sink = parse(RFC3339, rfc3339[i % 10]);
    },
  },
];
const rows = await vsGo({
  program: new URL('./vs-go.go', import.meta.url).pathname,
  rounds,
  cases: only ? cases.filter((c) => only.some((w) => c.name.includes(w))) : cases,
});
console.log(report(rows, rounds));
if (sink === Symbol.for('never')) console.log(sink);
