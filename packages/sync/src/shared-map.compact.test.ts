// Free memory in pieces between live records (issue 13, defect 2, as a CI run found it on 2026-12-06): a map
// filled with big entries and small ones in turn, the big ones deleted, holds more than half its memory free,
// but in pieces too small for a bigger index, which must be one block. Before records could move, storing
// small entries there failed with `out of memory` at a fraction of what a fresh map holds with the same live
// entries (0.22-0.66 of it in 10 of 12 histories; 1,820 of the 3,000 stores below). The merging thread now
// moves the records that lie between free runs (shared-compact.ts), and these tests hold it to that, alone
// and while workers read and write the very records it moves.
import { beforeAll, describe, expect, it } from 'vitest';
import { compactions, type Evacuation, evacuate, type Relocator } from './shared-compact';
import type { Heap } from './shared-heap';
import { SharedMap } from './shared-map';
import { type IndexedRecords, listRecords, moveRecord } from './shared-map-relocate';
import { census } from './testdata/shared-map-census';
import { fill } from './testdata/shared-map-fill';
import { checkBuilt, deadline, finish, sleep, start, stopFlag, watch } from './testdata/shared-map-harness';
import { keyOf, valueFor } from './testdata/shared-map-values.mjs';

beforeAll(checkBuilt);

/**
 * pinned fills m with an entry of `big` bytes and a small one ("pin") in turn until it is out of memory, then
 * deletes the big ones: what is left is pins spread over the whole buffer, with free memory between them.
 * It returns the pins (key -> value).
 */
function pinned(m: SharedMap<string, string>, big: number, pin: (i: number) => string): Map<string, string> {
  const pins = new Map<string, string>();
  let i = 0;
  try {
    for (; ; i++) {
      m.store(`big${i}`, 'b'.repeat(big));
      m.store(`pin${i}`, pin(i));
      pins.set(`pin${i}`, pin(i));
    }
  } catch (e) {
    expect(String(e)).toMatch(/out of memory/);
  }
  for (let j = 0; j <= i; j++) m.delete(`big${j}`);
  return pins;
}

/**
 * freshFill returns how many entries n0, n1, ... -> value a fresh map of max bytes holding the entries of
 * live takes before it is out of memory: what a map with those live entries should hold.
 */
function freshFill(max: number, live: Map<string, string>, value: string): number {
  const fresh = new SharedMap<string, string>({ maxByteLength: max });
  for (const [k, v] of live) fresh.store(k, v);
  return fill(
    fresh,
    (i) => `n${i}`,
    () => value,
  );
}

