// Run by hot-frames.test.ts under each Node: does a CPU profile taken through
// the built package keep the frame of a function that V8's optimizing compiler
// inlined into its caller before the profile started? Two such functions,
// called from a setInterval callback as in the report of issue 14:
// crunch_pure (arithmetic only: no call is left in its body once inlined) and
// crunch_calls (the same plus a call of performance.now()). The warm-up lasts
// until V8 has optimized the caller (the timer's callback or hot_caller
// itself, which V8 may inline into it; run with --allow-natives-syntax to ask
// V8), at least 1 s and at most 15 s, or exactly 1 s when argv[3] is "fixed"
// (for a Node run without optimizing compilers); then the package is imported
// and profiles at 1000 Hz, one second at a time until the caller is in 300
// samples (at most ten seconds). Prints one JSON line: for each
// function, the samples whose stack holds it, the samples in the caller's own
// frame, whether the caller is optimized (read after the profile; the warm-up
// waited for it), and the Node version.
const [, , dist, warm] = process.argv;
function crunch_pure(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x += Math.sqrt(x + i);
  return x;
}
function crunch_calls(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x += Math.sqrt(x + i) + performance.now();
  return x;
}
function hot_caller() {
  let s = 0;
  for (let j = 0; j < 2000; j++) s += crunch_pure(40) + crunch_calls(2);
  return s;
}
let sink = 0;
function on_tick() {
  sink += hot_caller();
}
const timer = setInterval(on_tick, 1);
// V8's optimization status; bit 4 (16) is "optimized" (by Maglev or TurboFan) from V8 11 to 14.
const status = new Function('f', 'return %GetOptimizationStatus(f)');
const optimized = () => ((status(on_tick) | status(hot_caller)) & 16) !== 0;
const started = performance.now();
await new Promise((r) => setTimeout(r, 1000));
while (warm !== 'fixed' && !optimized() && performance.now() - started < 15_000)
  await new Promise((r) => setTimeout(r, 100));
const pprof = await import(dist);
const { gunzipSync } = await import('node:zlib');
const { Profile } = await import('pprof-format');
const result = {
  version: process.version,
  optimized: false,
  pure: 0,
  calls: 0,
  callerSelf: 0,
  caller: 0,
  rounds: 0,
  sink: false,
};
// Profiles of one second each, until the caller is in MIN_CALLER samples (at most ROUNDS): on a loaded
// machine one second gave the caller 66 samples, where an idle one gives it hundreds.
const MIN_CALLER = 300;
const ROUNDS = 10;
while (result.caller < MIN_CALLER && result.rounds < ROUNDS) {
  result.rounds++;
  const chunks = [];
  pprof.startCPUProfile({ write: (c) => chunks.push(c) }, { hz: 1000 });
  await new Promise((r) => setTimeout(r, 1000));
  await pprof.stopCPUProfile();
  count(Profile.decode(gunzipSync(Buffer.concat(chunks))));
}
clearInterval(timer);
result.optimized = optimized();
result.sink = sink > 0;

/** count adds the samples of profile p that have hot_caller in their stack to result. */
function count(p) {
  const str = (i) => p.stringTable.strings[Number(i)];
  const fnName = new Map(p.function.map((f) => [Number(f.id), str(f.name)]));
  const locNames = new Map(
    p.location.map((l) => [Number(l.id), l.line.map((x) => fnName.get(Number(x.functionId)))]),
  );
  for (const s of p.sample) {
    const stack = s.locationId.flatMap((id) => locNames.get(Number(id)));
    const n = Number(s.value[0]);
    if (!stack.includes('hot_caller')) continue;
    result.caller += n;
    if (stack.includes('crunch_pure')) result.pure += n;
    if (stack.includes('crunch_calls')) result.calls += n;
    if (stack[0] === 'hot_caller') result.callerSelf += n;
  }
}
console.log(JSON.stringify(result));
