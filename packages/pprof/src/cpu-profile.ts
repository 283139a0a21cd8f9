// CPU profiles of the current thread through node:inspector's Profiler, with
// every sample carrying the label set in effect when it was taken: the API
// (startCPUProfile, stopCPUProfile) and the chunks of a running profile. The
// clocks are aligned in cpu-clock.ts, samples counted by stack in
// cpu-stacks.ts, the profile built in cpu-proto.ts.

import { promisify } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { Tables } from './builder';
import { checkClock, clockSelfCheck, perfOriginUs, startProfiler, stopProfiler } from './cpu-clock';
import { cpuProfileOf } from './cpu-proto';
import { StackCounts } from './cpu-stacks';
import { andThen, post, type Reply, Steps } from './inspector';
import { LabelLog } from './label-log';
import { holdingProcess } from './long-timer';
import { appendWorkers } from './merge-profile';
import { shared } from './shared';
import { checkOptions, checkWriter, describe } from './validate';
import { WorkerHandles } from './worker-handles';
import { joinAsWorker, WorkerProfiles } from './worker-profiles';
import { WorkerSessions } from './worker-sessions';
import { type Writer, writeAll } from './writer';

const gzipAsync = promisify(gzip);

/** CPUProfileOptions are the options of startCPUProfile. */
export interface CPUProfileOptions {
  /**
   * The sampling rate in samples per second, like Go's runtime.SetCPUProfileRate
   * (default 100, Go's default). An integer from 1 to 10000.
   */
  hz?: number;
}

/** How long stopCPUProfile waits for the workers' profiles. */
const workerTimeoutMs = 3000;

/** A running CPU profile: the V8 profiler's chunks so far, the label log, the worker threads. */
class Running {
  /** The worker threads profiled with this one (main thread only): those that loaded the package, */
  workers: WorkerProfiles | undefined;
  /** and those that did not, profiled from outside where Node can (worker-handles.ts), */
  handles: WorkerHandles | undefined;
  /** or through the inspector (worker-sessions.ts: Node 20, and workers older than the package). */
  sessions: WorkerSessions | undefined;
  readonly log = new LabelLog();
  readonly counts = new StackCounts(new Tables(), perfOriginUs());
  readonly startNs = process.hrtime.bigint();
  readonly wallNs = BigInt(Date.now()) * 1_000_000n;
  /** The process.hrtime µs window around the start of the V8 profiler's current chunk. */
  window: [number, number] = [0, 0];
  /** The inspector commands of this profile, in order. */
  readonly steps = new Steps();

  constructor(
    readonly out: Writer,
    readonly hz: number,
  ) {
    // A long switch log is drained by restarting the V8 profiler: its samples so
    // far are taken and the log before them dropped. This keeps memory bounded.
    this.log.onLong = () => {
      setImmediate(() => {
        if (running === this) this.chunk(true);
      }).unref();
    };
  }

  /**
   * Stops the V8 profiler, adds its samples to the profile and (when again)
   * restarts it. Where the inspector answers asynchronously, the samples are
   * added when the answer comes, and the switches logged between the restart
   * and then are dropped with the rest.
   */
  chunk(again: boolean): void {
    const window = this.window;
    const stopped = stopProfiler();
    if (again) this.window = startProfiler(this.steps);
    this.steps.run(() =>
      andThen(stopped, (p) => {
        this.counts.add(p, checkClock(p.startTime, window), this.log);
        this.log.reset();
      }),
    );
  }

  /** The profile of every chunk. */
  profile(): Profile {
    return cpuProfileOf(this.counts, {
      hz: this.hz,
      timeNanos: this.wallNs,
      durationNanos: Number(process.hrtime.bigint() - this.startNs),
    });
  }
}

let running: Running | undefined;

/**
 * startCPUProfile enables CPU profiling of the current thread. While profiling,
 * the profile is buffered and written to w, gzipped in pprof's profile.proto
 * format, by stopCPUProfile. Every sample carries the labels in effect when it
 * was taken. It throws "cpu profiling already in use" when a profile is already
 * running (in this or another copy of the package), and a RangeError for a bad hz.
 *
 * @example
 * ```ts
 * import { PassThrough } from 'node:stream';
 * import { gunzipSync } from 'node:zlib';
 * import { startCPUProfile, stopCPUProfile } from '@gostd/pprof';
 * const out = new PassThrough();
 * const chunks: Buffer[] = [];
 * out.on('data', (c: Buffer) => chunks.push(c));
 * startCPUProfile(out, { hz: 1000 });
 * try {
 *   startCPUProfile(out);
 * } catch (e) {
 *   console.log((e as Error).message);
 * }
 * const end = Date.now() + 20;
 * while (Date.now() < end);
 * await stopCPUProfile();
 * console.log(gunzipSync(Buffer.concat(chunks)).length > 0);
 * // Output:
 * // cpu profiling already in use
 * // true
 * ```
 */
