// Differential test against real Go: sequences of WaitGroup.add with deltas across int's range, on Go's
// sync.WaitGroup (src/testdata/waitgroup-adds.go) and on this WaitGroup, must give the same outcome per call
// (returned, or Go's panic text). Go's counter is an int32 in the high half of a uint64 that wraps, so a
// counter pushed past 2^31 - 1, or a delta whose low 32 bits make it so, is a negative counter.
import { fileURLToPath } from 'node:url';
import { goRun, goVersion, requireGo, SplitMix64 } from '@gostd/testing';
import { describe, expect, it } from 'vitest';
import { WaitGroup } from './index';

const program = fileURLToPath(new URL('./testdata/waitgroup-adds.go', import.meta.url));

/** The outcome of one add, as the oracle prints it. */
function add(wg: WaitGroup, delta: number): string {
  try {
    wg.add(delta);
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

const edges = [
  0,
  1,
  -1,
  2,
  -2,
  2 ** 31 - 1,
  -(2 ** 31 - 1),
  2 ** 31,
  -(2 ** 31),
  2 ** 31 + 1,
  2 ** 32,
  -(2 ** 32),
  2 ** 32 + 1,
  -(2 ** 32 + 1),
  2 ** 32 - 1,
  2 ** 30,
  -(2 ** 30),
  2 ** 40 + 5,
  -(2 ** 40 + 5),
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
];

describe.skipIf(!requireGo('WaitGroup differential test'))('WaitGroup.add against Go', () => {
  it('wraps its int32 counter as Go does, for deltas across the safe integers', () => {
    const rng = new SplitMix64(20250812n);
    const pick = (n: number) => Number(rng.uint64() % BigInt(n));
    const lines: string[] = [];
    // The pairs that overflowed before the fix, first; then random sequences.
    for (const [a, b] of [
      [2 ** 31 - 1, 1],
      [2 ** 30, 2 ** 30],
      [2 ** 31, -1],
    ])
      lines.push('reset', `add ${a}`, `add ${b}`);
    for (let s = 0; s < 400; s++) {
      lines.push('reset');
      const n = 1 + pick(12);
      for (let i = 0; i < n; i++) {
        const r = pick(4);
        const delta =
          r === 0
            ? (edges[pick(edges.length)] as number)
            : r === 1
              ? pick(5) - 2
              : r === 2
                ? Number(BigInt.asIntN(54, rng.uint64()) % BigInt(Number.MAX_SAFE_INTEGER))
                : (pick(2) === 0 ? 1 : -1) * 2 ** 31 + pick(5) - 2;
        lines.push(`add ${delta}`);
      }
    }
    const want = goRun(program, [], `${lines.join('\n')}\n`)
      .trimEnd()
      .split('\n');
    let wg = new WaitGroup();
    const got = lines.map((line) => {
      if (line === 'reset') {
        wg = new WaitGroup();
        return '-';
      }
      return add(wg, Number(line.slice(4)));
    });
    expect(got.length).toBe(want.length);
    let panics = 0;
    for (let i = 0; i < lines.length; i++) {
      if (got[i] !== want[i]) expect(`${lines[i]} -> ${got[i]}`).toBe(`${lines[i]} -> ${want[i]}`);
      if (want[i] !== 'ok' && want[i] !== '-') panics++;
    }
    expect(panics).toBeGreaterThan(100);
    console.log(
      `WaitGroup.add differential: ${lines.length} lines, ${panics} Go panics, all equal (${goVersion()})`,
    );
  });

  it('checks that delta is an int', () => {
    const wg = new WaitGroup();
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53), '1', 1n])
      expect(() => wg.add(bad as number)).toThrow(TypeError);
    wg.add(0);
  });
});
