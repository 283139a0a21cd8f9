/**
 * Package @gostd/pprof is Go's runtime/pprof for Node: profiler labels that follow async work, and CPU
 * and heap profiles written in the format expected by the pprof visualization tool, labels included.
 * Its subpath @gostd/pprof/http serves them over HTTP as Go's net/http/pprof does.
 *
 * @packageDocumentation
 */
export { type CPUProfileOptions, startCPUProfile, stopCPUProfile } from './cpu-profile';
export { memProfileRate, setMemProfileRate, writeHeapProfile } from './heap-profile';
export {
  doLabels as do,
  forLabels,
  type LabelContext,
  LabelSet,
  label,
  labels,
  setGoroutineLabels,
  withLabels,
} from './labels';
export type { Writer } from './writer';
