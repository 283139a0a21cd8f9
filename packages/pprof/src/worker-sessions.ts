// CPU profiles of worker threads that never load @gostd/pprof and that
// Worker.prototype.startCpuProfile cannot reach: every such worker on Node 20
// (which has no startCpuProfile), and on any Node the workers created before
// the package loaded (worker-handles.ts only sees those created after). For the
// length of one CPU profile the main thread opens an inspector session of its
// own, attaches to its workers through Node's NodeWorker domain, and runs V8's
// Profiler domain in each by message; at stop each worker's V8 profile is
// counted as worker-handles.ts counts its own.
import { Session } from 'node:inspector';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';
import type { CpuProfile } from './inspector';
import { type HandleProfile, workerProfileOf } from './worker-handles';
import { channelName, nameInTitle } from './worker-profiles';

/** A worker this session attached to: its thread, name and whether its profile started. */
interface Attached {
  thread: number;
  name: string;
  sessionId: string;
  started: Promise<boolean> | undefined;
  /** The worker has ended (detached): nothing more is asked of it. */
  gone: boolean;
}

/** How long a worker may take to say it loaded the package before it is profiled from outside. */
const graceMs = 50;

/**
 * WorkerSessions runs on the main thread for the length of one CPU profile:
 * it profiles through the inspector every worker of the main thread that does
 * not take part by itself (it loaded the package) and that skip does not name
 * (worker-handles.ts profiles it).
 */
export class WorkerSessions {
  private readonly session: Session | undefined;
  private readonly channel: BroadcastChannel | undefined;
  private readonly attached = new Map<number, Attached>();
  private readonly joined = new Set<number>();
  private readonly waiting = new Map<
    number,
    { sessionId: string; ok: (r: unknown) => void; fail: (e: unknown) => void }
  >();
  private nextId = 1;
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
      const s = new Session();
      s.connect();
      s.on('NodeWorker.attachedToWorker', (m) => this.attach(m.params));
      s.on('NodeWorker.receivedMessageFromWorker', (m) => this.receive(m.params.message));
      // A worker that exited or was terminated: what was asked of it will not be answered.
      s.on('NodeWorker.detachedFromWorker', (m) => this.detached(m.params.sessionId));
      s.post('NodeWorker.enable', { waitForDebuggerOnStart: false }, () => {});
      this.session = s;
    } catch {
      // No NodeWorker domain here (Deno, Bun): nothing to profile this way.
      this.close();
    }
  }

  private attach(params: { sessionId: string; workerInfo: { title: string } }): void {
    const title = params.workerInfo.title;
    const thread = Number(/^\[worker (\d+)\]/.exec(title)?.[1] ?? Number.NaN);
    if (!Number.isInteger(thread) || this.stopped || this.attached.has(thread)) return;
    const a: Attached = {
      thread,
      name: nameInTitle(title),
      sessionId: params.sessionId,
      started: undefined,
      gone: false,
    };
    this.attached.set(thread, a);
    const timer = setTimeout(() => {
      if (this.stopped || a.gone || this.joined.has(thread) || this.skip(thread)) return;
      const interval = Math.max(1, Math.round(1e6 / this.hz));
      a.started = this.send(a, 'Profiler.enable')
        .then(() => this.send(a, 'Profiler.setSamplingInterval', { interval }))
        .then(() => this.send(a, 'Profiler.start'))
        .then(
          () => true,
          () => false,
        );
    }, graceMs);
    timer.unref();
  }

  /** Sends an inspector command to a's worker; the promise settles with its answer. */
  private send(a: Attached, method: string, params: object = {}): Promise<unknown> {
    const s = this.session;
    if (s === undefined) return Promise.reject(new Error('no session'));
    const id = this.nextId++;
    return new Promise((ok, fail) => {
      this.waiting.set(id, { sessionId: a.sessionId, ok, fail });
      const message = JSON.stringify({ id, method, params });
      s.post('NodeWorker.sendMessageToWorker', { sessionId: a.sessionId, message }, (err) => {
        if (err === null) return;
        this.waiting.delete(id);
        fail(err);
      });
    });
  }

  private receive(message: string): void {
    let m: { id?: unknown; result?: unknown; error?: unknown };
    try {
      m = JSON.parse(message) as typeof m;
    } catch {
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
    for (const a of this.attached.values()) if (a.sessionId === sessionId) a.gone = true;
  }

  private close(): void {
    try {
      this.channel?.close();
      this.session?.disconnect();
    } catch {
      // Already closed.
    }
  }

  /**
   * Collect stops every worker's profile and returns those that arrive within
   * timeoutMs. A worker that exited, failed, or loaded the package meanwhile
   * is left out. The session ends (and detaches from the workers) then.
   */
  async collect(timeoutMs: number): Promise<HandleProfile[]> {
    this.stopped = true;
    const out: HandleProfile[] = [];
    const one = async (a: Attached): Promise<void> => {
      if (a.started === undefined || !(await a.started) || a.gone) return;
      const r = (await this.send(a, 'Profiler.stop')) as { profile: CpuProfile };
      if (this.joined.has(a.thread) || this.skip(a.thread)) return;
      out.push({ thread: a.thread, name: a.name, profile: workerProfileOf(r.profile, this.hz) });
    };
    const all = [...this.attached.values()].map((a) => one(a).catch(() => undefined));
    if (all.length > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        void Promise.all(all).then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.close();
    return out.sort((a, b) => a.thread - b.thread);
  }
}
