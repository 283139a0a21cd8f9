// The harness of the SharedMap tests on real worker_threads (shared-map.worker.test.ts,
// shared-map.adversarial.test.ts). The workers run shared-map-worker.mjs, which imports the built
// dist/index.js: run `npx tsup` before these tests (turbo builds before it tests).
//
// No test can hang: every worker counts the operations it completes in a shared word, and `finish`
// terminates all the workers and fails, naming the stalled worker, when one makes no progress for STALL_MS
// (an operation of the map is spinning) or the test runs past its deadline, well inside vitest's timeout.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SharedMapHandle } from '../shared-map';

/** script is the worker every test runs (it loads the built dist/index.js). */
export const script = fileURLToPath(new URL('./shared-map-worker.mjs', import.meta.url));
const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** STALL_MS is how long a worker may go without completing an operation before the test calls it stuck. */
export const STALL_MS = 20_000;
/** DEADLINE_MS is how long one test may take (vitest's own timeout is 60 s). */
export const DEADLINE_MS = 50_000;

export type Result = Record<string, number>;

export interface Running {
  task: string;
  worker: Worker;
  result: Promise<Result>;
  started: Promise<void>;
  /** progress[0] counts the operations the worker completed. */
  progress: Int32Array;
  finished: boolean;
}

export function start(
  map: { handle: SharedMapHandle },
  task: string,
  data: Record<string, unknown> = {},
  stop?: Int32Array,
): Running {
  const progress = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(script, {
    workerData: {
      handle: map.handle,
      task,
      stopBuffer: stop?.buffer,
      progressBuffer: progress.buffer,
      ...data,
    },
  });
  let markStarted: () => void = () => {};
  const started = new Promise<void>((res) => {
    markStarted = res;
  });
  const run: Running = { task, worker, result: Promise.resolve({}), started, progress, finished: false };
  run.result = new Promise<Result>((resolve, reject) => {
    worker.on('message', (msg: Result & { done?: boolean; started?: boolean }) => {
      if (msg.started) markStarted();
      if (msg.done) {
        run.finished = true;
        resolve(msg);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`worker ${task} exited with ${code} before finishing`)));
  });
  run.result.catch(() => {}); // finish reports the failure
  return run;
}

/**
 * watch resolves with `what` once it settles, but first terminates every run and rejects with a message that
 * names the stalled worker if one of runs stops completing operations for STALL_MS, or `until` passes.
 */
export async function watch<T>(what: Promise<T>, runs: Running[], until: number, label: string): Promise<T> {
  const last = runs.map((r) => ({ ops: Atomics.load(r.progress, 0), at: Date.now() }));
  let timer: ReturnType<typeof setInterval> | undefined;
  // Set before the workers are terminated, so that it, not their exit, is what the test reports.
  let problem = '';
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const now = Date.now();
      runs.forEach((r, i) => {
        const ops = Atomics.load(r.progress, 0);
        const seen = last[i]!;
        if (ops !== seen.ops || r.finished) {
          seen.ops = ops;
          seen.at = now;
        } else if (now - seen.at >= STALL_MS && !problem) {
          problem =
            `${label}: worker ${i} (${r.task}) completed no operation for ${Math.round((now - seen.at) / 1000)} s ` +
            `after ${ops}: a SharedMap operation is spinning (livelock or hang)`;
        }
      });
      if (!problem && now > until) {
        const counts = runs.map(
          (r) => `${r.task} ${Atomics.load(r.progress, 0)}${r.finished ? ' (done)' : ''}`,
        );
        problem = `${label}: still running after the test's ${DEADLINE_MS / 1000} s deadline; ops so far: ${counts.join(', ')}`;
      }
      if (!problem) return;
      clearInterval(timer);
      Promise.all(runs.map((r) => r.worker.terminate())).then(() => reject(new Error(problem)));
    }, 250);
  });
  try {
    return await Promise.race([what, stalled]);
  } catch (e) {
    throw problem ? new Error(problem) : e;
  } finally {
    clearInterval(timer);
  }
}

/** finish waits for the results of runs, under watch. */
export function finish(runs: Running[], until: number, label: string): Promise<Result[]> {
  return watch(Promise.all(runs.map((r) => r.result)), runs, until, label);
}

export function stopFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const deadline = () => Date.now() + DEADLINE_MS;

/** checkBuilt throws unless dist/index.js, which the workers load, exists. */
export function checkBuilt(): void {
  if (!existsSync(dist)) throw new Error('dist/index.js is missing: run `npx tsup` before the worker tests');
}
