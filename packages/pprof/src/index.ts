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
