// Walking V8's CPU profile tree into stacks and counting the samples by stack
// and label set, as Go's runtime/pprof map.go counts them by stack and tags.
import type { Tables } from './builder';
import type { ClockCheck } from './cpu-clock';
import type { CpuNode, CpuProfile } from './inspector';
import { type LabelLog, storeKey } from './label-log';

/** A stack (location ids, leaf first) with a label set (a Tables index, -1 for none) and its sample count. */
export interface StackCount {
  locs: number[];
  labels: number;
  count: number;
}

/**
 * StacksOf returns a function that gives, for a node id of profile p, the stack of locations from
 * that node up to (not including) the root, leaf first; memoized per node.
 */
export function stacksOf(p: CpuProfile, tables: Tables): (id: number) => number[] {
  const byId = new Map<number, CpuNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const ch of n.children ?? []) parent.set(ch, n.id);
  }
  const stacks = new Map<number, number[]>();
  const stackOf = (id: number): number[] => {
    let s = stacks.get(id);
    if (s !== undefined) return s;
    const node = byId.get(id);
    const up = parent.get(id);
    if (node === undefined || up === undefined) s = [];
    else s = [tables.location(node.callFrame), ...stackOf(up)];
    stacks.set(id, s);
    return s;
  };
  return stackOf;
}

/** The samples of the chunks of one CPU profile, counted by stack and label set. */
export class StackCounts {
  readonly counts = new Map<string, StackCount>();
  /** Samples counted. */
  samples = 0;
  /** Sum of the times between consecutive samples (µs), and how many there were. */
  gapsUs = 0;
  gaps = 0;
  /** Chunks whose clock was corrected, and whose label log overflowed. */
  misaligned = 0;
  unlabeled = 0;
  chunks = 0;

  constructor(
    readonly tables: Tables,
    /** performance.now() origin in process.hrtime µs (see perfOriginUs). */
    readonly originUs: number,
  ) {}

  /**
   * Add counts the samples of one V8 profile, each with the labels the log
   * had in effect at its timestamp; c says how the profile's clock relates to
   * process.hrtime.
   */
  add(p: CpuProfile, c: ClockCheck, log: Pick<LabelLog, 'storeAt' | 'overflowAt'>): void {
    const offsetUs = c.aligned ? 0 : c.offsetUs;
    if (!c.aligned) this.misaligned++;
    const stackOf = stacksOf(p, this.tables);
    const samples = p.samples ?? [];
    const deltas = p.timeDeltas ?? [];
    let t = p.startTime;
    let first = -1;
    let taken = 0;
    for (let i = 0; i < samples.length; i++) {
      t += deltas[i] ?? 0;
      if (first < 0) first = t;
      taken++;
      const locs = stackOf(samples[i] as number);
      if (locs.length === 0) continue;
      const store = log.storeAt((t - offsetUs - this.originUs) / 1000);
      const labels = store === undefined ? -1 : this.tables.labelSet(storeKey(store), () => store.labels);
      const key = `${locs.join(',')}#${labels}`;
      const a = this.counts.get(key);
      if (a === undefined) this.counts.set(key, { locs, labels, count: 1 });
      else a.count++;
      this.samples++;
    }
    // The measured period: the mean time between consecutive samples (the time
    // before the first sample, when V8 may still be setting up, is left out).
    if (taken > 1) {
      this.gapsUs += t - first;
      this.gaps += taken - 1;
    }
    if (log.overflowAt >= 0) this.unlabeled++;
    this.chunks++;
  }
}
