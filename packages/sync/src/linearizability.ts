// The linearizability harness (test code, not part of the package): real worker_threads run operations on
// one shared object at the same time, each operation's call and return times come from one shared clock,
// and porcupine (testdata/linearizability, a Go program) checks every history against a sequential model.
// A subject module (testdata/linearizability/shared-map.mjs is SharedMap's) says which operations the
// workers draw; the Go program holds the model. Mutex and WaitGroup plug in the same way: a subject module
// and a model.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { goBuildModule, goRun } from '@gostd/testing';

/** The directory of the checker (a Go module) and of the recording worker. */
export const checkerDir = fileURLToPath(new URL('../testdata/linearizability/', import.meta.url));

/** One operation of a history, as worker.mjs records it and the checker reads it. */
export interface Operation {
  /** c is the worker that called it. */
  readonly c: number;
  readonly op: string;
  /** in holds the arguments, out the results, as strings. */
  readonly in: readonly string[];
  readonly out: readonly string[];
  /** call and ret are the times the operation was called and returned on the shared clock. */
  readonly call: number;
  readonly ret: number;
}

/** A history: every operation of one round, and the model it must satisfy. */
export interface History {
  readonly name: string;
  readonly model: string;
  readonly ops: Operation[];
}

/** What a recording needs: who runs what, how many rounds, and the object each round runs on. */
export interface RecordOptions {
  /** subject is the path of the subject module the workers import (it exports attach). */
  readonly subject: string;
  /** model is the checker's name for the sequential specification (for SharedMap, "syncmap"). */
  readonly model: string;
  /** variant is passed to the subject's attach: "real", or the name of a deliberately broken version. */
  readonly variant?: string;
  readonly workers: number;
  readonly rounds: number;
  /** opsPerWorker is how many operations each worker makes in a round. */
  readonly opsPerWorker: number;
  /** handle makes the round's fresh object and returns what attaches a worker to it (structured-cloneable). */
  readonly handle: () => unknown;
  /** seed makes the rounds reproducible (up to the interleaving, which is the point). */
  readonly seed?: number;
  /** name prefixes every history's name. */
  readonly name?: string;
}

/** record runs rounds with workers worker_threads and returns one history per round. */
export async function record(o: RecordOptions): Promise<History[]> {
  const clockBuffer = new SharedArrayBuffer(16);
  const clock = new Int32Array(clockBuffer);
  const workers = Array.from(
    { length: o.workers },
    (_, client) =>
      new Worker(new URL('worker.mjs', `file://${checkerDir}`), {
        workerData: { subject: new URL(o.subject, `file://${checkerDir}`).href, clockBuffer, client },
      }),
  );
  const failed = new Promise<never>((_, reject) => {
    for (const w of workers) w.on('error', reject);
  });
  try {
    const ready = workers.map((w) => new Promise((resolve) => w.once('message', resolve)));
    await Promise.race([Promise.all(ready), failed]);
    const histories: History[] = [];
    for (let round = 0; round < o.rounds; round++) {
      Atomics.store(clock, 1, 0);
      const handle = o.handle();
      const replies = workers.map(
        (w) =>
          new Promise<Operation[]>((resolve) =>
            w.once('message', (m: { events: Operation[] }) => resolve(m.events)),
          ),
      );
      workers.forEach((w, client) => {
        w.postMessage({
          round,
          handle,
          variant: o.variant ?? 'real',
          ops: o.opsPerWorker,
          seed: ((o.seed ?? 1) * 1_000_003 + round * 131 + client * 7919) | 0,
          workers: o.workers,
        });
      });
      const ops = (await Promise.race([Promise.all(replies), failed])).flat();
      histories.push({ name: `${o.name ?? 'h'}-w${o.workers}-${round}`, model: o.model, ops });
    }
    return histories;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The checker's verdicts, by history name. */
export interface Verdicts {
  readonly ok: string[];
  readonly illegal: string[];
  /** unknown holds the histories the checker gave up on (it timed out). */
  readonly unknown: string[];
}

/** check runs porcupine on every history; with viz, illegal ones are drawn as HTML files in that directory. */
export function check(histories: readonly History[], viz?: string): Verdicts {
  const input = `${histories.map((h) => JSON.stringify(h)).join('\n')}\n`;
  const out = goRun(checkerDir, viz ? ['-viz', viz] : [], input);
  const v: Verdicts = { ok: [], illegal: [], unknown: [] };
  for (const line of out.trim().split('\n')) {
    const [name = '', verdict = ''] = line.split(' ');
    if (verdict === 'ok' || verdict === 'illegal' || verdict === 'unknown') v[verdict].push(name);
    else throw new Error(`linearizability checker: unexpected line ${JSON.stringify(line)}`);
  }
  if (v.ok.length + v.illegal.length + v.unknown.length !== histories.length) {
    throw new Error(
      `linearizability checker answered ${out.trim().split('\n').length} of ${histories.length}`,
    );
  }
  return v;
}

/** overlaps counts the pairs of operations by different workers whose call-return intervals overlap. */
export function overlaps(h: History): number {
  const ops = [...h.ops].sort((a, b) => a.call - b.call);
  let n = 0;
  for (let i = 0; i < ops.length; i++) {
    for (let j = i + 1; j < ops.length && ops[j]!.call < ops[i]!.ret; j++) if (ops[j]!.c !== ops[i]!.c) n++;
  }
  return n;
}

/** goBuildChecker builds the checker (fetching porcupine through the Go module proxy the first time). */
export function goBuildChecker(): string {
  return goBuildModule(checkerDir);
}
