// A recording worker for src/linearizability.ts: it imports the subject module named in workerData.subject
// (see shared-map.mjs), and for every round it is sent, attaches to the round's object, waits for every
// worker at a barrier, runs its share of operations and posts them back with their call and return times.
// Times come from one Int32Array counter shared by all workers (clock[0]): Atomics.add is sequentially
// consistent, so the times of all workers form one order that agrees with real time.
import { parentPort, workerData } from 'node:worker_threads';

const { subject, clockBuffer, client } = workerData;
const clock = new Int32Array(clockBuffer);
const { attach } = await import(subject);

/** A small seeded PRNG (xorshift32), so a round can be rerun. */
function rng(seed) {
  let x = seed | 0 || 1;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

parentPort.on('message', ({ round, handle, variant, ops, seed, workers }) => {
  const r = rng(seed);
  const s = attach(handle, variant, r);
  const events = [];
  // Barrier: clock[1] counts the workers that are ready; nobody starts before all are. It spins (a wait
  // would let the first worker wake a scheduler tick late, after the others had finished).
  Atomics.add(clock, 1, 1);
  while (Atomics.load(clock, 1) < workers);
  for (let i = 0; i < ops; i++) {
    const { op, args, run } = s.next();
    const call = Atomics.add(clock, 0, 1);
    const out = run();
    const ret = Atomics.add(clock, 0, 1);
    events.push({ c: client, op, in: args, out, call, ret });
    s.after?.();
    // Think time, up to 20 µs: it spreads a round over enough wall time that the workers run side by side
    // even on a busy machine, and varies the interleavings.
    const until = performance.now() + r(20) / 1000;
    while (performance.now() < until);
  }
  s.finish?.();
  parentPort.postMessage({ round, events });
});
parentPort.postMessage({ ready: true });
