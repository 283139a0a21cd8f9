import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from './http';
import { shared } from './shared';
import { readProfile } from './testdata/read-profile';

let server: http.Server;
let base = '';
let nexts = 0;

beforeAll(async () => {
  const h = handler({ maxSeconds: 60, hz: 500 });
  server = http.createServer((req, res) =>
    h(req, res, () => {
      nexts++;
      res.statusCode = 418;
      res.end('next');
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function get(path: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

// Bad requests and what Go's net/http/pprof would answer (or, where Go falls
// back to a default, the 400 this package gives instead; see the README).
const badRequests: [path: string, status: number, body: string][] = [
  ['/debug/pprof/profile?seconds=abc', 400, 'invalid value for "seconds" - must be a positive integer'],
  ['/debug/pprof/profile?seconds=0', 400, 'invalid value for "seconds" - must be a positive integer'],
  ['/debug/pprof/profile?seconds=-5', 400, 'invalid value for "seconds" - must be a positive integer'],
  ['/debug/pprof/profile?seconds=1.5', 400, 'invalid value for "seconds" - must be a positive integer'],
  ['/debug/pprof/profile?seconds=61', 400, 'profile duration exceeds the limit of 60 seconds'],
  [
    '/debug/pprof/profile?seconds=99999999999999999999',
    400,
    'invalid value for "seconds" - must be a positive integer',
  ],
  ['/debug/pprof/heap?seconds=5', 400, '"seconds" parameter is not supported for this profile type'],
  ['/debug/pprof/heap?debug=1', 400, 'debug=1 is not supported: only debug=0 (the protobuf format)'],
  ['/debug/pprof/heap?gc=yes', 400, 'invalid value for "gc" - must be an integer'],
  ['/debug/pprof/goroutine', 404, 'Unknown profile'],
  ['/debug/pprof/nope', 404, 'Unknown profile'],
];

describe('handler', () => {
  it.each(badRequests)('%s -> %i %s', async (path, status, body) => {
    const r = await get(path);
    expect(r.status).toBe(status);
    expect(r.body.toString()).toBe(`${body}\n`);
    expect(r.headers.get('x-go-pprof')).toBe('1');
    expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(shared.cpuBusy).toBe(false);
  });

  it('serves an index', async () => {
    const r = await get('/debug/pprof/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = r.body.toString();
    for (const name of ['profile', 'heap', 'cmdline'])
      expect(html).toContain(`<a href='${name}'>${name}</a>`);
  });

  it('serves the command line', async () => {
    const r = await get('/debug/pprof/cmdline');
    expect(r.body.toString()).toBe(process.argv.join('\x00'));
  });

  it('passes other paths to next, and answers 404 without next', async () => {
    const r = await get('/elsewhere');
    expect([r.status, r.body.toString(), nexts]).toEqual([418, 'next', 1]);
    const lone = handler();
    const s = http.createServer(lone);
    await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
    const res = await fetch(`http://127.0.0.1:${(s.address() as { port: number }).port}/debug/pprofx`);
    expect(res.status).toBe(404);
    await new Promise<void>((ok) => s.close(() => ok()));
  });

  it('uses originalUrl under an Express/Connect mount and honours a custom prefix', async () => {
    const h = handler({ prefix: '/admin/pprof/' });
    const req = { url: '/cmdline', originalUrl: '/admin/pprof/cmdline', on() {}, off() {} };
    let body = '';
    const headers: Record<string, string> = {};
    const res = {
      headersSent: false,
      setHeader: (k: string, v: string) => {
        headers[k] = v;
      },
      end: (b: string) => {
        body = b;
      },
    };
    h(req as never, res as never);
    expect(body).toBe(process.argv.join('\x00'));
    expect(headers['Content-Type']).toBe('text/plain; charset=utf-8');
  });

  it('rejects bad options', () => {
    expect(() => handler({ maxSeconds: 0 })).toThrow(RangeError);
    expect(() => handler({ hz: 0 })).toThrow(RangeError);
  });

  it('serves a CPU profile for ?seconds=N, one at a time', async () => {
    const first = get('/debug/pprof/profile?seconds=1');
    const t0 = Date.now();
    while (!shared.cpuBusy && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 5));
    const second = await get('/debug/pprof/profile?seconds=1');
    expect(second.status).toBe(500);
    expect(second.body.toString()).toBe('Could not enable CPU profiling: cpu profiling already in use\n');
    const r = await first;
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/octet-stream');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="profile"');
    const p = readProfile(r.body);
    expect(p.sampleTypes).toEqual(['samples/count', 'cpu/nanoseconds']);
    expect(p.durationNanos).toBeGreaterThan(900_000_000);
    expect(shared.cpuBusy).toBe(false);
  });

  it('stops the profile when the client goes away', async () => {
    const ac = new AbortController();
    const pending = fetch(`${base}/debug/pprof/profile?seconds=30`, { signal: ac.signal }).catch(
      (e: Error) => e.name,
    );
    const t0 = Date.now();
    while (!shared.cpuBusy && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 10));
    expect(shared.cpuBusy).toBe(true);
    ac.abort();
    expect(await pending).toBe('AbortError');
    while (shared.cpuBusy && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 10));
    expect(shared.cpuBusy).toBe(false);
  });

  it('serves a heap profile (gc=1 collects garbage first)', async () => {
    const r = await get('/debug/pprof/heap?gc=1');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="heap"');
    const p = readProfile(r.body);
    expect(p.sampleTypes).toEqual(['inuse_objects/count', 'inuse_space/bytes']);
    expect(p.periodType).toBe('space/bytes');
    expect(p.period).toBe(512 * 1024);
  });
});
