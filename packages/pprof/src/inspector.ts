// One node:inspector session per copy of the package, connected on first use.
// Posting to a session of the main thread's own inspector completes before
// post returns, which lets the profiler start and stop synchronously.
import { Session } from 'node:inspector';

let session: Session | undefined;

function connected(): Session {
  if (session === undefined) {
    session = new Session();
    session.connect();
  }
  return session;
}

/** Sends one inspector command that may complete later (HeapProfiler.collectGarbage). */
export function postAsync<R>(method: string, params?: object): Promise<R> {
  return new Promise((resolve, reject) => {
    connected().post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as R)));
  });
}

/** Sends one inspector command and returns its result; throws the inspector's error. */
export function post<R>(method: string, params?: object): R {
  const session = connected();
  let done = false;
  let error: Error | null = null;
  let result: unknown;
  session.post(method, params ?? {}, (err, res) => {
    done = true;
    error = err;
    result = res;
  });
  if (!done) throw new Error(`pprof: inspector command ${method} did not complete synchronously`);
  if (error !== null) throw error;
  return result as R;
}

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
