// One node:inspector session per copy of the package, connected on first use.
// Node answers a command posted to the main thread's own inspector before post
// returns, which lets the profiler start and stop synchronously there. Deno and
// Bun answer later (after post has returned). post returns the answer when it
// has come in time and a promise of it otherwise, and Steps runs a series of
// commands in order either way: synchronously on Node, chained on the others.
import { Session } from 'node:inspector';

let session: Session | undefined;

function connected(): Session {
  if (session === undefined) {
    session = new Session();
    session.connect();
  }
  return session;
}

/** The answer to an inspector command: the value itself on Node, a promise of it on Deno and Bun. */
export type Reply<R> = R | Promise<R>;

/**
 * Sends one inspector command. It returns the result when the runtime answered
 * before post returned (Node), and otherwise a promise of it; an error is
 * thrown in the first case and rejects the promise in the second.
 */
export function post<R>(method: string, params?: object): Reply<R> {
  let done = false;
  let error: Error | null = null;
  let result: unknown;
  let later: ((err: Error | null, res: unknown) => void) | undefined;
  connected().post(method, params ?? {}, (err, res) => {
    if (later !== undefined) return later(err, res);
    done = true;
    error = err;
    result = res;
  });
  if (done) {
    if (error !== null) throw error;
    return result as R;
  }
  return new Promise<R>((resolve, reject) => {
    later = (err, res) => (err ? reject(err) : resolve(res as R));
  });
}

/**
 * WorkerTitles returns the title of every worker thread this thread started
 * that is running, by threadId, as Node's inspector names it in its NodeWorker
 * domain: "[worker <threadId>]", then a space and the name given to the
 * Worker constructor, if any. It attaches to the workers and detaches at
 * once. A runtime without the domain (Deno, Bun) gives an empty map.
 */
export function workerTitles(): Promise<Map<number, string>> {
  const titles = new Map<number, string>();
  const s = connected();
  const on = (m: { params?: { workerInfo?: { title?: unknown } } }): void => {
    const title = m.params?.workerInfo?.title;
    const id = typeof title === 'string' ? /^\[worker (\d+)\]/.exec(title)?.[1] : undefined;
    if (id !== undefined) titles.set(Number(id), title as string);
  };
  s.on('NodeWorker.attachedToWorker', on);
  const done = (): Map<number, string> => {
    s.off('NodeWorker.attachedToWorker', on);
    return titles;
  };
  // Node sends attachedToWorker for every running worker before it answers
  // enable; disable detaches from them all.
  return (async () => {
    try {
      await post('NodeWorker.enable', { waitForDebuggerOnStart: false });
      await post('NodeWorker.disable');
    } catch {
      // No NodeWorker domain here.
    }
    return done();
  })();
}

/**
 * AndThen applies f to a reply: at once to a value, when it resolves to a promise.
 * (Not named then: a module that exports then is a thenable, and import() of it breaks.)
 */
export function andThen<T, U>(x: Reply<T>, f: (v: T) => U): Reply<U> {
  return x instanceof Promise ? (x.then(f) as Promise<U>) : f(x);
}

/**
 * Steps tracks the answers to a series of inspector commands. Each step runs
 * (posts its commands) at once: the session handles commands in the order
 * posted, and Deno and Bun, like Node, act on a command inside post even when
 * they answer later. An error of a step answered synchronously (Node) is thrown
 * to the caller; the first error of one answered later is kept for done.
 */
export class Steps {
  private tail: Promise<void> | undefined;
  private failed = false;
  private error: unknown = undefined;

  /** Run runs op now; when it returns a promise, done waits for it. */
  run(op: () => unknown): void {
    const x = op();
    if (!(x instanceof Promise)) return;
    const settled = x.then(noop, (e: unknown) => {
      if (this.failed) return;
      this.failed = true;
      this.error = e;
    });
    this.tail = this.tail === undefined ? settled : Promise.all([this.tail, settled]).then(noop);
  }

  /**
   * Done returns f() once every step has been answered: at once when none is
   * pending, else as a promise, which rejects with the first error of a step.
   */
  done<T>(f: () => T): Reply<T> {
    const finish = (): T => {
      if (this.failed) {
        const e = this.error;
        this.failed = false;
        this.error = undefined;
        throw e;
      }
      return f();
    };
    const tail = this.tail;
    if (tail === undefined) return finish();
    this.tail = undefined;
    return tail.then(finish);
  }
}

function noop(): void {}
/** A call frame of the V8 inspector's CPU and heap profiles. */
export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** A node of Profiler.Profile. */
export interface CpuNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** Profiler.Profile: the V8 CPU profile as the inspector returns it (times in µs). */
export interface CpuProfile {
  nodes: CpuNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** A node of HeapProfiler.SamplingHeapProfile. */
export interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  id: number;
  children: HeapNode[];
}

/** HeapProfiler.SamplingHeapProfile. */
export interface HeapProfile {
  head: HeapNode;
  samples: { size: number; nodeId: number; ordinal: number }[];
}
