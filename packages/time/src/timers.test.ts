// newTimer, newTicker and tick with Go 1.23's synchronous channels: no stale value is received after Stop
// or Reset returns, a fired but unreceived timer counts as running, tickers drop ticks for slow receivers
// and never tick early (by the monotonic clock), and Go's panics for non-positive ticker periods.
import { describe, expect, it, vi } from 'vitest';
import { setClocks } from './clock';
import { afterFunc, Millisecond, newTicker, newTimer, now, Second, sleep, type Time, tick } from './index';

/** The value received within ms milliseconds, or 'nothing'. */
async function within(p: Promise<Time>, ms: number): Promise<Time | 'nothing'> {
  return Promise.race([p, new Promise<'nothing'>((r) => setTimeout(() => r('nothing'), ms))]);
}

describe('newTimer', () => {
  it('sends a time at least d after it was made', async () => {
    const start = now();
    const t = newTimer(15n * Millisecond);
    const fired = await t.c!.recv();
    expect(fired.sub(start)).toBeGreaterThanOrEqual(15n * Millisecond);
    expect(t.stop()).toBe(false); // received: expired
    expect(t.reset(Millisecond)).toBe(false);
    await t.c!.recv();
  });

  it('Stop after it fired but before anyone received: true, and the stale time is gone (Go 1.23)', async () => {
    const t = newTimer(Millisecond);
    await sleep(20n * Millisecond);
    expect(t.stop()).toBe(true);
    expect(t.c!.tryRecv()).toBe(null);
    expect(await within(t.c!.recv(), 40)).toBe('nothing');
    expect(t.stop()).toBe(false);
  });

  it('Reset after it fired: the receive sees only the new expiry', async () => {
    const t = newTimer(Millisecond);
    await sleep(20n * Millisecond);
    const reset = now();
    expect(t.reset(15n * Millisecond)).toBe(true);
    const fired = await t.c!.recv();
    expect(fired.sub(reset)).toBeGreaterThanOrEqual(15n * Millisecond);
  });

  it('a waiting receiver gets the value; a second waiter waits for the next one', async () => {
    const t = newTimer(5n * Millisecond);
    const a = t.c!.recv();
    const b = t.c!.recv();
    expect(await within(a, 200)).not.toBe('nothing');
    expect(await within(b, 30)).toBe('nothing');
    t.reset(Millisecond);
    expect(await within(b, 200)).not.toBe('nothing');
  });
});

describe('newTicker and tick', () => {
  it('ticks at least a period apart, never early', async () => {
    // start is read before the ticker is made (as Go's tests do): read after it, a loaded machine could
    // pause between the two and make a tick that was on time look early (CI saw a first tick 5.9 ms after).
    const start = now();
    const ticker = newTicker(10n * Millisecond);
    const times: Time[] = [];
    for await (const t of ticker.c) {
      times.push(t);
      if (times.length === 4) break;
    }
    ticker.stop();
    expect(times[0]!.sub(start)).toBeGreaterThanOrEqual(10n * Millisecond);
    // Tick k is due k periods after the start; none arrives before it is due.
    times.forEach((t, k) => {
      expect(t.sub(start)).toBeGreaterThanOrEqual(BigInt(k + 1) * 10n * Millisecond);
    });
  });

  it('drops ticks for a slow receiver: one is held, the rest are gone', async () => {
    const ticker = newTicker(2n * Millisecond);
    await sleep(40n * Millisecond);
    expect(ticker.c.tryRecv()).not.toBe(null);
    expect(ticker.c.tryRecv()).toBe(null);
    ticker.stop();
  });

  it('Stop discards a held tick and sends no more; Reset restarts the period', async () => {
    const ticker = newTicker(2n * Millisecond);
    await sleep(20n * Millisecond);
    ticker.stop();
    expect(ticker.c.tryRecv()).toBe(null);
    expect(await within(ticker.c.recv(), 30)).toBe('nothing');
    const start = now();
    ticker.reset(5n * Millisecond);
    const t = await ticker.c.recv();
    ticker.stop();
    expect(t.sub(start)).toBeGreaterThanOrEqual(5n * Millisecond);
  });

  it('throws Go’s panics for a non-positive period; tick returns null', () => {
    expect(() => newTicker(0n)).toThrow('non-positive interval for NewTicker');
    expect(() => newTicker(-1n)).toThrow('non-positive interval for NewTicker');
    const ticker = newTicker(Millisecond);
    expect(() => ticker.reset(0n)).toThrow('non-positive interval for Ticker.Reset');
    ticker.stop();
    expect(tick(0n)).toBe(null);
    expect(() => newTimer(1 as unknown as bigint)).toThrow(TypeError);
    expect(() => newTicker('1s' as unknown as bigint)).toThrow(TypeError);
  });
});

