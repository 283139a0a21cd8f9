// Heap samples of the worker threads that never load @gostd/pprof. While the main thread's heap sampling
// rate is set (Go's MemProfileRate is the process's), an inspector session of the main thread
// (worker-inspector.ts) runs V8's sampling heap profiler at that rate in each worker that has not said within
// graceMs that it loaded the package (such a worker samples itself: worker-heap.ts). A heap profile of the
// main thread reads each one's samples (HeapProfiler.getSamplingProfile) without stopping the sampler, so,
// as for the main thread, the profile holds what the worker allocated since its sampling started and still
// holds. The sampler of a thread is one per V8 isolate, whoever starts it: a worker that loads the package
// later shares it, and is then asked through its own channel only.
import type { HeapProfile } from './inspector';
import { type AttachedWorker, WorkerInspector } from './worker-inspector';
import { waitAtMost } from './worker-profiles';
import { graceMs } from './worker-sessions';

/** The sampled heap of a worker reached from outside. */
export interface OutsideHeap {
  thread: number;
  /** The name the worker was started with, '' when none. */
  name: string;
  profile: HeapProfile;
}

/** HeapSessions samples, through the inspector, the heaps of the workers that never load the package. */
export class HeapSessions {
  private inspector: WorkerInspector | undefined;
  private rate = 0;
  /** The workers sampled from outside, and whether their sampler runs (once the commands are answered). */
  private readonly sampling = new Map<AttachedWorker, Promise<boolean>>();

  /** joined reports whether a thread loaded the package (it said so on the heap channel). */
  constructor(private readonly joined: (thread: number) => boolean) {}

  /** SetRate samples every worker's heap at bytes from now on; 0 stops, and detaches from the workers. */
  setRate(bytes: number): void {
    this.rate = bytes;
    if (bytes === 0) {
      // Stop each sampler this session started, then detach (without waiting here for a busy worker).
      const i = this.inspector;
      const stops = [...this.sampling]
        .filter(([w]) => !this.joined(w.thread))
        .map(([w, running]) =>
          running.then((on) => (on ? i?.send(w, 'HeapProfiler.stopSampling') : undefined)),
        );
      void Promise.allSettled(stops).then(() => i?.close());
      this.inspector = undefined;
      this.sampling.clear();
      return;
    }
    if (this.inspector === undefined) {
      const i = new WorkerInspector((w) => {
        for (const x of this.sampling.keys()) if (x.gone) this.sampling.delete(x);
        const timer = setTimeout(() => {
          if (this.inspector === i && !w.gone && !this.joined(w.thread)) this.start(w);
        }, graceMs);
        timer.unref();
      });
      this.inspector = i;
      return;
    }
    for (const w of this.sampling.keys()) {
      if (this.joined(w.thread)) this.sampling.delete(w);
      else this.start(w);
    }
  }

  /**
   * Start starts w's sampler at the current rate, or restarts it at a new one, after whatever was asked of
   * it before. A first start does not stop the sampler: the worker may have started it itself meanwhile.
   */
  private start(w: AttachedWorker): void {
    const i = this.inspector as WorkerInspector;
    const samplingInterval = this.rate;
    const before = this.sampling.get(w);
    const restart = before !== undefined;
    this.sampling.set(
      w,
      (before ?? Promise.resolve(false))
        .then(() => i.send(w, 'HeapProfiler.enable'))
        .then(() => (restart ? i.send(w, 'HeapProfiler.stopSampling').catch(() => undefined) : undefined))
        .then(() => i.send(w, 'HeapProfiler.startSampling', { samplingInterval }))
        .then(
          () => true,
          () => false,
        ),
    );
  }

  /**
   * Collect returns the sampled heaps of the workers sampled from outside that answer within timeoutMs
   * (gc: collect each one's garbage first). A worker that ended, or loaded the package, is left out.
   */
  async collect(gc: boolean, timeoutMs: number): Promise<OutsideHeap[]> {
    const i = this.inspector;
    if (i === undefined) return [];
    for (const w of this.sampling.keys()) if (w.gone) this.sampling.delete(w);
    const out: OutsideHeap[] = [];
    const one = async (w: AttachedWorker, running: Promise<boolean>): Promise<void> => {
      if (!(await running) || w.gone || this.joined(w.thread)) return;
      if (gc) await i.send(w, 'HeapProfiler.collectGarbage');
      const r = await i.send<{ profile: HeapProfile }>(w, 'HeapProfiler.getSamplingProfile');
      if (!this.joined(w.thread)) out.push({ thread: w.thread, name: w.name, profile: r.profile });
    };
    const all = [...this.sampling].map(([w, running]) => one(w, running).catch(() => undefined));
    await waitAtMost(all, timeoutMs);
    return out.sort((a, b) => a.thread - b.thread);
  }
}
