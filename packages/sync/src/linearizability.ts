// The linearizability harness (test code, not part of the package): real worker_threads run operations on
// one shared object at the same time, each operation's call and return times come from one shared clock,
// and porcupine (testdata/linearizability, a Go program) checks every history against a sequential model.
// A subject module says which operations the workers draw; the Go program holds the model. SharedMap
// (shared-map.mjs, syncmap.go), Mutex (mutex.mjs, mutex.go), WaitGroup (waitgroup.mjs, waitgroup.go) and
// Once (once.mjs, once.go) plug in that way, all under testdata/linearizability.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { goBuildModule, goRun } from '@gostd/testing';
import { expect } from 'vitest';

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
  /**
   * opsPerWorker is how many operations each worker makes in a round, at most: a subject's next() may end
   * the round sooner (the subject is told opsPerWorker, its client number and the number of workers).
   */
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

/** op makes one operation of a hand-made history, for tests of a model. */
export function op(
  c: number,
  name: string,
  args: string[],
  out: string[],
  call: number,
  ret: number,
): Operation {
  return { c, op: name, in: args, out, call, ret };
}

/** A run of a check: how many workers, how many rounds, and how many operations per worker. */
export type Run = readonly [workers: number, rounds: number, opsPerWorker: number];

/** What one run recorded and what the checker said of it. */
export interface RunResult {
  readonly workers: number;
  readonly histories: History[];
  readonly verdicts: Verdicts;
  /** concurrent counts the histories in which calls of different workers overlapped. */
  readonly concurrent: number;
  /** wanted is how many histories with overlapping calls the run must have (a fifth of one batch). */
  readonly wanted: number;
  /** summary is a line that says all of the above, with the time taken to record and to check. */
  readonly summary: string;
}

/**
 * expectLinearizable fails the test unless every history of r is linearizable and more than a fifth of a
 * batch of them had calls of different workers overlapping (without that, the check proves little).
 * Workers run side by side only when the machine gives them cores at the same moment: on a busy machine
 * (load 15 on 2 cores) a third to two thirds of the SharedMap histories had overlapping calls, and at load 7
 * a batch of 25 Once histories from 8 workers had only 5, so checkRuns records up to MAX_BATCHES batches.
 */
export function expectLinearizable(r: RunResult): void {
  expect(r.verdicts.illegal, `non-linearizable histories (${r.summary})`).toEqual([]);
  expect(r.verdicts.unknown, r.summary).toEqual([]);
  expect(r.concurrent, r.summary).toBeGreaterThan(r.wanted);
}

/** MAX_BATCHES is how many batches of histories checkRuns records at most for one run. */
const MAX_BATCHES = 4;

/**
 * checkRuns records each run with rec and checks its histories (illegal ones drawn in a temporary
 * directory), one run after the other; after each run it calls verify (by default expectLinearizable),
 * so a test stops at the first bad run.
 */
export async function checkRuns(
  runs: readonly Run[],
  rec: (workers: number, rounds: number, opsPerWorker: number) => Promise<History[]>,
  verify: (r: RunResult) => void = expectLinearizable,
): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const [workers, rounds, ops] of runs) {
    const t0 = performance.now();
    // Another batch while too few histories had overlapping calls (a busy machine ran the workers in turn).
    const wanted = rounds / 5;
    const histories: History[] = [];
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      histories.push(...(await rec(workers, rounds, ops)));
      if (histories.filter((h) => overlaps(h) > 0).length > wanted) break;
    }
    const t1 = performance.now();
    const viz = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-linearizability-'));
    const verdicts = check(histories, viz);
    const t2 = performance.now();
    const concurrent = histories.filter((h) => overlaps(h) > 0).length;
    const n = histories.reduce((k, h) => k + h.ops.length, 0);
    const r: RunResult = {
      workers,
      histories,
      verdicts,
      concurrent,
      wanted,
      summary:
        `${workers} workers: ${histories.length} histories, ${n} operations (${concurrent} histories with overlapping calls), ` +
        `${verdicts.ok.length} linearizable, ${verdicts.illegal.length} not, ${verdicts.unknown.length} undecided ` +
        `(recorded in ${((t1 - t0) / 1000).toFixed(1)} s, checked in ${((t2 - t1) / 1000).toFixed(1)} s)` +
        (verdicts.illegal.length > 0 ? `; the illegal ones drawn in ${viz}` : ''),
    };
    verify(r);
    results.push(r);
  }
  return results;
}
