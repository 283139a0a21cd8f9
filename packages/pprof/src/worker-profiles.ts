// CPU profiles of worker threads, joined to the main thread's profile. Every
// thread that loads @gostd/pprof listens on one BroadcastChannel (unref'd, so
// it never keeps a worker alive). When the main thread starts a CPU profile it
// asks the workers to profile themselves; at stop it collects their profiles
// (bounded in time) and appends them, every sample labeled thread=<threadId>,
// and worker=<name> for a worker started with a name.
import * as workerThreads from 'node:worker_threads';
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';
import { workerTitles } from './inspector';

/** The channel of every thread that loaded the package (any copy). */
export const channelName = '@gostd/pprof.workers.v1';

type Message =
  | { t: 'start'; id: string; hz: number }
  | { t: 'hello'; thread?: number }
  | { t: 'ack'; id: string; thread: number; name: string | undefined }
  | { t: 'stop'; id: string }
  | { t: 'profile'; id: string; thread: number; bytes: Uint8Array | null; error?: string | undefined };

/** What a worker needs from the CPU profiler of its own thread. */
export interface ThreadProfiler {
  /** Starts a profile of this thread at hz; false when one already runs. */
  start(hz: number): boolean;
  /** Stops it and returns the gzipped profile. */
  stop(): Promise<Uint8Array>;
  /** The same, synchronously, for a thread that is exiting. */
  stopSync(): Uint8Array;
}

/**
 * OwnName returns the name this worker thread was started with (the name
 * option of the Worker constructor), '' when it has none, and undefined where
 * the runtime does not tell a thread its name (Node before 22). Node 24 names
 * an unnamed worker 'WorkerThread', which counts as none.
 */
export function ownName(): string | undefined {
  const name = (workerThreads as { threadName?: unknown }).threadName;
  if (typeof name !== 'string') return undefined;
  return name === 'WorkerThread' ? '' : name;
}

/** The worker's name in its inspector title, "[worker <threadId>] <name>"; '' when it has none. */
export function nameInTitle(title: string | undefined): string {
  const name = title?.replace(/^\[worker \d+\] ?/, '') ?? '';
  return name === 'WorkerThread' ? '' : name;
}

/**
 * NamesOf finds the names of running workers that cannot tell them (Node 20)
 * in their inspector titles: '' for a worker with none, or one not found.
 */
export async function namesOf(threads: readonly number[]): Promise<Map<number, string>> {
  const titles = await workerTitles();
  return new Map(threads.map((t) => [t, nameInTitle(titles.get(t))]));
}

/**
 * WaitAtMost resolves once every task has settled, or after ms (an unref'd timer), whichever comes first: how
 * a profile of the main thread waits for the workers' parts.
 */