describe('SharedMap whose free memory lies between live records', () => {
  it.each([
    [1024, 40, 3000],
    [512, 40, 2000],
    [300, 20, 4000],
  ])(
    'entries of %i bytes deleted between pins: %i-byte entries x %i fit, and every pin stays',
    (big, small, n) => {
      const m = new SharedMap<string, string>({ maxByteLength: 512 * 1024 });
      const pins = pinned(m, big, (i) => `p${i}`);
      const before = { ...compactions };
      for (let k = 0; k < n; k++) {
        try {
          m.store(`new${k}`, `${k}`.padEnd(small, '.'));
        } catch (e) {
          throw new Error(`store ${k} of ${n}: ${e}; ${census(m)}`, { cause: e });
        }
      }
      for (let k = 0; k < n; k++) expect(m.get(`new${k}`)).toBe(`${k}`.padEnd(small, '.'));
      for (const [k, v] of pins) expect(m.get(k)).toBe(v);
      expect(m.size).toBe(pins.size + n);
      // The index had to grow into memory that records were holding.
      expect(compactions.freed).toBeGreaterThan(before.freed);
      expect(compactions.moved).toBeGreaterThan(before.moved);
    },
  );

  it.each([256 * 1024, 1 << 20])(
    'free pieces too small for a record, between live records, serve it (maxByteLength %i)',
    (max) => {
      // 80-byte entries and 32-byte pins in turn until out of memory, then the 80-byte ones deleted: the map
      // is half free, in 80-byte pieces between the pins, and no piece holds a 96-byte entry. Before: not
      // one fitted (0 of the 1,331 and 5,352 a fresh map holding the pins takes). Now a full merge moves
      // the pins out of a 4 KiB stretch and the entries are cut from it: 0.69 of a fresh map's (2026-12-07;
      // the rest is index tables kept as index tables, and 16-byte leftovers).
      const m = new SharedMap<string, string>({ maxByteLength: max });
      const pins = pinned(m, 52, () => '');
      const got = fill(
        m,
        (i) => `n${i}`,
        () => 'n'.repeat(68),
      );
      const want = freshFill(max, pins, 'n'.repeat(68));
      console.log(`96-byte entries between pins, ${max} bytes: ${got} of a fresh map's ${want}`);
      expect(got / want, census(m)).toBeGreaterThanOrEqual(0.6);
      for (const [k, v] of pins) expect(m.get(k)).toBe(v);
      for (let i = 0; i < got; i++) expect(m.get(`n${i}`)).toBe('n'.repeat(68));
    },
  );

  it('after fragmenting histories, holds at least 3/4 of what a fresh map holds with the same live entries', () => {
    let seed = 99;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const ratios: number[] = [];
    for (let run = 0; run < 8; run++) {
      const max = (run % 2 === 0 ? 256 : 512) * 1024;
      const m = new SharedMap<string, string>({ maxByteLength: max });
      // Three rounds: big and small entries in turn until out of memory, then the big ones and most of the
      // small ones deleted.
      const live = new Map<string, string>();
      for (let round = 0; round < 3; round++) {
        const pins = pinned(m, 64 + rnd(2000), () => 'p'.repeat(rnd(30)));
        for (const [k, v] of pins) live.set(`${k}`, v);
        for (const k of [...live.keys()]) {
          if (rnd(10) < 7) {
            m.delete(k);
            live.delete(k);
          }
        }
        // The next round's keys must not be these.
        for (const [k, v] of [...live]) {
          m.delete(k);
          live.delete(k);
          m.store(`r${round}${k}`, v);
          live.set(`r${round}${k}`, v);
        }
      }
      const small = 8 + rnd(60);
      const got = fill(
        m,
        (i) => `n${i}`,
        () => 'n'.repeat(small),
      );
      const want = freshFill(max, live, 'n'.repeat(small));
      ratios.push(got / want);
      for (const [k, v] of live) expect(m.get(k)).toBe(v);
    }
    console.log(`held / fresh map's: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
    // Index tables stay index tables (a thread may hold an old one), so a little less may fit.
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(0.75);
  });

  it('an index that cannot grow or be rebuilt is tried again every 1/64 of its slots, not on every write', () => {
    // 100-byte entries fill a 1 MiB map after its index reaches 3/4 of 8,192 slots and before the next one
    // (128 KiB) fits: every insert from there on merged all the free blocks again to look for that index,
    // and so did every deletion past half the slots, to look for a table to rebuild it in (504 and 533
    // merges before; the same 6,646 entries fit either way).
    const m = new SharedMap<string, string>({ maxByteLength: 1 << 20 });
    let before = compactions.merges;
    let stored = 0;
    try {
      for (; stored < 1e6; stored++) m.store(`k${stored}`, 'v'.repeat(100));
    } catch (e) {
      expect(String(e)).toMatch(/out of memory/);
    }
    const filling = compactions.merges - before;
    before = compactions.merges;
    for (let i = 0; i < stored; i++) m.delete(`k${i}`);
    const deleting = compactions.merges - before;
    console.log(`${stored} entries until out of memory: ${filling} merges; deleting them: ${deleting}`);
    expect(stored).toBeGreaterThan(6000);
    expect(filling).toBeLessThan(40);
    expect(deleting).toBeLessThan(40);
    expect(m.size).toBe(0);
    for (let i = 0; i < stored; i++) m.store(`again${i}`, 'v'.repeat(100));
  });

  it('gives a plan up when a write changes a record first, keeps every block, and tries again', () => {
    const m = new SharedMap<string, string>({ maxByteLength: 512 * 1024 });
    const pins = pinned(m, 1024, (i) => `p${i}`);
    // Another attachment in this thread plays the other thread: it deletes the first record about to move.
    const other = SharedMap.from<string, string>(m.handle);
    const otherReader = (other as unknown as { reader: { keyOf(r: number): string | number | undefined } })
      .reader;
    const heap = (m as unknown as { heap: Heap }).heap;
    const raced: string[] = [];
    heap.relocator = {
      list: listRecords,
      move: (h, list, k, dest) => {
        if (raced.length < 3 && !list.deleted(k)) {
          const key = otherReader.keyOf(list.at[k]!) as string;
          other.delete(key);
          raced.push(key);
        }
        return moveRecord(h, list, k, dest);
      },
    };
    const before = { ...compactions };
    for (let k = 0; k < 3000; k++) m.store(`new${k}`, `${k}`.padEnd(40, '.'));
    expect(raced.length).toBe(3);
    expect(compactions.abandoned - before.abandoned).toBe(3);
    expect(compactions.freed).toBeGreaterThan(before.freed);
    for (const key of raced) pins.delete(key);
    for (const [k, v] of pins) expect(m.get(k)).toBe(v);
    for (let k = 0; k < 3000; k++) expect(m.get(`new${k}`)).toBe(`${k}`.padEnd(40, '.'));
    for (const key of raced) expect(m.load(key)).toEqual([undefined, false]);
    // Every block is somewhere: free, in a table, or a record.
    expect(census(m)).toMatch(/unaccounted \(leaked, or a record being built\) 0$/);
  });

  it('a thread that dies in the middle of moving records leaves every entry right and leaks only what it held', () => {
    // What a worker terminated inside a move leaves: some records moved, the rest not, the stretch's free
    // runs and the unused copies' blocks held by nobody. Here the 10th move throws instead.
    const m = new SharedMap<string, string>({ maxByteLength: 512 * 1024 });
    const pins = pinned(m, 1024, (i) => `p${i}`);
    const heap = (m as unknown as { heap: Heap }).heap;
    let moves = 0;
    heap.relocator = {
      list: listRecords,
      move: (h, list, k, dest) => {
        if (++moves === 10) throw new Error('terminated');
        return moveRecord(h, list, k, dest);
      },
    };
    const value = (k: number) => `${k}`.padEnd(40, '.');
    let k = 0;
    for (; moves < 10; k++) {
      try {
        m.store(`new${k}`, value(k));
      } catch (e) {
        expect(String(e)).toMatch(/terminated/);
      }
    }
    heap.relocator = { list: listRecords, move: moveRecord };
    // The store that died may or may not have happened; everything before it is there, and so is every pin.
    for (const [key, v] of pins) expect(m.get(key)).toBe(v);
    for (let j = 0; j < k - 1; j++) expect(m.get(`new${j}`)).toBe(value(j));
    const leaked = Number(/unaccounted \(leaked, or a record being built\) (\d+)$/.exec(census(m))?.[1]);
    console.log(`died at store ${k - 1}, after 9 moves: ${leaked} bytes held by nobody`);
    // At most the stretch it was freeing (an index table of 4,096 slots: 32,896 bytes) and the copies' blocks.
    expect(leaked).toBeGreaterThan(0);
    expect(leaked).toBeLessThanOrEqual(2 * 32_896);
    // The map goes on: the rest of the 3,000 small entries fit, with every pin.
    for (let j = k; j < 3000; j++) m.store(`new${j}`, value(j));
    for (let j = k; j < 3000; j++) expect(m.get(`new${j}`)).toBe(value(j));
    for (const [key, v] of pins) expect(m.get(key)).toBe(v);
  });

  it('moves records while 2 workers read, write and delete them: every answer is what that worker did last', async () => {
    const until = deadline();
    const totals = { freed: 0, moved: 0, abandoned: 0, ooms: 0, ops: [] as number[] };
    for (let round = 0; round < 4; round++) {
      const m = new SharedMap<string | number, unknown>({ maxByteLength: 512 * 1024 });
      // Pins are keyOf(0..PINS-1), with values the workers' checks accept; the big entries between them go.
      const PINS = 400;
      for (let i = 0; i < PINS; i++) {
        m.store(`big${i}`, 'b'.repeat(900));
        m.store(keyOf(i), valueFor(i, 0, 4 * i) as never);
      }
      for (let j = 0; j < PINS; j++) m.delete(`big${j}`);
      const stop = stopFlag();
      const half = PINS >> 1;
      const runs = [
        start(m, 'pins', { from: 0, keys: half, seed: 2 * round + 1, worker: 1 }, stop),
        start(m, 'pins', { from: half, keys: PINS - half, seed: 2 * round + 2, worker: 2 }, stop),
      ];
      for (const r of runs) await watch(r.started, runs, until, 'pins: start');
      const before = { ...compactions };
      // Small new entries: the index has to grow past every table the map made before.
      const n = 3000;
      let ooms = 0;
      for (let k = 0; k < n; k++) {
        for (;;) {
          try {
            m.store(`new${k}`, `${k}`.padEnd(24, '.'));
            break;
          } catch (e) {
            if (!String(e).includes('out of memory')) throw e;
            if (++ooms > 200) throw new Error(`store ${k} of ${n}: ${e}; ${census(m)}`, { cause: e });
            await sleep(10);
          }
        }
        if (k % 64 === 0) await watch(sleep(1), runs, until, 'pins');
      }
      Atomics.store(stop, 0, 1);
      const results = await finish(runs, until, 'pins');
      for (const r of results) {
        expect(r.problems).toBe('');
        expect(r.bad).toBe(0);
        totals.ops.push(r.ops!);
      }
      for (let k = 0; k < n; k++) expect(m.get(`new${k}`)).toBe(`${k}`.padEnd(24, '.'));
      expect(compactions.freed).toBeGreaterThan(before.freed);
      totals.freed += compactions.freed - before.freed;
      totals.moved += compactions.moved - before.moved;
      totals.abandoned += compactions.abandoned - before.abandoned;
      totals.ooms += ooms;
    }
    console.log(
      `4 maps: worker ops ${totals.ops.join(' ')}; main thread: ${totals.freed} runs freed, ${totals.moved} ` +
        `records moved, ${totals.abandoned} plans given up to a write, ${totals.ooms} out of memory`,
    );
  });
});

describe('a plan given up', () => {
  it('gives back every run it held, however many', () => {
    // 100,000 free runs in the stretch: giveBack.push(...held) passed 200,000 arguments and threw a
    // RangeError ("Maximum call stack size exceeded") in the merging thread.
    const held: number[] = [];
    for (let i = 0; i < 100_000; i++) held.push(1000 + 8 * i, 1004 + 8 * i);
    const given: number[] = [];
    const heap = { pushRun: (a: number, b: number) => given.push(a, b) } as unknown as Heap;
    const relocator: Relocator = { list: () => null, move: () => false };
    const list = { length: 1, at: Int32Array.of(900), words: Int32Array.of(8) } as unknown as IndexedRecords;
    const plan: Evacuation = { relocator, start: 900, end: 801_000, list, records: [0], dests: [0], held };
    const abandoned = compactions.abandoned;
    expect(evacuate(heap, plan)).toBe(0);
    expect(compactions.abandoned).toBe(abandoned + 1);
    expect(given).toEqual(held);
  });
});
