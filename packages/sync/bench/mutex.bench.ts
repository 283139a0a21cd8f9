// Mutex against its peers, in one run:
// - one thread: `await mu.lock(); mu.unlock()` uncontended, and with 100 async tasks contending, against
//   async-mutex's Mutex (`const release = await m.acquire(); release()`);
// - 2 worker_threads taking one lock in turns (a non-atomic increment inside): this Mutex (lockSync and
//   await lock()), a plain Atomics.compareExchange spin lock, and the V8-article and futex locks of the
//   SharedMap benchmark (mutex-map.mjs); and Go's sync.Mutex with 2 goroutines (testdata/mutex.go), on the
//   Go of @gostd/testing (>= 1.23) when the machine has one.
// ns/op are medians over iterations; the workers' ns/op is an iteration's wall time over the operations of
// both workers, as Go's RunParallel counts. Build first (`npx tsup`): the workers load dist/index.js.
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { goRun, whyNoGo } from '@gostd/testing';
import { Mutex as AsyncMutex } from 'async-mutex';
import { afterAll, bench, describe } from 'vitest';
import { Mutex } from '../src/index';
import { MutexMap } from './mutex-map.mjs';

const loadAtStart = loadavg();
/** ns per operation of every iteration, per task. */
const samples = new Map<string, number[]>();

function record(name: string, ns: number): void {
  samples.set(name, [...(samples.get(name) ?? []), ns]);
}

function median(xs: number[] | undefined): number {
  const s = [...(xs ?? [])].sort((a, b) => a - b);
  return s[s.length >> 1] ?? Number.NaN;
}

const opts = { time: 1500, warmupTime: 300 };

// One thread, uncontended.
const ops = 1024;
const gostd = new Mutex();
const peer = new AsyncMutex();

async function timed(name: string, n: number, run: () => Promise<void>): Promise<void> {
  const t = performance.now();
  await run();
  record(name, ((performance.now() - t) * 1e6) / n);
}

describe(`one thread, uncontended: ${ops} x lock, unlock`, () => {
  bench(
    'Mutex (@gostd/sync)',
    () =>
      timed('uncontended: Mutex', ops, async () => {
        for (let i = 0; i < ops; i++) {
          await gostd.lock();
          gostd.unlock();
        }
      }),
    opts,
  );
  bench(
    'async-mutex Mutex',
    () =>
      timed('uncontended: async-mutex', ops, async () => {
        for (let i = 0; i < ops; i++) {
          const release = await peer.acquire();
          release();
        }
      }),
    opts,
  );
});

// One thread, 100 tasks contending: each takes the lock `rounds` times.
const tasks = 100;
const rounds = 10;

describe(`one thread, ${tasks} tasks contending: ${tasks} x ${rounds} x lock, unlock`, () => {
  bench(
    'Mutex (@gostd/sync)',
    () =>
      timed('contended: Mutex', tasks * rounds, async () => {
        const all: Promise<void>[] = [];
        for (let t = 0; t < tasks; t++) {
          all.push(
            (async () => {
              for (let i = 0; i < rounds; i++) {
                await gostd.lock();
                gostd.unlock();
              }
            })(),
          );
        }
        await Promise.all(all);
      }),
    opts,
  );
  bench(
    'async-mutex Mutex',
    () =>
      timed('contended: async-mutex', tasks * rounds, async () => {
        const all: Promise<void>[] = [];
        for (let t = 0; t < tasks; t++) {
          all.push(
            (async () => {
              for (let i = 0; i < rounds; i++) {
                const release = await peer.acquire();
                release();
              }
            })(),
          );
        }
        await Promise.all(all);
      }),
    opts,
  );
});

// Two workers.
const N = 200_000; // lock/unlock pairs per worker per iteration
const counter = new Int32Array(new SharedArrayBuffer(4));
const mutex = new Mutex();
const spin = new Int32Array(new SharedArrayBuffer(4));
const v8 = new MutexMap(16, 'v8');
const futex = new MutexMap(16, 'spin');
const script = fileURLToPath(new URL('./mutex-worker.mjs', import.meta.url));
const workers = [0, 1].map(
  () =>
    new Worker(script, {
      workerData: {
        counter: counter.buffer,
        mutex: mutex.handle,
        spin: spin.buffer,
        v8: v8.buf,
        futex: futex.buf,
      },
    }),
);
let nextId = 0;
const pending = new Map<number, () => void>();
for (const w of workers) w.on('message', ({ id }: { id: number }) => pending.get(id)?.());
/** lost counts increments lost by a lock that did not exclude (must stay 0). */
let lost = 0;

async function parallel(name: string): Promise<void> {
  const before = counter[0] as number;
  const t = process.hrtime.bigint();
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          const id = nextId++;
          pending.set(id, resolve);
          w.postMessage({ id, name, n: N });
        }),
    ),
  );
  record(`2 workers: ${name}`, Number(process.hrtime.bigint() - t) / (2 * N));
  lost += before + 2 * N - (counter[0] as number);
}

describe(`2 workers x ${N} lock, increment, unlock`, () => {
  for (const name of ['Mutex.lockSync', 'Mutex.lock', 'spin lock', 'V8 lock', 'futex lock']) {
    bench(name, () => parallel(name), opts);
  }
});

/** goMutex runs testdata/mutex.go on @gostd/testing's Go and returns its ns/op per repetition, or [] without Go. */
function goMutex(): number[] {
  const why = whyNoGo();
  if (why !== null) {
    console.log(`Go's sync.Mutex not measured: ${why}`);
    return [];
  }
  try {
    const out = goRun(fileURLToPath(new URL('./testdata/mutex.go', import.meta.url)));
    return out
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { nsPerOp: number }).nsPerOp);
  } catch (e) {
    console.log(`Go's sync.Mutex not measured: ${(e as Error).message.split('\n')[0]}`);
    return [];
  }
}

afterAll(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
  const go = goMutex();
  if (go.length) samples.set("2 goroutines: Go's sync.Mutex", go);
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
  console.log(
    `\nload average at start ${fmt(loadAtStart)}, at end ${fmt(loadavg())}, ${availableParallelism()} cores`,
  );
  console.log(`lost increments under the worker locks: ${lost} (must be 0)`);
  console.log('ns/op, median (min-max) over iterations:');
  for (const [name, xs] of samples) {
    console.log(
      `  ${name.padEnd(40)} ${median(xs).toFixed(1).padStart(8)}  (${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)}, ${xs.length} iterations)`,
    );
  }
  const ratio = (a: string, b: string) => (median(samples.get(a)) / median(samples.get(b))).toFixed(2);
  console.log('ratios of medians:');
  console.log(
    `  uncontended: Mutex / async-mutex          ${ratio('uncontended: Mutex', 'uncontended: async-mutex')}x (goal <= 1.0x)`,
  );
  console.log(
    `  100 tasks contending: Mutex / async-mutex  ${ratio('contended: Mutex', 'contended: async-mutex')}x (goal <= 1.5x)`,
  );
  for (const peerName of ['spin lock', 'V8 lock', 'futex lock']) {
    console.log(
      `  2 workers: Mutex.lockSync / ${peerName.padEnd(12)} ${ratio('2 workers: Mutex.lockSync', `2 workers: ${peerName}`)}x`,
    );
  }
  if (go.length) {
    console.log(
      `  2 workers: Mutex.lockSync / Go sync.Mutex   ${ratio('2 workers: Mutex.lockSync', "2 goroutines: Go's sync.Mutex")}x`,
    );
  }
});
