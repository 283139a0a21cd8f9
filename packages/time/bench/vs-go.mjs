// `npm run bench:go -w @gostd/time`: parseDuration, Duration.string and now() against Go's own
// time.ParseDuration, Duration.String and time.Now (bench/vs-go.go, testing.Benchmark), on the same inputs,
// interleaved over rounds; prints gostd ns/op over Go's. Measures the built bundle (run `npx tsup` first;
// `npm run bench` builds through turbo).
import { report, vsGo } from '@gostd/testing/vs-go';
import { Duration, now, parseDuration } from '../dist/index.js';

const single = ['5s', '300ms', '2h', '1.5m', '45m', '100ms'];
const multi = ['1h2m3.5s', '2h45m', '1m30s', '4h5m6s7ms', '10m0.5s', '3h30m'];
const durations = [1_500_000_000n, 259_380_500_000_000n, 1234n, -90_000_000_000n, 987_654_321n];
let sink;

const rounds = Number(process.env.ROUNDS ?? 7);
const rows = await vsGo({
  program: new URL('./vs-go.go', import.meta.url).pathname,
  rounds,
  cases: [
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
  ],
});
console.log(report(rows, rounds));
if (sink === Symbol.for('never')) console.log(sink);
