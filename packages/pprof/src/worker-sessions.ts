// CPU profiles of worker threads that never load @gostd/pprof and that
// Worker.prototype.startCpuProfile cannot reach: every such worker on Node 20
// (which has no startCpuProfile), and on any Node the workers created before
// the package loaded (worker-handles.ts only sees those created after). For the
// length of one CPU profile the main thread opens an inspector session of its
// own, attaches to the workers through Node's NodeWorker domain
// (worker-inspector.ts), and runs V8's Profiler domain in each by message; at
// stop each worker's V8 profile is counted as worker-handles.ts counts its own.
// The same session makes every worker profiled from outside (by it or by
// worker-handles.ts) wait, as it exits by itself, until its profile is taken
// (worker-exits.ts).
import { BroadcastChannel, isMainThread } from 'node:worker_threads';
import type { CpuProfile } from './inspector';
import { isExitCall, letGo, unwatchExit, watchExit } from './worker-exits';
import { type HandleProfile, workerProfileOf } from './worker-handles';
import { type AttachedWorker, WorkerInspector } from './worker-inspector';
import { channelName, waitAtMost } from './worker-profiles';

/** How long a worker may take to say it loaded the package before it is reached from outside. */
export const graceMs = 50;

/**
 * WorkerSessions runs on the main thread for the length of one CPU profile:
 * it profiles through the inspector every worker that does not take part by
 * itself (it loaded the package) and that skip does not name (worker-handles.ts
 * profiles it).
 */
export class WorkerSessions {
  private readonly inspector: WorkerInspector | undefined;
  private readonly channel: BroadcastChannel | undefined;
  /** The workers attached to, with whether their profile started (undefined: not asked). */
  private readonly started = new Map<AttachedWorker, Promise<boolean> | undefined>();
  /** Each worker's stopped profile, stopped once: at collect or as it exited. */
  private readonly stops = new Map<AttachedWorker, Promise<CpuProfile>>();
  /** The workers whose exit waits for this session (worker-exits.ts). */
  private readonly watched = new Map<AttachedWorker, Promise<boolean>>();
  private readonly joined = new Set<number>();
  private stopped = false;

  /**
   * skip names the workers that worker-handles.ts profiles; exiting stops the profile of such a worker as
   * it exits (WorkerHandles.exiting).
   */
  constructor(
    private readonly hz: number,
    private readonly skip: (thread: number) => boolean,
    private readonly exiting: (thread: number) => Promise<unknown> | undefined = () => undefined,
  ) {
    if (!isMainThread) return;
    try {
      // A worker that loaded the package says so on its channel (hello, or the ack of this profile's start).
      const ch = new BroadcastChannel(channelName);
      ch.unref();
      ch.onmessage = (ev) => {
        const m = (ev as { data?: { t?: unknown; thread?: unknown } }).data;
        if ((m?.t === 'hello' || m?.t === 'ack') && typeof m.thread === 'number') this.joined.add(m.thread);
      };
      this.channel = ch;
    } catch {
      // No BroadcastChannel: every worker is taken as not having loaded the package.
    }
    this.inspector = new WorkerInspector(
      (w) => this.attach(w),
      (w, method, params) => {
        if (isExitCall(method, params)) this.onExit(w);
      },
    );
  }

  private attach(w: AttachedWorker): void {
    if (this.stopped) return;
    this.started.set(w, undefined);
    const timer = setTimeout(() => {
      if (this.stopped || w.gone || this.joined.has(w.thread)) return;
      const i = this.inspector as WorkerInspector;
      if (this.skip(w.thread)) {
        this.watch(w, Promise.resolve());
        return;
      }
      const interval = Math.max(1, Math.round(1e6 / this.hz));
      const started = i
        .send(w, 'Profiler.enable')
        .then(() => i.send(w, 'Profiler.setSamplingInterval', { interval }))
        .then(() => i.send(w, 'Profiler.start'));
      this.started.set(
        w,
        started.then(
          () => true,
          () => false,
        ),
      );
      this.watch(w, started);
    }, graceMs);
    timer.unref();
  }

  /** Makes w's exit wait for this session once after (its profile started). */
  private watch(w: AttachedWorker, after: Promise<unknown>): void {
    const i = this.inspector as WorkerInspector;
    this.watched.set(
      w,
      after
        .then(() => watchExit(i, w))
        .then(
          () => true,
          () => false,
        ),
    );
  }

  /** w is exiting and waits: its profile is taken (by this or by worker-handles.ts), then it is let go. */
  private onExit(w: AttachedWorker): void {
    const i = this.inspector as WorkerInspector;
    const taking = this.started.get(w) !== undefined ? this.stopOnce(w) : this.exiting(w.thread);
    void Promise.resolve(taking)
      .catch(() => undefined)
      .then(() => letGo(i, w))
      .catch(() => undefined);
  }

  private stopOnce(w: AttachedWorker): Promise<CpuProfile> {
    let p = this.stops.get(w);
    if (p === undefined) {
      const i = this.inspector as WorkerInspector;
      p = i.send<{ profile: CpuProfile }>(w, 'Profiler.stop').then((r) => r.profile);
      this.stops.set(w, p);
    }
    return p;
  }

  /**
   * Collect stops every worker's profile and returns those that arrive within
   * timeoutMs, with those taken as their workers exited. A worker that exited
   * without its profile taken, failed, or loaded the package meanwhile is left
   * out. The session ends (and detaches from the workers) then.
   */
  async collect(timeoutMs: number): Promise<HandleProfile[]> {
    this.stopped = true;
    const out: HandleProfile[] = [];
    const i = this.inspector;
    const one = async (w: AttachedWorker, started: Promise<boolean> | undefined): Promise<void> => {
      if (i === undefined || started === undefined || !(await started)) return;
      // A worker whose profile was taken as it exited is gone, and counts.
      if (w.gone && !this.stops.has(w)) return;
      const profile = await this.stopOnce(w);
      if (this.joined.has(w.thread) || this.skip(w.thread)) return;
      out.push({ thread: w.thread, name: w.name, profile: workerProfileOf(profile, this.hz) });
    };
    // Each watch ends: an exit from then on waits for no one (unless the next profile watches the worker); one
    // that comes first is answered until the session closes.
    const unwatched = [...this.watched].map(async ([w, watching]) => {
      if (i !== undefined && (await watching) && !w.gone) await unwatchExit(i, w);
    });
    const all = [...this.started].map(([w, started]) => one(w, started).catch(() => undefined));
    await waitAtMost([...all, ...unwatched.map((p) => p.catch(() => undefined))], timeoutMs);
    try {
      this.channel?.close();
    } catch {
      // Already closed.
    }
    i?.close();
    return out.sort((a, b) => a.thread - b.thread);
  }
}
