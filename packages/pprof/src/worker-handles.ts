// CPU profiles of worker threads that never load @gostd/pprof, taken from the
// main thread with Worker.prototype.startCpuProfile where Node has it (22.20+
// on the 22 line, 24.8+). The main thread learns of every Worker created after
// the package loaded there from diagnostics_channel 'worker_threads'. While a
// CPU profile runs, each such worker that does not take part through the
// package's own channel (worker-profiles.ts: it carries the worker's labels)
// is profiled by V8 from outside, and at stop its V8 profile is counted as the
// package's own are (cpu-stacks.ts, cpu-proto.ts).
import { subscribe } from 'node:diagnostics_channel';
import { BroadcastChannel, isMainThread, Worker } from 'node:worker_threads';
import type { Profile } from 'pprof-format';
import { Tables } from './builder';
import { cpuProfileOf } from './cpu-proto';
import { StackCounts } from './cpu-stacks';
import type { CpuProfile } from './inspector';
import { channelName, waitAtMost } from './worker-profiles';

/** What Worker.prototype.startCpuProfile resolves to. */
interface CpuProfileHandle {
  /** Stops the profile: the V8 profile as JSON (Profiler.Profile's shape). */
  stop(): Promise<string>;
}

type StartCpuProfile = (this: Worker, arg?: unknown) => Promise<CpuProfileHandle>;

/** A worker seen being created, held weakly: an exited worker is dropped. */
interface Known {
  readonly ref: WeakRef<Worker>;
  online: boolean;
}

/** The workers seen by any copy of the package in the main thread. */
interface Seen {
  readonly version: 1;
  /** By threadId (which a Worker loses, to -1, once it has exited). */
  readonly workers: Map<number, Known>;
  /** Threads that loaded the package (said hello or answered a profile on its channel). */
  readonly joined: Set<number>;
  /** Called when a known worker comes online; set while a profile runs. */
  onOnline: ((thread: number, w: Worker) => void) | null;
}

const key = Symbol.for('@gostd/pprof.workers-seen.v1');

function startCpuProfileOf(w: Worker): StartCpuProfile | undefined {
  const f = (w as unknown as { startCpuProfile?: unknown }).startCpuProfile;
  return typeof f === 'function' ? (f as StartCpuProfile) : undefined;
}

function init(): Seen | undefined {
  if (!isMainThread || startCpuProfileOf(Worker.prototype) === undefined) return undefined;
  const g = globalThis as unknown as Record<symbol, Seen | undefined>;
  const have = g[key];
  if (have !== undefined) return have;
  const s: Seen = { version: 1, workers: new Map(), joined: new Set(), onOnline: null };
  try {
    subscribe('worker_threads', (m) => {
      // An error thrown here would reach the application as an uncaught exception.
      try {
        const w = (m as { worker?: unknown } | undefined)?.worker;
        if (w instanceof Worker) track(s, w);
      } catch {
        // The worker is not profiled.
      }
    });
  } catch {
    return undefined;
  }
  // It hears every message on the channel, the workers' profiles too (one
  // more copy of each), to know which workers profile themselves.
  try {
    const ch = new BroadcastChannel(channelName);
    ch.unref();
    ch.onmessage = (ev) => {
      const m = (ev as { data?: { t?: unknown; thread?: unknown } }).data;
      if ((m?.t === 'hello' || m?.t === 'ack') && typeof m.thread === 'number') s.joined.add(m.thread);
    };
  } catch {
    // Without it, a worker that loads the package is told apart at stop only.
  }
  Object.defineProperty(globalThis, key, {
    value: s,
    enumerable: false,
    configurable: false,
    writable: false,
  });
  return s;
}

function track(s: Seen, w: Worker): void {
  const thread = w.threadId;
  const known: Known = { ref: new WeakRef(w), online: false };
  s.workers.set(thread, known);
  w.once('online', () => {
    known.online = true;
    const live = known.ref.deref();
    if (live !== undefined) s.onOnline?.(thread, live);
  });
  w.once('exit', () => {
    s.workers.delete(thread);
    s.joined.delete(thread);
  });
}

const seen = init();

/**
 * The worker's name as the main thread's Worker has it (threadName, Node
 * 22+); '' for none, and for Node 24's default 'WorkerThread'.
 */
function nameOf(w: Worker): string {
  const name = (w as unknown as { threadName?: unknown }).threadName;
  return typeof name !== 'string' || name === 'WorkerThread' ? '' : name;
}

/** How startCpuProfile takes its argument: options (Node 26; Node 24 ignores them) or a name (Node 22). */
let byName = false;
let names = 0;

/**
 * Starts a V8 CPU profile of w sampling every periodMs where Node takes the
 * interval (Node 26: sampleInterval, in milliseconds, fractions allowed down
 * to 1 µs). Node 22 wants a profile name and rejects the options object; the
 * first such rejection switches to names for the rest of the process.
 */
