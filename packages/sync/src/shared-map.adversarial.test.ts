// SharedMap against an adversary: 2, 4 and 8 real worker_threads run random mixes of every operation (load,
// get, has, store, loadOrStore, loadAndDelete, delete, swap, compareAndSwap, compareAndDelete, range, clear)
// on shared keys, in a map small enough that they keep running out of memory (each then deletes a run of keys
// and fills on), while this thread terminates workers in the middle of operations and starts new ones. Every
// value is self-describing (testdata/shared-map-values.mjs): each read, in the workers and here, must be a
// value written for its key, or nothing. At quiescence range and load must agree, size must be off by no
// more than the writes the terminations cut short, and deleting everything must make room again.
import { beforeAll, describe, expect, it } from 'vitest';
import { setStaleSeconds } from './shared-coalesce';
import { SharedMap } from './shared-map';
import { census } from './testdata/shared-map-census';
import {
  checkBuilt,
  deadline,
  finish,
  type Running,
  sleep,
  start,
  stopFlag,
  watch,
} from './testdata/shared-map-harness';
import { isValueFor, keyOf, sameValue, valueFor } from './testdata/shared-map-values.mjs';

beforeAll(checkBuilt);

/** RUN_MS is how long the workers run for each worker count. */
const RUN_MS = 2500;
/** KEYS is the number of keys the workers share. */
const KEYS = 3000;

/** storeWithin stores k, retrying while the map is out of memory for up to ms milliseconds. */
async function storeWithin(m: SharedMap<string | number, unknown>, k: string, v: string, ms: number) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      m.store(k, v);
      return;
    } catch (e) {
      if (!String(e).includes('out of memory') || Date.now() > until) throw e;
      await sleep(100);
    }
  }
}

describe('SharedMap against an adversary', () => {
  it.each([2, 4, 8])(
    '%i workers: every read a value written for its key; range, load and size agree; room again',
    async (n) => {
      const m = new SharedMap<string | number, unknown>({ maxByteLength: 512 * 1024 });
      // Fill to the limit, then delete a tenth: the workers start under memory pressure.
      let filled = 0;
      try {
        for (let seq = 0; ; seq++) {
          m.store(keyOf(seq % KEYS), valueFor(seq % KEYS, 0, seq) as never);
          filled++;
        }
      } catch (e) {
        expect(String(e)).toMatch(/out of memory/);
      }
      for (let i = 0; i < KEYS; i += 10) m.delete(keyOf(i));
      const until = deadline();
      const stop = stopFlag();
      let seed = n * 1000;
      const spawn = () => start(m, 'adversary', { keys: KEYS, seed: ++seed, worker: seed }, stop);
      const runs: Running[] = Array.from({ length: n }, spawn);
      const all = [...runs];
      let terminated = 0;
      const t0 = Date.now();
      while (Date.now() - t0 < RUN_MS) {
        await watch(sleep(50 + ((seed * 37) % 150)), runs, until, `${n} workers`);
        // Terminate one worker in the middle of whatever it is doing, and start another in its place.
        const victim = (seed * 7) % runs.length;
        await watch(runs[victim]!.started, runs, until, `${n} workers: start`);
        await runs[victim]!.worker.terminate();
        terminated++;
        runs[victim] = spawn();
        all.push(runs[victim]!);
      }
      Atomics.store(stop, 0, 1);
      const results = await finish(runs, until, `${n} workers`);
      // Every worker, terminated or not, counted its operations (in 64s) in its progress word.
      const ops = all.reduce((s, r) => s + 64 * Atomics.load(r.progress, 0), 0);
      const ooms = results.reduce((s, r) => s + (r.oom ?? 0), 0);
      const problems = results.map((r) => r.problems).filter(Boolean);
      expect(problems).toEqual([]);
      for (const r of results) expect(r.bad).toBe(0);
      // Quiescence: range, load and size agree, and every value is one written for its key.
      const ranged = new Map<string | number, unknown>();
      m.range((k, v) => {
        expect(ranged.has(k)).toBe(false);
        ranged.set(k, v);
      });
      let loaded = 0;
      for (let i = 0; i < KEYS; i++) {
        const k = keyOf(i);
        const [v, ok] = m.load(k);
        expect(ok).toBe(ranged.has(k));
        if (!ok) continue;
        loaded++;
        expect(isValueFor(k, v)).toBe(true);
        expect(sameValue(v, ranged.get(k))).toBe(true);
      }
      expect(ranged.size).toBe(loaded);
      // size is a counter updated just after each write: a worker terminated in between leaves it off by one.
      expect(Math.abs(m.size - loaded)).toBeLessThanOrEqual(terminated);
      // Deleting everything makes room again.
      m.clear();
      // Where the memory is: what a terminated worker leaked shows as unaccounted.
      const afterClear = census(m);
      // A worker terminated in the middle of merging free blocks leaves them in the limbo, where the next
      // thread to merge finds them once that worker has held it for staleSeconds (1 here, 10 by default).
      const stale = setStaleSeconds(1);
      try {
        for (let i = 0; i < 2000; i++) {
          try {
            await storeWithin(m, `again${i}`, 'v'.repeat(40), 3000);
          } catch (e) {
            throw new Error(`store ${i} after clear: ${e}; ${census(m)}`, { cause: e });
          }
        }
      } finally {
        setStaleSeconds(stale);
      }
      for (let i = 0; i < 2000; i += 97) expect(m.get(`again${i}`)).toBe('v'.repeat(40));
      console.log(
        `${n} workers (${all.length} started, ${terminated} terminated): about ${ops} operations, ` +
          `${ooms} out of memory in the survivors, ${loaded} keys at the end, ${m.byteLength} bytes ` +
          `(${filled} stores filled it first); after clear: ${afterClear}`,
      );
    },
  );
});
