import { expect, it } from 'vitest';
import { Millisecond } from './duration';
import { now, since } from './now';
import { after, afterFunc, sleep } from './sleep';

it('sleep never resolves before d has passed on the monotonic clock', async () => {
  for (const d of [1n, 999_999n, Millisecond, 1_500_000n, 7n * Millisecond]) {
    const start = now();
    await sleep(d);
    expect(since(start)).toBeGreaterThanOrEqual(d);
  }
});

it('sleep of zero or a negative duration resolves at once', async () => {
  const start = now();
  await sleep(0n);
  await sleep(-5n * Millisecond);
  expect(since(start)).toBeLessThan(5000n * Millisecond);
});

it('after resolves with a time that carries a monotonic reading, at least d later', async () => {
  const start = now();
  const t = await after(3n * Millisecond);
  expect(t.sub(start)).toBeGreaterThanOrEqual(3n * Millisecond);
  expect(t.string()).toMatch(/ m=\+/);
});

it('a stopped afterFunc never calls f; reset re-arms it', async () => {
  let calls = 0;
  const timer = afterFunc(Millisecond, () => calls++);
  expect(timer.stop()).toBe(true);
  await sleep(10n * Millisecond);
  expect(calls).toBe(0);
  expect(timer.reset(Millisecond)).toBe(false);
  await sleep(10n * Millisecond);
  expect(calls).toBe(1);
  expect(timer.stop()).toBe(false);
});

it('afterFunc with a zero duration calls f from a timer, not synchronously', async () => {
  let called = false;
  afterFunc(0n, () => {
    called = true;
  });
  expect(called).toBe(false);
  await sleep(5n * Millisecond);
  expect(called).toBe(true);
});
