// Filling a SharedMap until it is out of memory, for the tests of what it does then
// (shared-map.memory.test.ts, shared-map.compact.test.ts).
import { expect } from 'vitest';
import type { SharedMap } from '../shared-map';

/** fill stores key(i) -> value(i) for i = 0, 1, ... until the map is out of memory; it returns the count. */
export function fill<K extends string | number, V>(
  m: SharedMap<K, V>,
  key: (i: number) => K,
  value: (i: number) => V,
): number {
  let i = 0;
  try {
    for (; i < 1e7; i++) m.store(key(i), value(i));
  } catch (e) {
    expect(String(e)).toMatch(/out of memory/);
    return i;
  }
  throw new Error('never ran out of memory');
}
