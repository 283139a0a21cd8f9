// SharedMap is linearizable: histories recorded from 2, 4 and 8 worker_threads running all nine single-key
// operations at once on overlapping keys, while the map grows and compacts, are each checked by porcupine
// against a sequential model of sync.Map (testdata/linearizability). And the check has teeth: the same
// harness run on two deliberately broken maps reports them non-linearizable.
// `npm run test:linearizability -w @gostd/sync` runs this file alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireGo } from '@gostd/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, checkerDir, goBuildChecker, type History, overlaps, record } from './linearizability';
import { SharedMap } from './shared-map';

const nine = [
  'load',
  'store',
  'loadOrStore',
  'loadAndDelete',
  'delete',
  'swap',
  'compareAndSwap',
  'compareAndDelete',
  'clear',
];

/** Records rounds of SharedMap histories with workers workers, the map as variant says. */
function recordSharedMap(workers: number, rounds: number, opsPerWorker: number, variant = 'real') {
  return record({
    subject: './shared-map.mjs',
    model: 'syncmap',
    variant,
    workers,
    rounds,
    opsPerWorker,
    seed: workers,
    name: variant,
    // 4 KiB to start with, so the cold keys make the map's memory and index grow during the round.
    handle: () => new SharedMap({ byteLength: 4096 }).handle,
  });
}

describe.skipIf(!requireGo('SharedMap linearizability (porcupine)'))('SharedMap linearizability', () => {
  beforeAll(() => {
    goBuildChecker();
  }, 600_000);

  it('every history from 2, 4 and 8 workers is linearizable', { timeout: 600_000 }, async () => {
    const plan = [
      [2, 110, 400],
      [4, 110, 200],
      [8, 100, 100],
    ] as const;
    const all: History[] = [];
    const summary: string[] = [];
    const started = performance.now();
    for (const [workers, rounds, ops] of plan) {
      const t0 = performance.now();
      const hs = await recordSharedMap(workers, rounds, ops);
      const t1 = performance.now();
      const v = check(hs, fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-linearizability-')));
      const t2 = performance.now();
      const concurrent = hs.filter((h) => overlaps(h) > 0).length;
      summary.push(
        `${workers} workers: ${hs.length} histories of ${workers * ops} operations (${concurrent} with overlapping calls), ` +
          `${v.ok.length} linearizable, ${v.illegal.length} not, ${v.unknown.length} undecided ` +
          `(recorded in ${((t1 - t0) / 1000).toFixed(1)} s, checked in ${((t2 - t1) / 1000).toFixed(1)} s)`,
      );
      expect(v.illegal, `non-linearizable histories (see ${checkerDir})`).toEqual([]);
      expect(v.unknown).toEqual([]);
      // Workers run side by side only when the machine gives them cores at the same moment: on a busy
      // machine (load 15 on 2 cores) a third to two thirds of the histories had overlapping calls.
      expect(concurrent, summary.at(-1)).toBeGreaterThan(hs.length / 5);
      all.push(...hs);
    }
    const count = new Map<string, number>();
    for (const h of all) for (const o of h.ops) count.set(o.op, (count.get(o.op) ?? 0) + 1);
    for (const op of nine) expect(count.get(op) ?? 0, op).toBeGreaterThan(0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `linearizability: checked ${all.length} SharedMap histories with porcupine in ${seconds} s; ` +
        `all ${all.length} are linearizable\n  ${summary.join('\n  ')}\n  operations: ${nine.map((op) => `${op} ${count.get(op)}`).join(', ')}`,
    );
    expect(all.length).toBeGreaterThanOrEqual(300);
  });

  it('the model: a stale read is illegal, the same read overlapping the write is not', () => {
    const op = (c: number, o: string, args: string[], out: string[], call: number, ret: number) => ({
      c,
      op: o,
      in: args,
      out,
      call,
      ret,
    });
    const h = (name: string, loadCall: number): History => ({
      name,
      model: 'syncmap',
      ops: [
        op(0, 'store', ['i1', '1'], [], 0, 1),
        op(0, 'compareAndSwap', ['i1', '1', '2'], ['true'], 2, 5),
        op(1, 'load', ['i1'], ['1', 'true'], loadCall, loadCall + 1),
        op(1, 'clear', [], [], 8, 9),
        op(0, 'loadOrStore', ['i1', '3'], ['3', 'false'], 10, 11),
      ],
    });
    expect(check([h('stale', 6), h('overlapping', 4)])).toEqual({
      ok: ['overlapping'],
      illegal: ['stale'],
      unknown: [],
    });
  });

  it.each([
    ['cas-non-atomic', 'a compareAndSwap that loads, then stores'],
    ['late-store', 'a store that lands after its call returned'],
  ])('reports a broken map (%s: %s) non-linearizable', { timeout: 300_000 }, async (variant) => {
    const hs = await recordSharedMap(4, 30, 40, variant);
    const v = check(hs);
    console.log(
      `linearizability: ${variant}: ${v.illegal.length} of ${hs.length} histories non-linearizable`,
    );
    expect(v.illegal.length).toBeGreaterThan(0);
  });
});
