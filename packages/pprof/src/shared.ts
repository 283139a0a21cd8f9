// The one process-wide label store. Every copy of @gostd/pprof that loads in a
// process finds the same AsyncLocalStorage (and the same profiler state) under a
// global symbol, so labels set through one copy are seen by the others.
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The shape of a label context as stored in the AsyncLocalStorage. It is kept
 * structural (no class checks) so that copies of this package agree on it.
 */
export interface Store {
  /** The labels, key -> value. Never mutated once the store is made. */
  readonly labels: ReadonlyMap<string, string>;
  /** A canonical text of the labels, made on first use by the profiler. */
  key: string | undefined;
  /** The switch-log generation that numbered this store (see logId). */
  logGen: number;
  /** This store's number in the switch log of generation logGen. */
  logId: number;
}

/** Records that the current label store changed (to s) while a CPU profile runs. */
export type Recorder = (s: Store | undefined) => void;

/** The state shared by every copy of the package in the process. */
export interface Shared {
  readonly version: 1;
  readonly als: AsyncLocalStorage<Store>;
  /** Non-null only while a CPU profile runs. */
  recorder: Recorder | null;
  /** True while a CPU profile runs (in any copy of the package). */
  cpuBusy: boolean;
  /** The last switch-log generation handed out. */
  generation: number;
  /**
   * True once a label store was entered in the process (by do or
   * setGoroutineLabels); absent where an older copy of the package made the
   * shared state.
   */
  labeled?: boolean;
}

const key = Symbol.for('@gostd/pprof.shared.v1');

function init(): Shared {
  const g = globalThis as unknown as Record<symbol, Shared | undefined>;
  const have = g[key];
  if (have !== undefined) return have;
  const made: Shared = {
    version: 1,
    als: new AsyncLocalStorage<Store>(),
    recorder: null,
    cpuBusy: false,
    generation: 0,
    labeled: false,
  };
  Object.defineProperty(globalThis, key, {
    value: made,
    enumerable: false,
    configurable: false,
    writable: false,
  });
  return made;
}

/** The process-wide shared state. */
export const shared: Shared = init();