function startOn(w: Worker, periodMs: number): Promise<CpuProfileHandle> {
  const start = startCpuProfileOf(w) as StartCpuProfile;
  const named = (): Promise<CpuProfileHandle> =>
    new Promise((r) => r(start.call(w, `@gostd/pprof.${process.pid}.${++names}`)));
  if (byName) return named();
  return new Promise<CpuProfileHandle>((r) => r(start.call(w, { sampleInterval: periodMs }))).catch(
    (e: unknown) => {
      if ((e as { code?: unknown } | null)?.code !== 'ERR_INVALID_ARG_TYPE') throw e;
      byName = true;
      return named();
    },
  );
}

/**
 * Resample thins a V8 profile to at most one sample per periodUs of its clock,
 * so that a worker sampled faster than the requested rate (Node 22 and 24 take
 * no interval: V8's default is 1 ms) counts its samples as the main thread's do.
 */
export function resample(p: CpuProfile, periodUs: number): CpuProfile {
  const from = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let t = p.startTime;
  let last = p.startTime;
  let next = p.startTime;
  for (let i = 0; i < from.length; i++) {
    t += deltas[i] ?? 0;
    if (t < next) continue;
    samples.push(from[i] as number);
    timeDeltas.push(t - last);
    last = t;
    next += periodUs;
    if (next <= t) next = t + periodUs; // after a gap, no burst to catch up
  }
  return { ...p, samples, timeDeltas };
}

const noLabels = { storeAt: () => undefined, overflowAt: -1 };

/** The pprof profile of a worker's V8 profile at hz: no labels of its own. */
export function workerProfileOf(p: CpuProfile, hz: number): Profile {
  const counts = new StackCounts(new Tables(), 0);
  counts.add(resample(p, 1e6 / hz), { aligned: true, offsetUs: 0, windowUs: 0 }, noLabels);
  return cpuProfileOf(counts, {
    hz,
    timeNanos: BigInt(Date.now()) * 1_000_000n,
    durationNanos: Math.max(0, Math.round((p.endTime - p.startTime) * 1000)),
  });
}

/** A worker's profile, taken from outside. */
export interface HandleProfile {
  thread: number;
  /** The name the worker was started with; '' when none. */
  name: string;
  profile: Profile;
}

/**
 * WorkerHandles runs on the main thread for the length of one CPU profile: it
 * profiles every known worker that did not load the package, through
 * startCpuProfile, those that come online meanwhile too.
 */
export class WorkerHandles {
  private readonly started = new Map<
    number,
    { name: string; handle: Promise<CpuProfileHandle | undefined> }
  >();
  /** Each worker's stopped profile (V8's JSON), by thread: stopped once, at collect or as it exited. */
  private readonly stops = new Map<number, Promise<string | undefined>>();
  private readonly online: (thread: number, w: Worker) => void;
  private stopped = false;

  constructor(private readonly hz: number) {
    this.online = (thread, w) => this.add(thread, w);
    const s = seen;
    if (s === undefined) return;
    s.onOnline = this.online;
    for (const [thread, k] of s.workers) {
      const w = k.ref.deref();
      if (w !== undefined && k.online) this.add(thread, w);
    }
  }

  /** Whether thread is a worker this profiles (created after the package loaded, where Node can). */
  handles(thread: number): boolean {
    return seen?.workers.has(thread) ?? false;
  }

  private add(thread: number, w: Worker): void {
    if (this.stopped || seen?.joined.has(thread) || this.started.has(thread)) return;
    const handle = startOn(w, 1000 / this.hz).catch(() => undefined);
    this.started.set(thread, { name: nameOf(w), handle });
  }

  /**
   * Exiting stops the profile of a worker this profiles that is exiting (its
   * exit waits for this: worker-exits.ts) and keeps it for collect. Undefined
   * when this does not profile the thread.
   */
  exiting(thread: number): Promise<unknown> | undefined {
    return this.started.has(thread) ? this.stopOnce(thread) : undefined;
  }

  private stopOnce(thread: number): Promise<string | undefined> {
    let p = this.stops.get(thread);
    if (p === undefined) {
      p = (this.started.get(thread)?.handle ?? Promise.resolve(undefined)).then((h) => h?.stop());
      this.stops.set(thread, p);
    }
    return p;
  }

  /**
   * Collect stops every worker's profile and returns those that arrive within
   * timeoutMs, with those taken as their workers exited. A worker that exited
   * without its profile taken, was terminated or failed in any way is left
   * out, and so is one that loaded the package meanwhile.
   */
  collect(timeoutMs: number): Promise<HandleProfile[]> {
    this.stopped = true;
    if (seen !== undefined && seen.onOnline === this.online) seen.onOnline = null;
    const out: HandleProfile[] = [];
    const one = async (thread: number, name: string) => {
      const json = await this.stopOnce(thread);
      if (json === undefined || seen?.joined.has(thread)) return;
      out.push({ thread, name, profile: workerProfileOf(JSON.parse(json) as CpuProfile, this.hz) });
    };
    const all = [...this.started].map(([thread, s]) => one(thread, s.name).catch(() => undefined));
    return waitAtMost(all, timeoutMs).then(() => out.slice().sort((a, b) => a.thread - b.thread));
  }
}
