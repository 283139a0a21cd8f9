// Go as the speed anchor: a bench runs the same operations on the same inputs here and in Go
// (testing.Benchmark, in a program under the package's bench/), interleaved, round after round, and
// prints gostd's ns/op over Go's: the median ratio, and the lowest and highest of the rounds, so the noise
// of a shared machine shows instead of hiding in one number.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { goBuild, goVersion } from './go.mjs';

// For bench scripts, which run in Node and cannot import the TypeScript index.
export { goBuild, goVersion, mainFile };

/**
 * @typedef {object} Case
 * @property {string} name what the row says
 * @property {string} go the name of the Go benchmark (the program's first argument selects it)
 * @property {(n: number) => void} [run] does n operations; timed here
 * @property {(n: number) => Promise<number>} [timed] does n operations and returns the nanoseconds they took
 *   (for work spread over workers)
 * @property {number} [goal] the ratio gostd/Go the case should stay at or under
 */

/**
 * @typedef {object} Row
 * @property {string} name
 * @property {number} ours gostd's median ns/op
 * @property {number} go Go's median ns/op
 * @property {number[]} ratios ours / go, one per round
 * @property {number | undefined} goal
 */

/** The main of every bench/vs-go.go program: it runs the benchmark its argument names. */
const mainFile = fileURLToPath(new URL('./vs-go-main.go', import.meta.url));

/** @param {number[]} xs @returns {number} */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The ns/op of c: n grows, as in testing.Benchmark, until one call of run(n) lasts at least ms
 * milliseconds; then count samples of n operations are taken and the least is kept (on a shared machine,
 * the sample that was least disturbed; Go's side does the same with -count).
 * @param {Case} c
 * @param {number} ms
 * @param {number} count
 * @returns {Promise<number>}
 */
async function measure(c, ms, count) {
  /** @param {number} n */
  const sample = async (n) => {
    if (c.timed) return c.timed(n);
    const run = /** @type {(n: number) => void} */ (c.run);
    const t0 = process.hrtime.bigint();
    run(n);
    return Number(process.hrtime.bigint() - t0);
  };
  let n = 1;
  for (;;) {
    const ns = await sample(n);
    if (ns >= ms * 1e6 || n >= 1e9) break;
    // Aim 20% past the target, as testing.B's predictN does, growing at most 100x at a time.
    const want = (ms * 1e6 * 1.2 * n) / Math.max(ns, 1);
    n = Math.max(n + 1, Math.min(Math.ceil(want), n * 100));
  }
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < count; i++) least = Math.min(least, (await sample(n)) / n);
  return least;
}

/**
 * Runs every case against its Go benchmark for rounds rounds, alternating which side goes first, and
 * returns a row per case.
 * program is a Go file (package main) that declares `var benchmarks = map[string]func(b *testing.B)`;
 * it is built with vs-go-main.go.
 * @param {{ program: string, cases: Case[], rounds?: number, ms?: number, count?: number, log?: (line: string) => void }} o
 * @returns {Promise<Row[]>}
 */
export async function vsGo({ program, cases, rounds = 5, ms = 2, count = 40, log = console.log }) {
  const bin = goBuild(program, [mainFile]);
  const { execFileSync } = await import('node:child_process');
  /** @param {string} name */
  const goNs = (name) => {
    const out = execFileSync(bin, ['-benchtime', `${ms}ms`, '-count', String(count), name], {
      encoding: 'utf8',
    });
    const v = Number(out.trim());
    if (!(v > 0)) throw new Error(`${program} ${name}: unexpected output ${JSON.stringify(out)}`);
    return v;
  };
  /** @type {Map<string, { ours: number[], go: number[] }>} */
  const got = new Map(cases.map((c) => [c.name, { ours: [], go: [] }]));
  for (const c of cases) await measure(c, ms, 3); // warm-up: let V8 optimize before the first round
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      const g = /** @type {{ ours: number[], go: number[] }} */ (got.get(c.name));
      if (r % 2 === 0) {
        g.ours.push(await measure(c, ms, count));
        g.go.push(goNs(c.go));
      } else {
        g.go.push(goNs(c.go));
        g.ours.push(await measure(c, ms, count));
      }
    }
    log(`  round ${r + 1} of ${rounds} done`);
  }
  return cases.map((c) => {
    const g = /** @type {{ ours: number[], go: number[] }} */ (got.get(c.name));
    return {
      name: c.name,
      ours: median(g.ours),
      go: median(g.go),
      ratios: g.ours.map((o, i) => o / /** @type {number} */ (g.go[i])),
      goal: c.goal,
    };
  });
}

/** @param {number} ns */
const fmtNs = (ns) => (ns >= 100 ? ns.toFixed(0) : ns >= 10 ? ns.toFixed(1) : ns.toFixed(2));
/** @param {number} x */
const fmtX = (x) => `${x.toFixed(2)}x`;

/**
 * Formats rows as a Markdown table (what the READMEs carry) with the conditions of the run.
 * @param {Row[]} rows
 * @param {number} rounds
 * @param {number} [count]
 * @param {number} [ms]
 * @returns {string}
 */
export function report(rows, rounds, count = 40, ms = 2) {
  const lines = [
    `${goVersion()} vs Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ` +
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; ${rounds} interleaved rounds, each the least of ${count} samples of ${ms} ms a side`,
    '',
    '| operation | gostd ns/op | Go ns/op | gostd / Go (median) | min - max | goal |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const med = median(r.ratios);
    const goal = r.goal === undefined ? '' : `<= ${r.goal}x ${med <= r.goal ? 'met' : 'MISSED'}`;
    lines.push(
      `| ${r.name} | ${fmtNs(r.ours)} | ${fmtNs(r.go)} | ${fmtX(med)} | ${fmtX(Math.min(...r.ratios))} - ${fmtX(Math.max(...r.ratios))} | ${goal} |`,
    );
  }
  return lines.join('\n');
}