export function startCPUProfile(w: Writer, options: CPUProfileOptions = {}): void {
  checkWriter(w, 'pprof.startCPUProfile: w');
  checkOptions(options, 'pprof.startCPUProfile: options');
  const hz = options.hz ?? 100;
  if (typeof hz !== 'number') throw new TypeError(`pprof: hz must be a number, got ${describe(hz)}`);
  if (!Number.isInteger(hz) || hz < 1 || hz > 10000) {
    throw new RangeError(`pprof: hz must be an integer from 1 to 10000, got ${hz}`);
  }
  if (shared.cpuBusy) throw new Error('cpu profiling already in use');
  shared.cpuBusy = true;
  try {
    const r = new Running(w, hz);
    r.steps.run(clockSelfCheck);
    r.steps.run(() => post('Profiler.enable'));
    r.steps.run(() => post('Profiler.setSamplingInterval', { interval: Math.max(1, Math.round(1e6 / hz)) }));
    r.log.enable();
    r.window = startProfiler(r.steps);
    r.workers = new WorkerProfiles(hz);
    if (isMainThread) {
      const handles = new WorkerHandles(hz);
      r.handles = handles;
      r.sessions = new WorkerSessions(
        hz,
        (thread) => handles.handles(thread),
        (thread) => handles.exiting(thread),
      );
    }
    running = r;
  } catch (e) {
    shared.cpuBusy = false;
    throw e;
  }
}

/**
 * stopCPUProfile stops the current CPU profile, if any, and writes it. The
 * promise settles once the profile has been handed to the writer. It does
 * nothing when no profile was started by this copy of the package.
 *
 * @example
 * ```ts
 * import { stopCPUProfile } from '@gostd/pprof';
 * await stopCPUProfile(); // no profile running: nothing happens
 * console.log('stopped');
 * // Output:
 * // stopped
 * ```
 */
export function stopCPUProfile(): Promise<void> {
  const r = running;
  if (r === undefined) return Promise.resolve();
  // The workers' parts come over unref'd channels and handles: hold the process until the profile is written.
  return holdingProcess(stopAndWrite(r), 2 * workerTimeoutMs);
}

/** Stops r (synchronously where the inspector answers so), gathers the workers' parts and writes the profile. */
async function stopAndWrite(r: Running): Promise<void> {
  // The workers profiled from outside are stopped with the main thread.
  const fromOutside = Promise.all([
    r.handles?.collect(workerTimeoutMs) ?? [],
    r.sessions?.collect(workerTimeoutMs) ?? [],
  ]).then(([handles, sessions]) => [...handles, ...sessions]);
  const profile = await endProfile(r);
  const [own, outside] = await Promise.all([r.workers?.collect(workerTimeoutMs) ?? [], fromOutside]);
  // A worker that sent its own profile (with its labels) is not taken twice.
  const sent = new Set(own.map((w) => w.thread));
  appendWorkers(profile, [
    ...own.map((w) => ({ thread: w.thread, name: w.name, profile: Profile.decode(gunzipSync(w.bytes)) })),
    ...outside.filter((w) => !sent.has(w.thread)),
  ]);
  const buf = await gzipAsync(profile.encode());
  await writeAll(r.out, buf);
}

/**
 * Ends the running profile r and returns it (not yet encoded): synchronously
 * where the inspector answers synchronously (Node), else as a promise.
 */
function endProfile(r: Running): Reply<Profile> {
  running = undefined;
  try {
    r.log.disable();
    r.chunk(false);
    r.steps.run(() => post('Profiler.disable'));
  } finally {
    // Every command of this profile is posted, and the inspector handles the
    // next profile's after them: it may start now, before the answers come.
    shared.cpuBusy = false;
  }
  return r.steps.done(() => r.profile());
}

// In a worker thread, loading the package is enough to appear in the main
// thread's CPU profiles (see worker-profiles.ts).
let forMain: Uint8Array[] = [];
joinAsWorker({
  start(hz) {
    if (shared.cpuBusy) return false;
    const chunks: Uint8Array[] = [];
    forMain = chunks;
    startCPUProfile({ write: (c: Uint8Array) => chunks.push(c) }, { hz });
    return true;
  },
  async stop() {
    await stopCPUProfile();
    return Buffer.concat(forMain);
  },
  stopSync() {
    // The worker is exiting: no time for async work.
    const r = running;
    if (r === undefined) return Buffer.concat(forMain);
    const p = endProfile(r);
    // Where the inspector answers asynchronously, the profile cannot be had in time.
    return p instanceof Promise ? Buffer.concat(forMain) : gzipSync(p.encode());
  },
});
