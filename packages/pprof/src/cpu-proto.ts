// Building the pprof CPU profile from counted stacks, as Go's runtime/pprof
// proto.go builds its profile.proto.
import { Profile, Sample, ValueType } from 'pprof-format';
import type { StackCounts } from './cpu-stacks';

/** What a CPU profile says about itself besides its samples. */
export interface CPUProfileMeta {
  /** The requested sampling rate. */
  hz: number;
  /** Wall-clock start (ns since the epoch) and duration (ns). */
  timeNanos: bigint;
  durationNanos: number;
}

/**
 * CpuProfileOf returns the profile of counted samples: sample types
 * samples/count and cpu/nanoseconds, each sample worth the measured period
 * (the requested one when fewer than two samples were taken), with comments
 * saying how it was taken.
 */
export function cpuProfileOf(c: StackCounts, meta: CPUProfileMeta): Profile {
  const tables = c.tables;
  const st = tables.strings;
  const period = c.gaps > 0 ? Math.round((c.gapsUs * 1000) / c.gaps) : Math.round(1e9 / meta.hz);
  const sample: Sample[] = [];
  for (const a of c.counts.values()) {
    sample.push(
      new Sample({
        locationId: a.locs,
        value: [a.count, a.count * period],
        label: tables.labels(a.labels),
      }),
    );
  }
  const comment: number[] = [
    st.dedup(`@gostd/pprof: requested ${meta.hz} Hz, measured period ${period} ns, ${c.chunks} chunk(s)`),
  ];
  if (c.misaligned > 0) {
    comment.push(
      st.dedup('@gostd/pprof: inspector clock offset from process.hrtime corrected; labels approximate'),
    );
  }
  if (c.unlabeled > 0) comment.push(st.dedup('@gostd/pprof: label log overflowed; some samples lost labels'));
  const cpu = new ValueType({ type: st.dedup('cpu'), unit: st.dedup('nanoseconds') });
  return new Profile({
    sampleType: [new ValueType({ type: st.dedup('samples'), unit: st.dedup('count') }), cpu],
    sample,
    mapping: [tables.mapping],
    location: tables.locations,
    function: tables.functions,
    stringTable: st,
    timeNanos: meta.timeNanos,
    durationNanos: meta.durationNanos,
    periodType: cpu,
    period,
    comment,
  });
}
