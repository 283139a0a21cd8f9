// End to end against a real Pyroscope server (started by scripts/pyroscope.sh
// test, which sets PYROSCOPE_URL): labeled profiles pushed by the pusher are
// read back through Pyroscope's query API; every route is a series, and each
// route's share of CPU is within 5 points of the measured truth.
import { describe, expect, it } from 'vitest';
import { start } from './pyroscope';
import { routes } from './testdata/routes';

const url = process.env.PYROSCOPE_URL;
if (!url)
  console.warn('SKIP pyroscope-server.test.ts: PYROSCOPE_URL is not set (run scripts/pyroscope.sh test)');

async function query<T>(path: string, body: unknown): Promise<T> {
  const r = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

interface Series {
  labels: { name: string; value: string }[];
  points?: { value: number; timestamp: string }[];
}

describe.skipIf(!url)('against a real Pyroscope server', () => {
  it('stores the routes as series, with their shares of CPU', { timeout: 120_000 }, async () => {
    const app = `gostd.e2e.${process.pid}`;
    const p = start({
      applicationName: app,
      serverAddress: url as string,
      tags: { env: 'e2e' },
      uploadRate: 1_000_000_000n,
      hz: 1000,
      profileTypes: ['cpu'],
    });
    const from = Date.now() - 60_000;
    const truth = await routes(5000);
    await p.stop();
    expect(p.stats()).toMatchObject({ dropped: 0, queued: 0 });
    expect(p.stats().uploaded).toBeGreaterThanOrEqual(4);
    const range = { start: from, end: Date.now() + 60_000 };
    // Ingestion is asynchronous: poll until both routes are there.
    let names: string[] = [];
    for (let i = 0; i < 60 && names.length < 2; i++) {
      const r = await query<{ names?: string[] }>('/querier.v1.QuerierService/LabelValues', {
        ...range,
        name: 'route',
        matchers: [`{service_name="${app}"}`],
      });
      names = r.names ?? [];
      if (names.length < 2) await new Promise((res) => setTimeout(res, 1000));
    }
    expect(names.sort()).toEqual(['/orders', '/users']);
    const types = await query<{ profileTypes?: { ID: string }[] }>(
      '/querier.v1.QuerierService/ProfileTypes',
      range,
    );
    const cpu = types.profileTypes?.map((t) => t.ID).find((id) => id.includes(':cpu:nanoseconds:'));
    expect(cpu, JSON.stringify(types)).toBeDefined();
    const sel = await query<{ series?: Series[] }>('/querier.v1.QuerierService/SelectSeries', {
      ...range,
      profileTypeID: cpu,
      labelSelector: `{service_name="${app}"}`,
      groupBy: ['route'],
      step: 1,
    });
    const total: Record<string, number> = {};
    for (const s of sel.series ?? []) {
      const route = s.labels.find((l) => l.name === 'route')?.value ?? '';
      total[route] = (total[route] ?? 0) + (s.points ?? []).reduce((a, pt) => a + Number(pt.value), 0);
    }
    const users = total['/users'] ?? 0;
    const orders = total['/orders'] ?? 0;
    const share = (100 * users) / (users + orders);
    const want = (100 * (truth['/users'] ?? 0)) / ((truth['/users'] ?? 0) + (truth['/orders'] ?? 1));
    console.log(
      `pyroscope server: /users ${share.toFixed(1)}% of route CPU (truth ${want.toFixed(1)}%), series ${JSON.stringify(total)}`,
    );
    expect(Math.abs(share - want)).toBeLessThan(5);
  });
});
