// While a CPU profile runs, a log of label-context switches: each time the
// label store in effect changes (an async callback starts or ends, do enters or
// leaves, setGoroutineLabels), the time (performance.now(), same monotonic clock
// as the inspector's sample timestamps) and the new store. Samples are later
// given the store in effect at their timestamp. Async hooks are installed by
// start and removed by stop, so nothing is paid when no profile runs; while a
// profile runs in a process that has set no labels yet, they wait for the
// first one, so an unlabeled program pays nothing per async callback.
import { type AsyncHook, createHook } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { byCodePoint } from './labels';
import { type Store, shared } from './shared';

/**
 * The size limits of a switch log (12 bytes a switch). At drain switches the log
 * asks to be drained (by restarting the V8 profiler, which costs a few ms); at
 * max it stops logging until drained. Tests lower them.
 */
export const logLimits = { drain: 1 << 20, max: 1 << 21 };

/** A switch log with its async hooks. */
export class LabelLog {
  /** Switch times in performance.now() milliseconds, ascending. */
  times = new Float64Array(4096);
  /** The number of the store in effect from times[i] on: an index of stores, or -1 for none. */
  ids = new Int32Array(4096);
  /** The distinct stores logged since the last reset, numbered by ids. */
  stores: Store[] = [];
  /** The generation numbering the stores of this stretch of the log. */
  private gen = ++shared.generation;
  /** How many switches are logged. */
  n = 0;
  /** The store in effect before times[0]. */
  initial: Store | undefined;
  /** The store in effect now, as far as the log knows. */
  last: Store | undefined;
  /** The time of the first switch that did not fit, or -1. */
  overflowAt = -1;
  /** Called once when the log reaches logLimits.drain switches (until reset). */
  onLong: (() => void) | null = null;
  private asked = false;
  /** Whether the async hooks are installed. */
  hooked = false;
  private readonly stack: (Store | undefined)[] = [];
  private depth = 0;
  private readonly hook: AsyncHook;
  readonly record: (s: Store | undefined) => void;

  constructor() {
    this.initial = shared.als.getStore();
    this.last = this.initial;
    const als = shared.als;
    this.record = (s) => {
      if (s === this.last) return;
      if (!this.hooked && s !== undefined && shared.recorder === this.record) this.hookOn();
      this.last = s;
      this.push(s);
    };
    this.hook = createHook({
      before: () => {
        this.stack[this.depth++] = this.last;
        const s = als.getStore();
        if (s !== this.last) {
          this.last = s;
          this.push(s);
        }
      },
      after: () => {
        // An after without its before (the callback running when the hooks were
        // installed) goes back to the event loop, where no labels are in effect.
        const s = this.depth > 0 ? this.stack[--this.depth] : undefined;
        if (this.depth >= 0 && this.depth < this.stack.length) this.stack[this.depth] = undefined;
        if (s !== this.last) {
          this.last = s;
          this.push(s);
        }
      },
    });
  }

  private push(s: Store | undefined): void {
    const n = this.n;
    if (n === this.times.length) {
      if (n >= logLimits.max) {
        if (this.overflowAt < 0) this.overflowAt = performance.now();
        return;
      }
      const size = Math.min(n * 2, logLimits.max);
      const times = new Float64Array(size);
      times.set(this.times);
      this.times = times;
      const ids = new Int32Array(size);
      ids.set(this.ids);
      this.ids = ids;
    }
    let id = -1;
    if (s !== undefined) {
      if (s.logGen === this.gen) id = s.logId;
      else {
        id = this.stores.length;
        s.logGen = this.gen;
        s.logId = id;
        this.stores.push(s);
      }
    }
    this.times[n] = performance.now();
    this.ids[n] = id;
    this.n = n + 1;
    if (n + 1 >= logLimits.drain && !this.asked && this.onLong !== null) {
      this.asked = true;
      this.onLong();
    }
  }

  /**
   * Makes do and setGoroutineLabels report switches, and installs the hooks,
   * at once when labels have been set in the process (or are in effect), else
   * on the first label switch.
   */
  enable(): void {
    shared.recorder = this.record;
    if (shared.labeled !== false || this.initial !== undefined) this.hookOn();
  }

  private hookOn(): void {
    this.hooked = true;
    this.hook.enable();
  }

  /** Removes the hooks. */
  disable(): void {
    if (shared.recorder === this.record) shared.recorder = null;
    this.hooked = false;
    this.hook.disable();
  }

  /** The store in effect at time t (performance.now() ms): the last switch at or before t. */
  storeAt(t: number): Store | undefined {
    if (this.overflowAt >= 0 && t >= this.overflowAt) return undefined;
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return this.initial;
    const id = this.ids[lo - 1] as number;
    return id < 0 ? undefined : this.stores[id];
  }

  /** Forgets the logged switches; the store in effect now becomes the initial one. */
  reset(): void {
    this.initial = this.last;
    this.n = 0;
    this.stores = [];
    this.gen = ++shared.generation;
    this.overflowAt = -1;
    this.asked = false;
    if (this.times.length > 1 << 16) {
      this.times = new Float64Array(4096);
      this.ids = new Int32Array(4096);
    }
  }
}

/** The canonical text of a store's labels (sorted key/value pairs), cached on the store; '' for none. */
export function storeKey(s: Store): string {
  let k = s.key;
  if (k === undefined) {
    k = s.labels.size === 0 ? '' : JSON.stringify([...s.labels].sort((x, y) => byCodePoint(x[0], y[0])));
    s.key = k;
  }
  return k;
}
