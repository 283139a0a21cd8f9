// CPU profiles of the current thread through node:inspector's Profiler, with
// every sample carrying the label set in effect when it was taken.

import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Profile, Sample, ValueType } from 'pprof-format';
import { Tables } from './builder';
import { type CpuProfile, post } from './inspector';
import { LabelLog, storeKey } from './label-log';
import { shared } from './shared';
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

/** The result of the clock self-check: how inspector sample times relate to process.hrtime. */
export interface ClockCheck {
  /** True when the profile's start time fell inside the process.hrtime window around Profiler.start. */
  aligned: boolean;
  /** Microseconds to subtract from inspector times to get process.hrtime µs (0 when aligned). */
  offsetUs: number;
  /** The width of the window (µs), the uncertainty of the check. */
  windowUs: number;
}

let clock: ClockCheck | undefined;

function hrUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Starts the V8 profiler; returns the process.hrtime µs window around the start. */
function startProfiler(): [number, number] {
  const h0 = hrUs();
  post('Profiler.start');
  return [h0, hrUs()];
}

function stopProfiler(): CpuProfile {
  return post<{ profile: CpuProfile }>('Profiler.stop').profile;
}

/** CheckClock compares a profile's start time with the process.hrtime µs window around its Profiler.start. */
export function checkClock(startTime: number, window: [number, number]): ClockCheck {
  const slack = 1000;
  const aligned = startTime >= window[0] - slack && startTime <= window[1] + slack;
  return {
    aligned,
    offsetUs: aligned ? 0 : Math.round(startTime - (window[0] + window[1]) / 2),
    windowUs: window[1] - window[0],
  };
}

/**
 * ClockSelfCheck verifies, once per process, that the inspector's sample
 * timestamps share process.hrtime's monotonic clock, by starting and stopping the
 * profiler and comparing its start time with hrtime readings around the start.
 */
export function clockSelfCheck(): ClockCheck {
  if (clock === undefined) {
    post('Profiler.enable');
    const w = startProfiler();
    clock = checkClock(stopProfiler().startTime, w);
  }
  return clock;
}

/** performance.now() ms minus process.hrtime µs / 1000, measured on the tightest of a few readings. */
function perfOriginUs(): number {
  let best = Number.POSITIVE_INFINITY;
  let origin = 0;
  for (let i = 0; i < 5; i++) {
    const a = process.hrtime.bigint();
    const p = performance.now();
    const b = process.hrtime.bigint();
    const width = Number(b - a);
    if (width < best) {
      best = width;
      origin = Number((a + b) / 2n) / 1000 - p * 1000;
    }
  }
  return origin;
}

interface Agg {
  locs: number[];
  labels: number;
  count: number;
}

class Running {
  readonly tables = new Tables();
  readonly log = new LabelLog();
  readonly agg = new Map<string, Agg>();
  readonly startNs = process.hrtime.bigint();
  readonly wallNs = BigInt(Date.now()) * 1_000_000n;
  readonly originUs = perfOriginUs();
  window: [number, number] = [0, 0];
  samples = 0;
  gapsUs = 0;
  gaps = 0;
  unlabeled = 0;
  misaligned = 0;
  chunks = 0;

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

  /** Stops the V8 profiler, adds its samples to the profile and (when again) restarts it. */
  chunk(again: boolean): void {
    const p = stopProfiler();
    const window = this.window;
    if (again) this.window = startProfiler();
    this.add(p, window);
    this.log.reset();
  }

