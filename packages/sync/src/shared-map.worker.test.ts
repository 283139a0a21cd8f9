// SharedMap on real worker_threads. The workers run src/testdata/shared-map-worker.mjs, which imports the
// built dist/index.js: run `npx tsup` before these tests (turbo builds before it tests).
//
// No test here can hang: every worker counts the operations it completes in a shared word, and `finish`
// terminates all the workers and fails, naming the stalled worker, when one makes no progress for STALL_MS
// (an operation of the map is spinning) or the test runs past its deadline, well inside vitest's timeout.
import { beforeAll, describe, expect, it } from 'vitest';
import { H_CURRENT } from './shared-heap';
import { SharedMap } from './shared-map';
import { T_NEXT } from './shared-map-table';
import {
  checkBuilt,
  deadline,
  finish,
  type Result,
  sleep,
  start,
  stopFlag,
  watch,
} from './testdata/shared-map-harness';

beforeAll(checkBuilt);

describe('SharedMap across worker_threads', () => {
  it('loses no compare-and-swap increment: 4 workers x 100000 on shared counters', async () => {
    const m = new SharedMap<string | number, number>();
    const keys = ['hits', 7, 'misses'];
    const n = 100_000;
    const runs = [0, 1, 2, 3].map(() => start(m, 'increment', { keys, n }));
    const results = await finish(runs, deadline(), 'CAS increments');
    const total = keys.reduce<number>((sum, k) => sum + (m.get(k) ?? 0), 0);
    expect(total).toBe(4 * n);
    // Each key got its share exactly (round robin from every worker).
    for (let i = 0; i < keys.length; i++) {
      const share = Math.floor(n / keys.length) + (i < n % keys.length ? 1 : 0);
      expect(m.get(keys[i]!)).toBe(4 * share);
    }
    console.log(
      `CAS increments: ${4 * n}, retried CAS: ${results.reduce((s, r) => s + (r.retries ?? 0), 0)}`,
    );
  });

  it('range visits each key at most once and every untouched key, under 2 concurrent writers', async () => {
    const m = new SharedMap<number, number>();
    const span = 2000;
    const stable = 500;
    for (let k = span + 1; k <= span + stable; k++) m.store(k, 3 * k);
    const until = deadline();
    const stop = stopFlag();
    const writers = [1, 2].map((seed) => start(m, 'churn', { span, seed }, stop));
    const ranger = start(m, 'ranger', { span, stable }, stop);
    await watch(sleep(1500), [ranger, ...writers], until, 'range under writers');
    Atomics.store(stop, 0, 1);
    const [r, ...w] = (await finish([ranger, ...writers], until, 'range under writers')) as [
      Result,
      ...Result[],
    ];
    console.log(`ranges: ${r.ranges} while writers made ${w.map((x) => x.ops).join(' + ')} writes`);
    expect(r.ranges).toBeGreaterThan(0);
    expect(r).toMatchObject({ twice: 0, missing: 0, bad: 0 });
    for (let k = span + 1; k <= span + stable; k++) expect(m.get(k)).toBe(3 * k);
  });

  it('keeps working for everyone after workers are terminated in the middle of writes', async () => {
    const m = new SharedMap<string | number, unknown>();
    for (let k = 0; k < 1000; k++) m.store(`keep${k}`, 2 * k);
    const until = deadline();
    let killed = 0;
    for (let round = 0; round < 6; round++) {
      const runs = [0, 1].map((i) => start(m, 'mayhem', { seed: round * 2 + i + 1 }));
      await watch(Promise.all(runs.map((r) => r.started)), runs, until, `mayhem round ${round} start`);
      await watch(sleep(20 + ((round * 37) % 60)), runs, until, `mayhem round ${round}`);
      for (const r of runs) {
        await r.worker.terminate();
        killed++;
      }
    }
    // The map still serves writes and reads from every thread (in workers first, so that a wedged map fails
    // with a message instead of hanging this thread), and the entries nobody touched are intact.
    const before = (m.get('ctr') as number | undefined) ?? 0;
    const n = 20_000;
    await finish(
      [0, 1].map(() => start(m, 'increment', { keys: ['ctr'], n })),
      until,
      'increments after the kills',
    );
    expect(m.get('ctr')).toBe(before + 2 * n);
    const readers = [0, 1].map(() => start(m, 'reader', { stable: 1000, prefix: 'keep', n: 100_000 }));
    for (const r of await finish(readers, until, 'reads after the kills')) expect(r.wrong).toBe(0);
    for (let k = 0; k < 1000; k++) expect(m.get(`keep${k}`)).toBe(2 * k);
    let visited = 0;
    m.range(() => {
      visited++;
      return true;
    });
    // size is a counter updated after each write's compare-and-swap: a worker killed between the two leaves
    // it off by one (a documented limit); the entries themselves are all there.
    expect(Math.abs(visited - m.size)).toBeLessThanOrEqual(killed);
    console.log(`terminated ${killed} workers mid-write; counter at ${m.get('ctr')}, ${m.size} entries`);
  });

  it('reuses deleted space: a steady store/delete loop of new keys stays within bounded memory', async () => {
    const m = new SharedMap();
    for (let k = 0; k < 100; k++) m.store(k, k);
    const until = deadline();
    const first = await finish(
      [1, 2].map((i) => start(m, 'storeDelete', { prefix: `a${i}-`, n: 20_000 })),
      until,
      'store/delete (first run)',
    );
    const after = m.byteLength;
    const second = await finish(
      [1, 2].map((i) => start(m, 'storeDelete', { prefix: `b${i}-`, n: 100_000 })),
      until,
      'store/delete (second run)',
    );
    const end = m.byteLength;
    console.log(
      `store/delete: ${first.reduce((s, r) => s + r.ops!, 0)} pairs -> ${after} bytes, ` +
        `${second.reduce((s, r) => s + r.ops!, 0)} more -> ${end} bytes`,
    );
    expect(m.size).toBe(100);
    // Five times the work must not take more memory than a small constant over the first run.
    expect(end).toBeLessThanOrEqual(after + 64 * 1024);
  });

  it('short-lived workers, exiting or terminated, take about the memory one thread takes for the same work', async () => {
    // Issue 13, defect 3: every worker that ended took its cache of up to 32 free blocks per size class with
    // it (300 workers with 200 live keys grew a map from 343 KiB to 22.4 MiB; one thread: 310 KiB).
    const keys = 200;
    const n = 3000;
    const workers = 24;
    const one = new SharedMap<number, string>();
    const { steadyWork } = (await import('./testdata/shared-map-steady.mjs')) as {
      steadyWork: (m: SharedMap<number, string>, keys: number, n: number, seed: number) => void;
    };
    for (let w = 0; w < workers; w++) steadyWork(one, keys, n, w + 1);
    const m = new SharedMap<number, string>();
    const until = deadline();
    let terminated = 0;
    for (let w = 0; w < workers; w += 2) {
      const runs = [w, w + 1].map((i) => start(m, 'shortLived', { keys, n, seed: i + 1 }));
      if (w % 8 === 6) {
        // Terminate one of the pair in the middle of its work.
        await watch(runs[0]!.started, runs, until, 'short-lived start');
        await watch(sleep(5), runs, until, 'short-lived');
        await runs[0]!.worker.terminate();
        terminated++;
        await finish([runs[1]!], until, 'short-lived');
      } else {
        await finish(runs, until, 'short-lived');
      }
    }
    console.log(
      `${workers} short-lived workers (${terminated} terminated): ${m.byteLength} bytes; one thread doing ` +
        `the same work: ${one.byteLength} bytes`,
    );
    // A worker terminated between a delete and the store after it leaves that key deleted.
    let live = 0;
    m.range(() => {
      live++;
      return true;
    });
    expect(live).toBeLessThanOrEqual(keys);
    expect(live).toBeGreaterThanOrEqual(keys - terminated);
    // size is a counter updated just after each write: a worker terminated between the two leaves it off by
    // one (README, "No lock, so no wedge"). CI on Node 26 once saw 201 for 200 live keys when this asserted
    // size <= keys.
    expect(Math.abs(m.size - live)).toBeLessThanOrEqual(terminated);
    expect(m.byteLength).toBeLessThanOrEqual(one.byteLength + 64 * 1024);
  });

  it('no thread starves another: blocks one thread freed serve another thread', async () => {
    // Issue 13, defect 3: in a 48 MiB map holding ~200 bytes, a worker could store only 15 values of 1 MB
    // because this thread's cache held ~32 MB of freed blocks.
    const m = new SharedMap<string, Uint8Array | number>({ maxByteLength: 48 << 20 });
    for (let i = 0; i < 33; i++) m.store(`mine${i}`, new Uint8Array(1_000_000));
    for (let i = 0; i < 33; i++) m.store(`mine${i}`, i); // frees 33 blocks of 1 MiB in this thread
    const until = deadline();
    const [r] = await finish(
      [start(m, 'bigStores', { count: 40, bytes: 1_000_000, prefix: 'w' })],
      until,
      'big',
    );
    console.log(`a worker stored ${r!.stored} values of 1 MB after this thread freed 33`);
    expect(r!.stored).toBe(40);
  });

  it('grows in place while readers read: no load misses or sees a wrong value', async () => {
    const m = new SharedMap<string | number, number>({ byteLength: 4096 });
    const stable = 2000;
    for (let k = 0; k < stable; k++) m.store(k, 2 * k);
    const bytesBefore = m.handle.buffer.byteLength;
    const until = deadline();
    const stop = stopFlag();
    const readers = [0, 1].map(() => start(m, 'reader', { stable }, stop));
    const filler = start(m, 'fill', { prefix: 'grow', n: 100_000 });
    const [filled] = await watch(
      filler.result.then((f) => [f]),
      [filler, ...readers],
      until,
      'grow in place',
    );
    Atomics.store(stop, 0, 1);
    const results = await finish(readers, until, 'readers during growth');
    console.log(
      `grew ${bytesBefore} -> ${filled.bytes} bytes during ${results.map((r) => r.loads).join(' + ')} loads`,
    );
    expect(filled.bytes).toBeGreaterThan(bytesBefore * 8);
    for (const r of results) expect(r.wrong).toBe(0);
    expect(m.size).toBe(stable + 100_000);
    expect(m.get('grow99999')).toBe(99_999);
  });

  it('a writer whose cached table was retired and came back as the current table, mid-migration, does not spin', async () => {
    // The staleWriter worker caches the current table (t0, id0) and waits. This thread then stores and deletes
    // fresh keys, which rebuilds the index every few hundred operations; tables of one size take turns in the
    // same blocks, so t0's block comes back as the current table under a new id. It stops in the middle of a
    // migration of that table, which only a writer can finish. A writer that trusted its cached id found
    // every check failing and spun forever (a livelock seen once in ~45 loaded CI runs of the store/delete test).
    const m = new SharedMap<string, number | string>();
    for (let k = 0; k < 100; k++) m.store(`k${k}`, k);
    for (let i = 0; i < 2000; i++) {
      m.store(`w${i}`, i);
      m.delete(`w${i}`);
    }
    const until = deadline();
    const stop = stopFlag();
    const writer = start(m, 'staleWriter', { n: 2000 }, stop);
    await watch(writer.started, [writer], until, 'stale writer start');
    const w = new Int32Array(m.handle.buffer);
    const t0 = w[H_CURRENT]!;
    const id0 = w[t0]!;
    let pairs = 0;
    while (!(w[H_CURRENT] === t0 && w[t0] !== id0 && w[t0 + T_NEXT] !== 0)) {
      if (pairs > 1_000_000) throw new Error("the current table's block never came back");
      m.store(`x${pairs}`, pairs);
      m.delete(`x${pairs}`);
      pairs++;
    }
    Atomics.store(stop, 0, 1);
    Atomics.notify(stop, 0);
    await finish([writer], until, 'stale writer');
    console.log(`stale writer: table block came back mid-migration after ${pairs} store/delete pairs`);
    expect(m.get('stale')).toBe('written');
    expect(m.size).toBe(101);
    for (let k = 0; k < 100; k++) expect(m.get(`k${k}`)).toBe(k);
  });
});
