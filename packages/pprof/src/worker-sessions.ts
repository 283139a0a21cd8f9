// CPU profiles of worker threads that never load @gostd/pprof and that
// Worker.prototype.startCpuProfile cannot reach: every such worker on Node 20
// (which has no startCpuProfile), and on any Node the workers created before
// the package loaded (worker-handles.ts only sees those created after). For the
// length of one CPU profile the main thread opens an inspector session of its
// own, attaches to the workers through Node's NodeWorker domain
// (worker-inspector.ts), and runs V8's Profiler domain in each by message; at
// stop each worker's V8 profile is counted as worker-handles.ts counts its own.
import { BroadcastChannel, isMainThread } from 'node:worker_threads';
import type { CpuProfile } from './inspector';
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
  private readonly joined = new Set<number>();
  private stopped = false;

  constructor(
    private readonly hz: number,
    private readonly skip: (thread: number) => boolean,
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
    this.inspector = new WorkerInspector((w) => this.attach(w));
  }

  private attach(w: AttachedWorker): void {
    if (this.stopped) return;
    this.started.set(w, undefined);
    const timer = setTimeout(() => {
      if (this.stopped || w.gone || this.joined.has(w.thread) || this.skip(w.thread)) return;
      const i = this.inspector as WorkerInspector;
      const interval = Math.max(1, Math.round(1e6 / this.hz));
      this.started.set(
        w,
        i
          .send(w, 'Profiler.enable')
          .then(() => i.send(w, 'Profiler.setSamplingInterval', { interval }))
          .then(() => i.send(w, 'Profiler.start'))
          .then(
            () => true,
            () => false,
          ),
      );
    }, graceMs);
    timer.unref();
  }

  /**
   * Collect stops every worker's profile and returns those that arrive within
   * timeoutMs. A worker that exited, failed, or loaded the package meanwhile
   * is left out. The session ends (and detaches from the workers) then.
   */
  async collect(timeoutMs: number): Promise<HandleProfile[]> {
    this.stopped = true;
    const out: HandleProfile[] = [];
    const i = this.inspector;
    const one = async (w: AttachedWorker, started: Promise<boolean> | undefined): Promise<void> => {
      if (i === undefined || started === undefined || !(await started) || w.gone) return;
      const r = await i.send<{ profile: CpuProfile }>(w, 'Profiler.stop');
      if (this.joined.has(w.thread) || this.skip(w.thread)) return;
      out.push({ thread: w.thread, name: w.name, profile: workerProfileOf(r.profile, this.hz) });
    };
    const all = [...this.started].map(([w, started]) => one(w, started).catch(() => undefined));
    await waitAtMost(all, timeoutMs);
    try {
      this.channel?.close();
    } catch {
      // Already closed.
    }
    i?.close();
    return out.sort((a, b) => a.thread - b.thread);
  }
}
