// Test data shared by the differential and property tests: every layout element of Go's format.go, the
// zones with odd rules, and a mutator of strings driven by @gostd/testing's seeded SplitMix64.
import type { SplitMix64 } from '@gostd/testing';

/** Every layout element Go knows (format.go's std* values), in their canonical spelling. */
export const layoutElements = [
  '2006',
  '06',
  '01',
  '1',
  'Jan',
  'January',
  '02',
  '2',
  '_2',
  '002',
  '__2',
  '15',
  '03',
  '3',
  '04',
  '4',
  '05',
  '5',
  'PM',
  'pm',
  'Mon',
  'Monday',
  'MST',
  '-0700',
  '-07:00',
  '-07',
  '-070000',
  '-07:00:00',
  'Z0700',
  'Z07:00',
  'Z07',
  'Z070000',
  'Z07:00:00',
  '.000',
  '.999',
  ',000',
  ',999',
  '.0',
  '.9',
  '.000000000',
  '.999999999',
];

/** The zones with odd rules the issue names: half-hour DST, negative DST, +12:45, Ramadan, -3:30, +5:45. */
export const oddZones = [
  'Australia/Lord_Howe',
  'Europe/Dublin',
  'Pacific/Chatham',
  'Africa/Casablanca',
  'America/St_Johns',
  'Asia/Kathmandu',
];

/** s after one to `most` random edits: a character deleted, or a piece of noise inserted or put in its place. */
export function mutate(s: string, most: number, rng: SplitMix64, noise: readonly string[]): string {
  for (let k = 1 + rng.below(most); k > 0; k--) {
    const at = rng.below(s.length + 1);
    const kind = rng.below(3);
    const piece = kind === 0 ? '' : rng.pick(noise);
    s = s.slice(0, at) + piece + s.slice(kind === 1 ? at : at + 1);
  }
  return s;
}
