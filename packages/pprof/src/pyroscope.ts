// @gostd/pprof/pyroscope: continuous profiling to a Pyroscope server, shaped
// after Grafana's Go client (pyroscope.Start(Config)).

import { threadId } from 'node:worker_threads';
import { startCPUProfile, stopCPUProfile } from './cpu-profile';
import { defaultMemProfileRate, memProfileRate, setMemProfileRate, writeHeapProfile } from './heap-profile';
import { holdingProcess, type LongTimer, setLongInterval, setLongTimeout } from './long-timer';
import { type Config, type ResolvedConfig, resolveConfig, seriesName, tagValue } from './pyroscope-config';
import { Uploader, type UploadStats } from './pyroscope-upload';
import { shared } from './shared';
import { ownName } from './worker-profiles';

export {
  type Config,
  DefaultProfileTypes,
  type Logger,
  ProfileCPU,
  ProfileInuseObjects,
  ProfileInuseSpace,
  type ProfileType,
} from './pyroscope-config';
export type { UploadStats } from './pyroscope-upload';

/** Profiler is a running pusher, returned by start. */
export interface Profiler {
  /**
   * Stop cuts the current profiles, uploads what waits (for at most
   * config.stopTimeout, default 5 s) and stops. It never rejects; calling it
   * again returns the same promise. Until it resolves it keeps the process (or
   * the worker) alive, so the last upload is not cut short when nothing else runs.
   */
  stop(): Promise<void>;
  /**
   * Flush cuts the current profiles now and waits (at most config.stopTimeout) until nothing waits,
   * keeping the process alive meanwhile, as stop does.
   */
  flush(): Promise<void>;
  /** Counters: uploaded, dropped, failed attempts, queued; and the last gap between two CPU profiles (ms). */
  stats(): UploadStats & { cpuGapMs: number };
}

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

// sample_type_config for Node's heap profile, as the Go client sends for its heap.
const heapSampleTypes = {
  inuse_objects: { units: 'objects', aggregation: 'average' },
  inuse_space: { units: 'bytes', aggregation: 'average' },
};

class Pusher implements Profiler {
  private readonly up: Uploader;
  private readonly timer: LongTimer;
  private readonly name: string;
  private chunks: Uint8Array[] = [];
  private cpuFrom = 0n;
  private cutting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private cpuGapMs = 0;

  constructor(private readonly c: ResolvedConfig) {
    this.up = new Uploader(c);
    this.name = seriesName(c);
    if (c.cpu) this.startCpu();
    // Heap profiles hold what was allocated since the sampler started: start it now
    // (as Go's MemProfileRate is on from the start), or the first profile misses
    // everything allocated before the first cut.
    if (c.heap && memProfileRate() === 0) {
      try {
        setMemProfileRate(defaultMemProfileRate);
      } catch (e) {
        c.logger.errorf(
          'pyroscope: could not start the heap sampler: %s',
          String((e as Error)?.message ?? e),
        );
      }
    }
    // unref'd: the pusher never keeps the process alive
    this.timer = setLongInterval(() => void this.cut(false), c.uploadRateMs, true);
    c.logger.infof(
      'pyroscope: profiling %s, uploading every %d ms to %s',
      this.name,
      c.uploadRateMs,
      c.ingestURL.origin,
    );
  }

  private startCpu(): void {
    const chunks: Uint8Array[] = [];
    this.chunks = chunks;
    startCPUProfile({ write: (b: Uint8Array) => chunks.push(b) }, { hz: this.c.hz });
    this.cpuFrom = nowNs();
  }

  /** Cuts the profiles taken since the last cut and queues them; never throws. */
  private cut(final: boolean): Promise<void> {
    if (this.cutting) return this.cutting.then(() => (final ? this.cut(true) : undefined));
    this.cutting = this.cutNow(final).finally(() => {
      this.cutting = undefined;
    });
    return this.cutting;
  }

