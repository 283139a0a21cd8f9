// Heap profiles of worker threads, joined to the main thread's. Every worker
// that loads @gostd/pprof listens on one BroadcastChannel (unref'd, so it never
// keeps a worker alive). The main thread's heap sampling rate (setMemProfileRate,
// or the default that writeHeapProfile starts) is sent to the workers, which
// sample their own heaps at that rate; a heap profile of the main thread asks
// them for theirs (bounded in time) and appends them, every sample labeled
// thread=<threadId>, and worker=<name> for a worker started with a name. The
// workers that never load the package are sampled through the inspector
// (worker-heap-sessions.ts).
import { subscribe } from 'node:diagnostics_channel';
import { BroadcastChannel, isMainThread, threadId, Worker } from 'node:worker_threads';
import { HeapSessions } from './worker-heap-sessions';
import { namesOf, ownName, type WorkerProfile } from './worker-profiles';

/** The channel of every thread that loaded the package (any copy). */
export const heapChannelName = '@gostd/pprof.heap.v1';

type Message =
  | { t: 'hello'; thread: number }
  | { t: 'rate'; bytes: number }
  | { t: 'sampling'; thread: number; bytes: number; name: string | undefined }
  | { t: 'heap'; id: string; gc: boolean }
  | { t: 'profile'; id: string; thread: number; bytes: Uint8Array | null; error?: string | undefined }
  | { t: 'bye'; thread: number };

/** What a worker needs from the heap profiler of its own thread. */
export interface ThreadHeap {
  /** Sets this thread's sampling rate in bytes (0 stops it); may throw (no sampler here). */
  setRate(bytes: number): void;
  /** This thread's sampling rate, 0 when not sampling. */
  rate(): number;
  /** This thread's heap profile, gzipped; gc collects garbage first. */
  profile(gc: boolean): Promise<Uint8Array>;
}

const joined = Symbol.for('@gostd/pprof.heap-joined.v1');

/**
 * JoinHeapAsWorker makes this worker thread sample its heap at the main
 * thread's rate and answer the main thread's heap profiles. It is called when
 * the package loads in a worker, once per thread whatever the number of copies
 * of the package, and returns the function that tells the main thread this
 * thread's rate after the worker changed it itself (a no-op elsewhere).
 */
export function joinHeapAsWorker(h: ThreadHeap): () => void {
  const g = globalThis as unknown as Record<symbol, boolean>;
  if (isMainThread || g[joined]) return () => {};
  g[joined] = true;
  const ch = new BroadcastChannel(heapChannelName);
  ch.unref();
  const tell = (): void =>
    ch.postMessage({ t: 'sampling', thread: threadId, bytes: h.rate(), name: ownName() } satisfies Message);
  ch.onmessage = (ev) => {
    const m = (ev as { data: Message }).data;
    if (m.t === 'rate') {
      if (m.bytes !== h.rate()) {
        try {
          h.setRate(m.bytes);
        } catch {
          // No heap sampler in this runtime: the rate stays 0 and the thread is not asked.
        }
      }
      tell();
    } else if (m.t === 'heap') {
      const send = (bytes: Uint8Array | null, error?: string): void =>
        ch.postMessage({ t: 'profile', id: m.id, thread: threadId, bytes, error } satisfies Message);
      if (h.rate() === 0) send(null);
      else
        h.profile(m.gc).then(
          (bytes) => send(bytes),
          (e: unknown) => send(null, String(e)),
        );
    }
  };
  // A worker that ends normally says so, and is not waited for.
  process.on('exit', () => {
    try {
      ch.postMessage({ t: 'bye', thread: threadId } satisfies Message);
    } catch {
      // Exiting: nothing more can be done.
    }
  });
  ch.postMessage({ t: 'hello', thread: threadId } satisfies Message);
  return tell;
}

