// The main thread's inspector session with the worker threads, for the workers that never load @gostd/pprof
// (worker-sessions.ts profiles their CPU, worker-heap-sessions.ts samples their heaps). Node's NodeWorker
// domain, enabled on a session of the main thread, attaches to every worker of the process (also one started
// by another worker, and one started later), and carries inspector commands to each by message.
import { Session } from 'node:inspector';
import { isMainThread } from 'node:worker_threads';
import { nameInTitle } from './worker-profiles';

/** A worker the session attached to. */
export interface AttachedWorker {
  thread: number;
  /** The name it was started with ('' when none), from its inspector title. */
  name: string;
  sessionId: string;
  /** The worker has ended (detached): nothing more is asked of it. */
  gone: boolean;
}

/**
 * WorkerInspector is one inspector session of the main thread attached to every worker. It does nothing
 * where there is no NodeWorker domain (Deno, Bun) or in a worker thread.
 */
export class WorkerInspector {
  private readonly session: Session | undefined;
  /** The attached workers, by thread id. */
  readonly workers = new Map<number, AttachedWorker>();
  private readonly waiting = new Map<
    number,
    { sessionId: string; ok: (r: unknown) => void; fail: (e: unknown) => void }
  >();
  private nextId = 1;

  /**
   * onAttach is called for each worker once, when the session attaches to it; onEvent for each event (a
   * message that answers no command) a worker sends.
   */
  constructor(
    onAttach: (w: AttachedWorker) => void,
    private readonly onEvent?: (w: AttachedWorker, method: string, params: unknown) => void,
  ) {
    // Bun has no NodeWorker domain, and ending a second session there stops the main thread's CPU profile
    // (its stop then failed: 'Profiler is not started'; a profile started after it: 'cpu profiling already in
    // use'), so no session is opened there.
    if (!isMainThread || process.versions.bun !== undefined) return;
    try {
      const s = new Session();
      s.connect();
      s.on('NodeWorker.attachedToWorker', (m) => {
        const title = m.params.workerInfo.title;
        const thread = Number(/^\[worker (\d+)\]/.exec(title)?.[1] ?? Number.NaN);
        if (!Number.isInteger(thread) || this.workers.has(thread)) return;
        const w = { thread, name: nameInTitle(title), sessionId: m.params.sessionId, gone: false };
        this.workers.set(thread, w);
        onAttach(w);
      });
      s.on('NodeWorker.receivedMessageFromWorker', (m) => this.receive(m.params.sessionId, m.params.message));
      // A worker that exited or was terminated: what was asked of it will not be answered.
      s.on('NodeWorker.detachedFromWorker', (m) => this.detached(m.params.sessionId));
      s.post('NodeWorker.enable', { waitForDebuggerOnStart: false }, () => {});
      this.session = s;
    } catch {
      // No NodeWorker domain here (Deno, Bun): no worker is reached this way.
    }
  }

  /** Sends an inspector command to w's worker; the promise settles with its answer. */
  send<T = unknown>(w: AttachedWorker, method: string, params: object = {}): Promise<T> {
    const s = this.session;
    if (s === undefined || w.gone) return Promise.reject(new Error('worker gone'));
    const id = this.nextId++;
    return new Promise((ok, fail) => {
      this.waiting.set(id, { sessionId: w.sessionId, ok: ok as (r: unknown) => void, fail });
      const message = JSON.stringify({ id, method, params });
      s.post('NodeWorker.sendMessageToWorker', { sessionId: w.sessionId, message }, (err) => {
        if (err === null) return;
        this.waiting.delete(id);
        fail(err);
      });
    });
  }

  private receive(sessionId: string, message: string): void {
    let m: { id?: unknown; result?: unknown; error?: unknown; method?: unknown; params?: unknown };
    try {
      m = JSON.parse(message) as typeof m;
    } catch {
      return;
    }
    if (m.id === undefined && typeof m.method === 'string') {
      const from = [...this.workers.values()].find((x) => x.sessionId === sessionId);
      // An error thrown by the callback would reach the application as an uncaught exception.
      if (from !== undefined) {
        try {
          this.onEvent?.(from, m.method, m.params);
        } catch {
          // The event is dropped.
        }
      }
      return;
    }
    const w = typeof m.id === 'number' ? this.waiting.get(m.id) : undefined;
    if (w === undefined) return;
    this.waiting.delete(m.id as number);
    if (m.error !== undefined) w.fail(m.error);
    else w.ok(m.result);
  }

  private detached(sessionId: string): void {
    for (const [id, w] of this.waiting) {
      if (w.sessionId !== sessionId) continue;
      this.waiting.delete(id);
      w.fail(new Error('worker gone'));
    }
    for (const [thread, w] of this.workers) {
      if (w.sessionId !== sessionId) continue;
      w.gone = true;
      this.workers.delete(thread);
    }
  }

  /** Close ends the session, which detaches it from the workers. */
  close(): void {
    try {
      this.session?.disconnect();
    } catch {
      // Already closed.
    }
  }
}
