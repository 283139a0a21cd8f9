// Work shared by a worker task and the single-thread run it is compared with (shared-map.worker.test.ts).

/** rng returns a small deterministic PRNG (xorshift32) seeded with seed. */
export function rng(seed) {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/**
 * steadyWork replaces the values of keys 0..keys-1 (values of four sizes) and deletes and re-stores them, n
 * times: the live data stays the same, while records of four size classes are freed and reused. tick is
 * called after each operation.
 */
export function steadyWork(map, keys, n, seed, tick = () => {}) {
  const r = rng(seed);
  const sizes = [4, 40, 100, 400];
  for (let i = 0; i < n; i++) {
    const k = r() % keys;
    const v = 'v'.repeat(sizes[r() % 4]);
    if (r() % 4 === 0) map.delete(k);
    map.store(k, v);
    tick();
  }
}
