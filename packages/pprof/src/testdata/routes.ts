// Test workload: two labeled routes doing CPU work between awaits, /orders
// three times the work of /users, with the measured truth of each share.
import * as pprof from '../index';

function spin_users(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}
function spin_orders(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/**
 * Two routes doing CPU work between awaits for ms: /orders three times the
 * work of /users. Returns the measured busy time of each (the truth).
 */
export async function routes(ms: number): Promise<Record<string, number>> {
  const busy: Record<string, number> = { '/users': 0, '/orders': 0 };
  const until = performance.now() + ms;
  const route = (name: string, spin: (ms: number) => void, chunk: number) =>
    pprof.do(pprof.labels('route', name), async () => {
      let t = performance.now();
      while (t < until) {
        spin(chunk);
        // The truth: the route's time from resuming to yielding again.
        busy[name] = (busy[name] ?? 0) + performance.now() - t;
        await new Promise((r) => setImmediate(r));
        t = performance.now();
      }
    });
  // /orders: three loops of the same chunks, so its overhead per chunk matches /users'.
  await Promise.all([
    route('/users', spin_users, 3),
    route('/orders', spin_orders, 3),
    route('/orders', spin_orders, 3),
    route('/orders', spin_orders, 3),
  ]);
  return busy;
}