/** The main thread's side: the workers that sample their heaps, and the requests for their profiles. */
class WorkerHeaps {
  private readonly ch = new BroadcastChannel(heapChannelName);
  /** The sampling workers, by thread id, with their names (undefined: not told, Node 20). */
  readonly members = new Map<number, string | undefined>();
  /** The workers that loaded the package (they said so on the channel). */
  private readonly heard = new Set<number>();
  /** The workers that never load the package, sampled through the inspector. */
  readonly outside = new HeapSessions((thread) => this.heard.has(thread));
  private rate = 0;
  /** The requests waiting for answers, by id: the answers so far, and the check run on each event. */
  private readonly pending = new Map<string, { got: Map<number, Uint8Array | null>; check: () => void }>();

  constructor() {
    this.ch.unref();
    this.ch.onmessage = (ev) => this.receive((ev as { data: Message }).data);
    // A worker ended by terminate() cannot say so: the Worker's 'exit' does, for
    // every Worker created from now on (Node publishes each on this channel).
    try {
      subscribe('worker_threads', (m) => {
        try {
          const w = (m as { worker?: unknown } | undefined)?.worker;
          if (!(w instanceof Worker)) return;
          const thread = w.threadId;
          w.once('exit', () => this.receive({ t: 'bye', thread }));
        } catch {
          // That worker's end is learnt by its silence.
        }
      });
    } catch {
      // No such channel here: ends are learnt by silence.
    }
  }

  private receive(m: Message): void {
    if (m.t === 'hello' || m.t === 'sampling') this.heard.add(m.thread);
    if (m.t === 'hello') this.ch.postMessage({ t: 'rate', bytes: this.rate } satisfies Message);
    else if (m.t === 'sampling') {
      if (m.bytes > 0) this.members.set(m.thread, m.name);
      else this.members.delete(m.thread);
    } else if (m.t === 'bye') {
      this.members.delete(m.thread);
      this.heard.delete(m.thread);
    } else if (m.t === 'profile') {
      const p = this.pending.get(m.id);
      p?.got.set(m.thread, m.bytes);
      // A worker left out of an earlier profile (it did not answer in time) is back.
      if (p === undefined && m.bytes !== null && !this.members.has(m.thread))
        this.members.set(m.thread, undefined);
    }
    for (const p of this.pending.values()) p.check();
  }

  /** Sends the main thread's new rate to every worker. */
  announce(bytes: number): void {
    this.rate = bytes;
    this.outside.setRate(bytes);
    if (bytes === 0) this.members.clear();
    this.ch.postMessage({ t: 'rate', bytes } satisfies Message);
    for (const p of this.pending.values()) p.check(); // no longer waiting for the workers stopped
  }

  /**
   * Asks every sampling worker for its heap profile and returns those that
   * arrive within timeoutMs. A worker that does not answer in time (busy, or
   * ended by terminate before the main thread could see it end) is left out,
   * and not waited for again until it answers.
   */
  async collect(gc: boolean, timeoutMs: number): Promise<WorkerProfile[]> {
    if (this.members.size === 0) return [];
    const id = `${process.pid}.${Date.now()}.${Math.random()}`;
    const got = new Map<number, Uint8Array | null>();
    const asked = [...this.members.keys()];
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      const check = (): void => {
        if (asked.every((t) => got.has(t) || !this.members.has(t))) {
          clearTimeout(timer);
          resolve();
        }
      };
      this.pending.set(id, { got, check });
      this.ch.postMessage({ t: 'heap', id, gc } satisfies Message);
    });
    this.pending.delete(id);
    for (const t of asked) if (!got.has(t)) this.members.delete(t);
    const unnamed = [...got.keys()].filter((t) => this.members.get(t) === undefined);
    const names = unnamed.length > 0 ? await namesOf(unnamed) : new Map<number, string>();
    const out: WorkerProfile[] = [];
    for (const [thread, bytes] of got) {
      if (bytes !== null)
        out.push({ thread, name: this.members.get(thread) ?? names.get(thread) ?? '', bytes });
    }
    return out.sort((a, b) => a.thread - b.thread);
  }
}

let heaps: WorkerHeaps | undefined;

/** The main thread's WorkerHeaps, made on first use (never in a worker). */
export function workerHeaps(): WorkerHeaps | undefined {
  if (!isMainThread) return undefined;
  heaps ??= new WorkerHeaps();
  return heaps;
}
