// Durations past 2^31 - 1 ms (24.8 days) are Go Durations like any other: the pusher's uploadRate, timeout
// and stopTimeout and the handler's seconds wait as long as they say. Node's timers fire such delays after
// 1 ms (a TimeoutOverflowWarning only): before the fix, uploadRate: 30 days uploaded 137 profiles in 1.5 s
// and timeout: 30 days abandoned every upload after 1 ms.
import http from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler } from './http';
import { maxTimerMs, setLongInterval, setLongTimeout } from './long-timer';
import { start } from './pyroscope';
import { shared } from './shared';
import { Receiver } from './testdata/ingest-receiver';

const day = 86_400n * 1_000_000_000n;
const quiet = { debugf() {}, infof() {}, errorf() {} };

let rx: Receiver | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await rx?.close();
  rx = undefined;
  expect(shared.cpuBusy).toBe(false);
});

describe('timers of any length', () => {
  it('setLongTimeout chains timers of at most 2^31 - 1 ms and calls fn once, at the end', async () => {
    const steps: number[] = [];
    const real = globalThis.setTimeout;
    // Every timer fires at once, recording the delay it was given.
    vi.stubGlobal('setTimeout', ((fn: () => void, ms: number) => {
      steps.push(ms);
      return real(fn, 0);
    }) as typeof setTimeout);
    let calls = 0;
    try {
      setLongTimeout(() => calls++, 3 * maxTimerMs + 5, true);
      await new Promise((r) => real(r, 50));
    } finally {
      vi.unstubAllGlobals();
    }
    expect(steps).toEqual([maxTimerMs, maxTimerMs, maxTimerMs, 5]);
    expect(calls).toBe(1);
  });

  it('fires a 40-day timeout and interval at 40 days, not after 1 ms', () => {
    vi.useFakeTimers();
    let timeouts = 0;
    let ticks = 0;
    const forty = 40 * 86_400_000;
    setLongTimeout(() => timeouts++, forty, false);
    const iv = setLongInterval(() => ticks++, forty, false);
    vi.advanceTimersByTime(forty - 1);
    expect([timeouts, ticks]).toEqual([0, 0]);
    vi.advanceTimersByTime(1);
    expect([timeouts, ticks]).toEqual([1, 1]);
    vi.advanceTimersByTime(forty);
    expect([timeouts, ticks]).toEqual([1, 2]);
    iv.clear();
    vi.advanceTimersByTime(3 * forty);
    expect(ticks).toBe(2);
  });

  it('an uploadRate of 30 days uploads nothing in 1.5 s (57 to 137 uploads before the fix)', async () => {
    rx = await new Receiver().listen();
    const p = start({
      applicationName: 'rate.test',
      serverAddress: rx.url,
      uploadRate: 30n * day,
      logger: quiet,
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(rx.ingests.length).toBe(0);
    await p.stop();
    expect(rx.ingests.length).toBeGreaterThan(0); // stop() uploads what it has
  });

  it('a timeout of 30 days waits for a server that answers after 300 ms', async () => {
    rx = await new Receiver().listen();
    rx.answer = () => ({ status: 200, delayMs: 300 });
    const errors: string[] = [];
    const p = start({
      applicationName: 'timeout.test',
      serverAddress: rx.url,
      timeout: 30n * day,
      profileTypes: ['cpu'],
      logger: { ...quiet, errorf: (f: string, ...a: unknown[]) => errors.push(`${f} ${a.join(' ')}`) },
    });
    await p.flush();
    await p.stop();
    expect(errors).toEqual([]);
    expect(rx.ingests.length).toBeGreaterThan(0);
  });

  it('the handler profiles for seconds=2200000 (25.5 days) when maxSeconds allows it, not for 1 ms', async () => {
    const h = handler({ maxSeconds: 10 ** 9 });
    const server = http.createServer((req, res) => h(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const ac = new AbortController();
    let answered = false;
    const req = fetch(`http://127.0.0.1:${port}/debug/pprof/profile?seconds=2200000`, {
      signal: ac.signal,
    }).then(
      () => {
        answered = true;
      },
      () => {},
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(shared.cpuBusy).toBe(true); // still profiling
    expect(answered).toBe(false);
    ac.abort(); // the client goes away: the profile is stopped and discarded
    await req;
    for (let i = 0; i < 100 && shared.cpuBusy; i++) await new Promise((r) => setTimeout(r, 10));
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