  private async cutNow(final: boolean): Promise<void> {
    try {
      if (this.c.cpu) {
        const chunks = this.chunks;
        const from = this.cpuFrom;
        const until = nowNs();
        const t0 = performance.now();
        // stopCPUProfile ends the profile synchronously and then encodes it, so the
        // next one starts at once: profiles are back to back.
        const done = stopCPUProfile();
        if (!final) this.startCpu();
        this.cpuGapMs = performance.now() - t0;
        await done;
        if (chunks.length > 0)
          this.up.push({ kind: 'cpu', name: this.name, from, until, profile: Buffer.concat(chunks) });
      }
      if (this.c.heap) {
        const chunks: Uint8Array[] = [];
        const at = nowNs();
        await writeHeapProfile({ write: (b: Uint8Array) => chunks.push(b) });
        this.up.push({
          kind: 'heap',
          name: this.name,
          from: at,
          until: at,
          profile: Buffer.concat(chunks),
          sampleTypeConfig: heapSampleTypes,
        });
      }
    } catch (e) {
      // Nothing reaches the application: someone else may hold the CPU profiler, for one.
      this.c.logger.errorf(
        'pyroscope: could not take the profiles: %s',
        this.up.redact(String((e as Error)?.message ?? e)),
      );
    }
  }

  flush(): Promise<void> {
    if (this.stopping) return this.stopping;
    const bound = this.c.stopTimeoutMs;
    return holdingProcess(
      this.cut(false).then(() => this.up.drain(bound)),
      bound + 1000,
    );
  }

  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    this.timer.clear();
    const bound = this.c.stopTimeoutMs;
    const work = this.cut(true).then(() => this.up.drain(bound));
    // stop() returns within the bound (plus the time to cut the last profile), whatever the server does.
    this.stopping = new Promise<void>((resolve) => {
      // Ref'd, unlike every other timer here: an awaited stop() must finish its upload (or reach its bound)
      // before the process or the worker may end.
      const t = setLongTimeout(resolve, bound + 1000, false);
      const done = (): void => {
        t.clear();
        resolve();
      };
      work.then(done, done);
    }).then(() => {
      if (running === this) running = undefined;
      const s = this.up.counts();
      this.up.close();
      this.c.logger.infof(
        'pyroscope: stopped (%d uploaded, %d dropped, %d left unsent)',
        s.uploaded,
        s.dropped,
        s.queued,
      );
    });
    return this.stopping;
  }

  stats(): UploadStats & { cpuGapMs: number } {
    return { ...this.up.counts(), cpuGapMs: this.cpuGapMs };
  }
}

let running: Pusher | undefined;

/**
 * Start begins continuous profiling and returns the Profiler: every uploadRate
 * (default 15 s) the CPU profile of this thread is cut and the next one starts
 * at once, a heap profile is taken, and both are uploaded to
 * `{serverAddress}/ingest` as Pyroscope's ingest API wants them (pprof in the
 * multipart field `profile`). Every CPU sample keeps the labels it was taken
 * with (see do), so Pyroscope makes series of them. Failures never reach the
 * application: they are logged (without credentials), retried with backoff and
 * jitter from a bounded queue, and timers and sockets never keep the process
 * alive, except that an awaited stop or flush holds it until it resolves. A
 * bad config throws a TypeError (or RangeError) naming the field; a second
 * start while one runs, or while a CPU profile runs, throws "cpu profiling
 * already in use".
 *
 * @example
 * ```ts
 * import { start } from '@gostd/pprof/pyroscope';
 * try {
 *   start({ applicationName: 'checkout', serverAddress: 'pyroscope:4040' });
 * } catch (e) {
 *   console.log((e as Error).message);
 * }
 * const p = start({
 *   applicationName: 'checkout',
 *   serverAddress: 'http://127.0.0.1:9', // nothing listens there: logged, retried, never thrown
 *   tags: { region: 'eu' },
 *   stopTimeout: 100_000_000n, // stop() waits at most 100 ms for uploads
 * });
 * await p.stop();
 * console.log(p.stats().uploaded);
 * // Output:
 * // pyroscope: serverAddress must be http or https, got "pyroscope:"
 * // 0
 * ```
 */
export function start(config: Config): Profiler {
  const c = resolveConfig(config);
  if (running !== undefined || (c.cpu && shared.cpuBusy)) throw new Error('cpu profiling already in use');
  if (threadId !== 0) {
    c.tags.push(['thread', String(threadId)]);
    const name = ownName();
    if (name) c.tags.push(['worker', tagValue(name)]);
  }
  running = new Pusher(c);
  return running;
}
