// End to end against a real Pyroscope server (github.com/pyroscope-io/pyroscope
// v0.37.2, started by scripts/pyroscope.sh test, which sets PYROSCOPE_URL):
// labeled profiles pushed by the pusher are read back through the server's own
// query API (/label-values, /render); every route is a label value, and each
// route's share of the app's CPU is within 5 points of the measured truth; the
// heap profile arrives as <app>.inuse_objects and <app>.inuse_space.
import { describe, expect, it } from 'vitest';
import * as pprof from './index';
import { start } from './pyroscope';

const url = process.env.PYROSCOPE_URL;
if (!url)
  console.warn('SKIP pyroscope-server.test.ts: PYROSCOPE_URL is not set (run scripts/pyroscope.sh test)');

async function get<T>(path: string, params: Record<string, string>): Promise<T> {
  const r = await fetch(`${url}${path}?${new URLSearchParams(params)}`);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** The samples the server holds for a FlameQL query (the flamegraph's total). */
async function ticks(query: string, range: { from: string; until: string }): Promise<number> {
  const r = await get<{ flamebearer?: { numTicks?: number } }>('/render', {
    query,
    ...range,
    format: 'json',
  });
  return r.flamebearer?.numTicks ?? 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/**
 * Three labeled routes doing CPU work in 10 ms chunks between awaits for ms:
 * /users in one loop, /search in two, /orders in three (1:2:3). Returns each
 * route's measured busy time (from resuming to yielding again), the truth.
 */
async function workload(ms: number): Promise<Record<string, number>> {
  const busy: Record<string, number> = {};
  const until = performance.now() + ms;
  const loop = (route: string) =>
    pprof.do(pprof.labels('route', route), async () => {
      let t = performance.now();
      while (t < until) {
        spin(10);
        busy[route] = (busy[route] ?? 0) + performance.now() - t;
        await new Promise((r) => setImmediate(r));
        t = performance.now();
      }
    });
  const loops: Promise<void>[] = [];
  for (const [route, n] of [
    ['/users', 1],
    ['/search', 2],
    ['/orders', 3],
  ] as const)
    for (let i = 0; i < n; i++) loops.push(loop(route));
  await Promise.all(loops);
  return busy;
}

describe.skipIf(!url)('against a real Pyroscope server', () => {
  it('stores the routes as label values, with their shares of CPU, and the heap', {
    timeout: 120_000,
  }, async () => {
    const app = `gostd.e2e.${process.pid}`;
    const errors: string[] = [];
    const log = (format: string, ...args: unknown[]) => {
      let i = 0;
      errors.push(format.replace(/%[sdv]/g, () => String(args[i++])));
    };
    const fromS = Math.floor(Date.now() / 1000) - 60;
    const p = start({
      applicationName: app,
      serverAddress: url as string,
      tags: { env: 'e2e' },
      // Each cut (stop, start, encode, the heap profile) is main-thread time that no
      // profile sees: every 2 s it is a few percent of the span, every 1 s twice that.
      uploadRate: 2_000_000_000n,
      hz: 1000,
      logger: { infof() {}, debugf() {}, errorf: log },
    });
    // start() has started the first CPU profile: the profiled span begins here.
    const t0 = performance.now();
    // Live memory for the heap profiles: some 10 MB that stays until the end.
    const live = Array.from({ length: 300_000 }, (_, i) => ({ i }));
    const busy = await workload(6000);
    // stop() cuts the last CPU profile synchronously: the profiled span ends here.
    const stopped = p.stop();
    const span = performance.now() - t0;
    await stopped;
    expect(errors).toEqual([]);
    expect(p.stats()).toMatchObject({ dropped: 0, queued: 0, failures: 0 });
    // Three or more 2 s CPU profiles, and as many heap profiles.
    expect(p.stats().uploaded).toBeGreaterThanOrEqual(6);

    const range = { from: String(fromS), until: String(Math.floor(Date.now() / 1000) + 60) };
    // Ingestion is asynchronous: poll until the routes are there.
    let routeValues: string[] = [];
    for (let i = 0; i < 30 && routeValues.length < 3; i++) {
      routeValues = await get<string[]>('/label-values', { label: 'route', query: `${app}.cpu{}`, ...range });
      if (routeValues.length < 3) await sleep(500);
    }
    expect(routeValues.sort()).toEqual(['/orders', '/search', '/users']);
    expect(await get<string[]>('/label-values', { label: 'env', query: `${app}.cpu{}`, ...range })).toEqual([
      'e2e',
    ]);
    // The app's series: CPU as <app>.cpu, the heap's two sample types as their own apps.
    const names = await get<string[]>('/label-values', { label: '__name__', ...range });
    expect(names.filter((n) => n.startsWith(`${app}.`)).sort()).toEqual([
      `${app}.cpu`,
      `${app}.inuse_objects`,
      `${app}.inuse_space`,
    ]);

    const all = await ticks(`${app}.cpu{}`, range);
    expect(await ticks(`${app}.cpu{env="e2e"}`, range)).toBe(all);
    // The truth: each route's busy time over the profiled span (the CPU profile also
    // holds the idle and the untagged time, so the whole app is the span).
    const lines: string[] = [];
    for (const route of ['/users', '/search', '/orders']) {
      const n = await ticks(`${app}.cpu{route="${route}"}`, range);
      const share = (100 * n) / all;
      const want = (100 * (busy[route] ?? 0)) / span;
      lines.push(`${route} ${share.toFixed(1)}% (truth ${want.toFixed(1)}%, ${n}/${all} samples)`);
      expect(Math.abs(share - want), lines.join('; ')).toBeLessThan(5);
    }
    console.log(`pyroscope server: shares of ${app}.cpu: ${lines.join('; ')}; span ${span.toFixed(0)} ms`);

    const heapBytes = await ticks(`${app}.inuse_space{}`, range);
    const heapObjects = await ticks(`${app}.inuse_objects{}`, range);
    console.log(`pyroscope server: ${app}.inuse_space ${heapBytes} bytes, inuse_objects ${heapObjects}`);
    expect(live.length).toBe(300_000);
    expect(heapBytes).toBeGreaterThan(1 << 20);
    expect(heapObjects).toBeGreaterThan(10_000);
  });
});