describe("a receive that loses a race (Go's select)", () => {
  // Go's `select { case <-t.C: case <-time.After(d): }` leaves no receiver behind when the other case wins.
  // A JavaScript receive is a promise nobody can tell was abandoned: before recv took a signal, the losing
  // receive of a Promise.race stayed queued and took the timer's value, so the next receive waited forever
  // (and a loop of such races queued one dead receiver per lost race, each eating a later tick).
  it('a receive withdrawn by its signal takes nothing: the value waits for the next receive', async () => {
    const t = newTimer(30n * Millisecond);
    const ac = new AbortController();
    const lost = t.c!.recv({ signal: ac.signal });
    const first = await Promise.race([lost, sleep(5n * Millisecond).then(() => 'timeout' as const)]);
    ac.abort(new Error('select decided'));
    expect(first).toBe('timeout');
    await expect(lost).rejects.toThrow('select decided');
    expect(await within(t.c!.recv(), 500)).not.toBe('nothing');
  });

  it('after a withdrawn receive the fired value is held: tryRecv sees it, stop reports it', async () => {
    const t = newTimer(Millisecond);
    const ac = new AbortController();
    const lost = t.c!.recv({ signal: ac.signal }).catch(() => 'withdrawn');
    ac.abort();
    expect(await lost).toBe('withdrawn');
    await sleep(20n * Millisecond);
    expect(t.c!.tryRecv()).not.toBe(null);
    const u = newTimer(Millisecond);
    const ac2 = new AbortController();
    void u.c!.recv({ signal: ac2.signal }).catch(() => {});
    ac2.abort();
    await sleep(20n * Millisecond);
    expect(u.stop()).toBe(true); // fired, not received: running (Go 1.23), and the value is discarded
    expect(u.c!.tryRecv()).toBe(null);
  });

  it('a ticker loop that loses 1,000 races to other work still receives the next tick', async () => {
    const ticker = newTicker(10n * Millisecond);
    try {
      for (let i = 0; i < 1000; i++) {
        const ac = new AbortController();
        const winner = await Promise.race([ticker.c.recv({ signal: ac.signal }), Promise.resolve('message')]);
        ac.abort();
        expect(winner).toBe('message');
      }
      expect(await within(ticker.c.recv(), 1000)).not.toBe('nothing');
    } finally {
      ticker.stop();
    }
  });

  it('an already aborted signal rejects at once and leaves a held value in place', async () => {
    const t = newTimer(Millisecond);
    await sleep(20n * Millisecond);
    await expect(t.c!.recv({ signal: AbortSignal.abort('gone') })).rejects.toBe('gone');
    expect(t.c!.tryRecv()).not.toBe(null);
  });

  it('refuses options that are not an object with an AbortSignal', () => {
    const t = newTimer(Second);
    const c = t.c!;
    expect(() => c.recv(5 as never)).toThrow(
      new TypeError('time: TimeChannel.recv: options must be an object; got 5'),
    );
    expect(() => c.recv({ signal: new Map() } as never)).toThrow(
      new TypeError('time: TimeChannel.recv: options.signal must be an AbortSignal; got a Map'),
    );
    t.stop();
  });
});

describe('durations past 2^31 - 1 ms (24.8 days)', () => {
  it('sleep, newTimer, newTicker and afterFunc of 30 days fire at 30 days, through whole-length timers', async () => {
    // Node fires a setTimeout past 2^31 - 1 ms after 1 ms (vitest's fake timers do the same). These re-check
    // the monotonic clock (here the fake Date, in nanoseconds), so they would not fire early anyway, but
    // without the clamp to 2^31 - 1 ms they would wake every millisecond for 30 days: this test then times
    // out (tried).
    vi.useFakeTimers({ now: 0 });
    setClocks({ wall: () => Date.now(), mono: () => BigInt(Date.now()) * 1_000_000n });
    try {
      const day = 86_400n * Second;
      const fired: string[] = [];
      void sleep(30n * day).then(() => fired.push('sleep'));
      const timer = newTimer(30n * day);
      void timer.c?.recv().then(() => fired.push('timer'));
      const ticker = newTicker(30n * day);
      void ticker.c.recv().then(() => fired.push('ticker'));
      afterFunc(30n * day, () => fired.push('afterFunc'));
      const msPerDay = 86_400_000;
      await vi.advanceTimersByTimeAsync(1000);
      expect(fired).toEqual([]);
      await vi.advanceTimersByTimeAsync(2 ** 31 - 1); // one whole-length timer
      expect(fired).toEqual([]);
      await vi.advanceTimersByTimeAsync(30 * msPerDay - 1000 - (2 ** 31 - 1) - 1);
      expect(fired).toEqual([]); // 1 ms short of 30 days
      await vi.advanceTimersByTimeAsync(1);
      expect(fired.sort()).toEqual(['afterFunc', 'sleep', 'ticker', 'timer']);
      ticker.stop();
    } finally {
      setClocks();
      vi.useRealTimers();
    }
  });
});
