// SharedMap is linearizable: histories recorded from 2, 4 and 8 worker_threads running all nine single-key
// operations at once on overlapping keys, while the map grows and compacts, are each checked by porcupine
// against a sequential model of sync.Map (testdata/linearizability). And the check has teeth: the same
// harness run on two deliberately broken maps reports them non-linearizable.
// `npm run test:linearizability -w @gostd/sync` runs this file alone.
import { requireGo } from '@gostd/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, checkRuns, goBuildChecker, type History, op, record } from './linearizability';
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
    const started = performance.now();
    const runs = await checkRuns(
      [
        [2, 110, 400],
        [4, 110, 200],
        [8, 100, 100],
      ],
      (workers, rounds, ops) => recordSharedMap(workers, rounds, ops),
    );
    const all = runs.flatMap((r) => r.histories);
    const summary = runs.map((r) => r.summary);
    const count = new Map<string, number>();
    for (const h of all) for (const o of h.ops) count.set(o.op, (count.get(o.op) ?? 0) + 1);
    for (const name of nine) expect(count.get(name) ?? 0, name).toBeGreaterThan(0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `linearizability: checked ${all.length} SharedMap histories with porcupine in ${seconds} s; ` +
        `all ${all.length} are linearizable\n  ${summary.join('\n  ')}\n  operations: ${nine.map((name) => `${name} ${count.get(name)}`).join(', ')}`,
    );
    expect(all.length).toBeGreaterThanOrEqual(300);
  });

  it('the model: a stale read is illegal, the same read overlapping the write is not', () => {
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
