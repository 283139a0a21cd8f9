// SharedMap vs a mutex-guarded shared map, and vs the `sharedmap` npm package, on 2 real worker_threads.
// This is the benchmark of the Go 1.9 blog post that introduced sync.Map (b.RunParallel over a map guarded by
// one sync.Mutex vs sync.Map, ns/op for store, lookup and delete), moved to workers: every iteration asks
// both workers to run N operations at once, so ns/op = iteration time / (2 N), the way Go's RunParallel
// counts. Build first (`npx tsup`): the workers load dist/index.js.
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import npmSharedMap, { type SharedMap as NpmSharedMapClass } from 'sharedmap';
import { afterAll, bench, describe } from 'vitest';
import { SharedMap } from '../src/index';
import { MutexMap } from './mutex-map.mjs';

const N = 100_000; // operations per worker per iteration
const keySpace = 1 << 16;
const strKeys = Array.from({ length: 4096 }, (_, i) => `user:${(i * 7919) % 100000}`); // 6..10 bytes

const gostd = new SharedMap<number, number>();
// The issue's baseline: one lock around one table, the lock of V8's Atomics article; and the same table
// behind a tuned spin-then-sleep lock, the fastest mutex map we could build. See mutex-map.mjs.
const mutexV8 = new MutexMap(1 << 17, 'v8');
const mutexSpin = new MutexMap(1 << 17, 'spin');
for (let k = 0; k < keySpace; k++) {
  gostd.store(k, k);
  mutexV8.store(k, k);
  mutexSpin.store(k, k);
}
const gostdStr = new SharedMap<string, string>();
// The package's types declare a named export, but its module's export is the default one.
const NpmSharedMap = npmSharedMap as unknown as typeof NpmSharedMapClass;
const npm = new NpmSharedMap(8192, 16, 16);
for (const [i, k] of strKeys.entries()) {
  gostdStr.store(k, `v${i}`);
  npm.set(k, `v${i}`);
}

const script = fileURLToPath(new URL('./shared-map-worker.mjs', import.meta.url));
const workers = [1, 2].map(
  (seed) =>
    new Worker(script, {
      workerData: {
        seed: seed * 2654435761,
        gostd: gostd.handle,
        gostdStr: gostdStr.handle,
        mutexV8: mutexV8.buf,
        mutexSpin: mutexSpin.buf,
        npm,
        keySpace,
        strKeys,
      },
    }),
);
let nextId = 0;
const pending = new Map<number, (ms: number) => void>();
for (const w of workers) {
  w.on('message', ({ id, ms }: { id: number; ms: number }) => {
    pending.get(id)?.(ms);
    pending.delete(id);
  });
}

/** ns/op of every iteration, per task. */
const samples = new Map<string, number[]>();
const insideSamples = new Map<string, number[]>();
/** CPU time of the whole process (both workers, spinning included) per operation. */
const cpuSamples = new Map<string, number[]>();

function median(xs: number[] | undefined): number {
  const sorted = [...(xs ?? [])].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

/** parallel runs n operations `name` in each worker at once and records the wall time per operation. */
async function parallel(name: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const inside = await Promise.all(
    workers.map(
      (w) =>
        new Promise<number>((resolve) => {
          const id = nextId++;
          pending.set(id, resolve);
          w.postMessage({ id, name, n: N });
        }),
    ),
  );
  const ns = Number(process.hrtime.bigint() - t0) / (workers.length * N);
  const cpu = process.cpuUsage(cpu0);
  cpuSamples.set(name, [
    ...(cpuSamples.get(name) ?? []),
    ((cpu.user + cpu.system) * 1000) / (workers.length * N),
  ]);
  samples.set(name, [...(samples.get(name) ?? []), ns]);
  // Time inside the workers, per operation of one worker: what each op costs while it runs.
  const own = (inside.reduce((a, b) => a + b, 0) * 1e6) / (workers.length * N);
  insideSamples.set(name, [...(insideSamples.get(name) ?? []), own]);
}

const opts = { time: 1500, warmupTime: 300 };

describe(`store, 2 workers x ${N} random int keys of ${keySpace}`, () => {
  bench('mutex map (V8 lock) store', () => parallel('mutex map (V8 lock) store'), opts);
  bench('mutex map (spin lock) store', () => parallel('mutex map (spin lock) store'), opts);
  bench('SharedMap store', () => parallel('SharedMap store'), opts);
});

describe(`lookup, 2 workers x ${N} random int keys of ${keySpace}`, () => {
  bench('mutex map (V8 lock) load', () => parallel('mutex map (V8 lock) load'), opts);
  bench('mutex map (spin lock) load', () => parallel('mutex map (spin lock) load'), opts);
  bench('SharedMap load', () => parallel('SharedMap load'), opts);
});

describe(`delete, 2 workers x ${N} random int keys (the maps drain, so most deletes miss, as in Go's)`, () => {
  bench('mutex map (V8 lock) delete', () => parallel('mutex map (V8 lock) delete'), opts);
  bench('mutex map (spin lock) delete', () => parallel('mutex map (spin lock) delete'), opts);
  bench('SharedMap delete', () => parallel('SharedMap delete'), opts);
});

describe(`string-key lookup, 2 workers x ${N} random keys of ${strKeys.length} (<= 16 bytes)`, () => {
  bench('sharedmap (npm) string load', () => parallel('sharedmap (npm) string load'), opts);
  bench('SharedMap string load', () => parallel('SharedMap string load'), opts);
});

afterAll(async () => {
  console.log(
    `\nload average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  console.log(
    '\nns/op, medians over iterations: wall = iteration time / ops of both workers (Go RunParallel style); ' +
      'inside a worker = time in the worker / its ops; cpu = process CPU time / ops',
  );
  for (const [name, xs] of samples) {
    const cols = [median(xs), median(insideSamples.get(name)), median(cpuSamples.get(name))];
    console.log(
      `  ${name.padEnd(30)} wall ${cols[0]!.toFixed(1).padStart(7)}  inside a worker ${cols[1]!.toFixed(1).padStart(7)}  cpu ${cols[2]!.toFixed(1).padStart(7)}  (${xs.length} iterations)`,
    );
  }
  console.log('\nratios of wall medians, peer / SharedMap (above 1: SharedMap is faster):');
  const ratio = (peer: string, ours: string) => {
    const r = median(samples.get(peer)) / median(samples.get(ours));
    console.log(`  ${peer.padEnd(30)} / ${ours.padEnd(22)} ${r.toFixed(2)}x`);
  };
  for (const op of ['store', 'load', 'delete']) {
    ratio(`mutex map (V8 lock) ${op}`, `SharedMap ${op}`);
    ratio(`mutex map (spin lock) ${op}`, `SharedMap ${op}`);
  }
  ratio('sharedmap (npm) string load', 'SharedMap string load');
  await Promise.all(workers.map((w) => w.terminate()));
});