export function waitAtMost(tasks: readonly Promise<unknown>[], ms: number): Promise<void> {
  if (tasks.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    void Promise.allSettled(tasks).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const joined = Symbol.for('@gostd/pprof.worker-joined.v1');

/**
 * JoinAsWorker makes this worker thread answer the main thread's profiles. It
 * is called when the package loads in a worker; once per thread, whatever the
 * number of copies of the package.
 */
export function joinAsWorker(p: ThreadProfiler): void {
  const g = globalThis as unknown as Record<symbol, boolean>;
  if (isMainThread || g[joined]) return;
  g[joined] = true;
  const ch = new BroadcastChannel(channelName);
  ch.unref();
  let active: string | undefined;
  let stopping = false;
  // A start that arrives before the stop of the profile before it (two
  // channel instances of the main thread do not keep order) waits for it.
  let next: { id: string; hz: number } | undefined;
  const begin = (id: string, hz: number): void => {
    if (!p.start(hz)) return;
    active = id;
    ch.postMessage({ t: 'ack', id, thread: threadId, name: ownName() } satisfies Message);
  };
  ch.onmessage = (ev) => {
    const m = (ev as { data: Message }).data;
    if (m.t === 'start') {
      if (active === undefined && !stopping) begin(m.id, m.hz);
      else if (m.id !== active) next = { id: m.id, hz: m.hz };
    } else if (m.t === 'stop' && m.id === active) {
      active = undefined;
      stopping = true;
      const send = (bytes: Uint8Array | null, error?: string): void => {
        ch.postMessage({ t: 'profile', id: m.id, thread: threadId, bytes, error } satisfies Message);
        stopping = false;
        const n = next;
        next = undefined;
        if (n) begin(n.id, n.hz);
      };
      p.stop().then(
        (bytes) => send(bytes),
        (e: unknown) => send(null, String(e)),
      );
    } else if (m.t === 'stop' && next?.id === m.id) {
      next = undefined; // stopped before it could start here
    }
  };
  // A worker that exits while profiled sends what it has on its way out.
  process.on('exit', () => {
    if (active === undefined) return;
    const id = active;
    active = undefined;
    try {
      ch.postMessage({ t: 'profile', id, thread: threadId, bytes: p.stopSync() } satisfies Message);
    } catch {
      // Exiting: nothing more can be done.
    }
  });
  // A worker started while a profile runs asks to join it.
  ch.postMessage({ t: 'hello', thread: threadId } satisfies Message);
}

/** The profile of one worker. */
export interface WorkerProfile {
  thread: number;
  /** The name the worker was started with; '' when none (or unknown). */
  name: string;
  bytes: Uint8Array;
}

/** WorkerProfiles runs on the main thread for the length of one CPU profile. */
export class WorkerProfiles {
  private readonly ch: BroadcastChannel | undefined;
  private readonly id = `${process.pid}.${Date.now()}.${Math.random()}`;
  private readonly acked = new Set<number>();
  private readonly got = new Map<number, Uint8Array | null>();
  private readonly names = new Map<number, string>();
  // Threads that did not say their name (Node 20), for the next look-up.
  private readonly unnamed = new Set<number>();
  private readonly lookups: Promise<void>[] = [];
  private onProfile: (() => void) | undefined;

  constructor(hz: number) {
    if (!isMainThread) return; // a worker's own profile covers only itself
    const ch = new BroadcastChannel(channelName);
    this.ch = ch;
    ch.unref();
    ch.onmessage = (ev) => {
      const m = (ev as { data: Message }).data;
      if (m.t === 'hello') ch.postMessage({ t: 'start', id: this.id, hz } satisfies Message);
      else if (m.t === 'ack' && m.id === this.id) {
        this.acked.add(m.thread);
        if (m.name !== undefined) this.names.set(m.thread, m.name);
        else this.lookUpName(m.thread);
      } else if (m.t === 'profile' && m.id === this.id) {
        this.got.set(m.thread, m.bytes);
        this.onProfile?.();
      }
    };
    ch.postMessage({ t: 'start', id: this.id, hz } satisfies Message);
  }

  /**
   * LookUpName finds the name of a worker that cannot tell it (Node 20) in its
   * inspector title, while the worker runs: the acks of one start come in
   * together and share one look-up.
   */
  private lookUpName(thread: number): void {
    this.unnamed.add(thread);
    if (this.unnamed.size > 1) return; // a look-up is already due
    this.lookups.push(
      new Promise<void>((r) => setImmediate(r)).then(async () => {
        const threads = [...this.unnamed];
        this.unnamed.clear();
        for (const [t, name] of await namesOf(threads)) this.names.set(t, name);
      }),
    );
  }

  /** Asks the workers to stop and returns the profiles that arrive within timeoutMs. */
  collect(timeoutMs: number): Promise<WorkerProfile[]> {
    const ch = this.ch;
    if (ch === undefined) return Promise.resolve([]);
    ch.postMessage({ t: 'stop', id: this.id } satisfies Message);
    return new Promise((resolve) => {
      let finished = false;
      const done = (): void => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        ch.close();
        void Promise.all(this.lookups).then(() => {
          const out: WorkerProfile[] = [];
          for (const [thread, bytes] of this.got)
            if (bytes) out.push({ thread, name: this.names.get(thread) ?? '', bytes });
          resolve(out.sort((a, b) => a.thread - b.thread));
        });
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      this.onProfile = () => {
        if ([...this.acked].every((t) => this.got.has(t))) done();
      };
      this.onProfile();
    });
  }
}