  private add(p: CpuProfile, window: [number, number]): void {
    const c = checkClock(p.startTime, window);
    const offsetUs = c.aligned ? 0 : c.offsetUs;
    if (!c.aligned) this.misaligned++;
    const byId = new Map<number, (typeof p.nodes)[number]>();
    const parent = new Map<number, number>();
    for (const n of p.nodes) {
      byId.set(n.id, n);
      for (const ch of n.children ?? []) parent.set(ch, n.id);
    }
    const stacks = new Map<number, number[]>();
    const stackOf = (id: number): number[] => {
      let s = stacks.get(id);
      if (s !== undefined) return s;
      const node = byId.get(id);
      const up = parent.get(id);
      if (node === undefined || up === undefined) s = [];
      else s = [this.tables.location(node.callFrame), ...stackOf(up)];
      stacks.set(id, s);
      return s;
    };
    const samples = p.samples ?? [];
    const deltas = p.timeDeltas ?? [];
    let t = p.startTime;
    let first = -1;
    let taken = 0;
    const log = this.log;
    for (let i = 0; i < samples.length; i++) {
      t += deltas[i] ?? 0;
      if (first < 0) first = t;
      taken++;
      const locs = stackOf(samples[i] as number);
      if (locs.length === 0) continue;
      const store = log.storeAt((t - offsetUs - this.originUs) / 1000);
      const labels = store === undefined ? -1 : this.tables.labelSet(storeKey(store), () => store.labels);
      const key = `${locs.join(',')}#${labels}`;
      const a = this.agg.get(key);
      if (a === undefined) this.agg.set(key, { locs, labels, count: 1 });
      else a.count++;
      this.samples++;
    }
    // The measured period: the mean time between consecutive samples (the time
    // before the first sample, when V8 may still be setting up, is left out).
    if (taken > 1) {
      this.gapsUs += t - first;
      this.gaps += taken - 1;
    }
    if (log.overflowAt >= 0) this.unlabeled++;
    this.chunks++;
  }

  /** The profile of every chunk. */
  profile(): Profile {
    const st = this.tables.strings;
    const period = this.gaps > 0 ? Math.round((this.gapsUs * 1000) / this.gaps) : Math.round(1e9 / this.hz);
    const sample: Sample[] = [];
    for (const a of this.agg.values()) {
      sample.push(
        new Sample({
          locationId: a.locs,
          value: [a.count, a.count * period],
          label: this.tables.labels(a.labels),
        }),
      );
    }
    const comment: number[] = [
      st.dedup(
        `@gostd/pprof: requested ${this.hz} Hz, measured period ${period} ns, ${this.chunks} chunk(s)`,
      ),
    ];
    if (this.misaligned > 0) {
      comment.push(
        st.dedup('@gostd/pprof: inspector clock offset from process.hrtime corrected; labels approximate'),
      );
    }
    if (this.unlabeled > 0)
      comment.push(st.dedup('@gostd/pprof: label log overflowed; some samples lost labels'));
    const cpu = new ValueType({ type: st.dedup('cpu'), unit: st.dedup('nanoseconds') });
    return new Profile({
      sampleType: [new ValueType({ type: st.dedup('samples'), unit: st.dedup('count') }), cpu],
      sample,
      mapping: [this.tables.mapping],
      location: this.tables.locations,
      function: this.tables.functions,
      stringTable: st,
      timeNanos: this.wallNs,
      durationNanos: Number(process.hrtime.bigint() - this.startNs),
      periodType: cpu,
      period,
      comment,
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
  const hz = options.hz ?? 100;
  if (!Number.isInteger(hz) || hz < 1 || hz > 10000) {
    throw new RangeError(`pprof: hz must be an integer from 1 to 10000, got ${hz}`);
  }
  if (shared.cpuBusy) throw new Error('cpu profiling already in use');
  clockSelfCheck();
  shared.cpuBusy = true;
  try {
    post('Profiler.enable');
    post('Profiler.setSamplingInterval', { interval: Math.max(1, Math.round(1e6 / hz)) });
    const r = new Running(w, hz);
    r.log.enable();
    r.window = startProfiler();
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
export async function stopCPUProfile(): Promise<void> {
  const r = running;
  if (r === undefined) return;
  running = undefined;
  let profile: Profile;
  try {
    r.log.disable();
    r.chunk(false);
    post('Profiler.disable');
    profile = r.profile();
  } finally {
    shared.cpuBusy = false;
  }
  const buf = await gzipAsync(profile.encode());
  await writeAll(r.out, buf);
}
