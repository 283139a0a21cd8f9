// After Go's TestMapRangeNoAllocations (src/sync/map_test.go, issue 62404): a range that changes nothing
// allocates nothing. Measured as young-generation growth after a forced GC over a few calls, against a control that
// does allocate (iterating with for...of, which makes an entry tuple per key) to show the measurement works.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SyncMap } from './map';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function newSpaceUsed(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;
}

/**
 * bytesPerCall returns the young-generation bytes allocated per call of f: the median over several rounds of
 * `calls` calls, each started right after a full GC, and few enough that no scavenge runs in between (a
 * round in which the young generation shrank is discarded), less what an empty function measures.
 */
function bytesPerCall(f: () => void, calls: number): number {
  return Math.max(0, youngBytes(f, calls) - youngBytes(() => {}, calls)) / calls;
}

/** The median young-generation growth over rounds of calls to f, including what measuring allocates. */
function youngBytes(f: () => void, calls: number): number {
  for (let i = 0; i < 20 * calls; i++) f(); // warm up, so the JIT's own allocations happen before measuring
  const samples: number[] = [];
  for (let round = 0; round < 9; round++) {
    gc();
    const before = newSpaceUsed();
    for (let i = 0; i < calls; i++) f();
    const after = newSpaceUsed();
    if (after >= before) samples.push(after - before);
  }
  if (samples.length < 3) throw new Error('the young generation was collected during most rounds');
  samples.sort((x, y) => x - y);
  return samples[samples.length >> 1] as number;
}

describe('Map allocations', () => {
  const m = new SyncMap<number, number>();
  for (let k = 0; k < 64; k++) m.store(k, k);
  let total = 0;
  const visit = (_k: number, v: number): boolean => {
    total += v;
    return true;
  };

  it('range allocates nothing per call when nothing changes', () => {
    const perCall = bytesPerCall(() => m.range(visit), 100);
    const control = bytesPerCall(() => {
      for (const [, v] of m) total += v;
    }, 100);
    console.log(
      `range: ${perCall.toFixed(2)} bytes/call; for...of control: ${control.toFixed(0)} bytes/call`,
    );
    expect(control).toBeGreaterThan(500);
    expect(perCall).toBeLessThan(8);
    expect(total).toBeGreaterThan(0);
  });

  it('get, has and size allocate nothing', () => {
    let s = 0;
    const perCall = bytesPerCall(() => {
      for (let k = 0; k < 64; k++) {
        s += m.get(k) ?? 0;
        if (m.has(k)) s++;
        s += m.size;
      }
    }, 100);
    expect(perCall).toBeLessThan(8);
    expect(s).toBeGreaterThan(0);
  });
});
