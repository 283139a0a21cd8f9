// Helpers the subjects of the primitives' linearizability checks share (mutex.mjs, rwmutex.mjs,
// waitgroup.mjs, once.mjs).

/** busy does n steps of work the optimiser cannot remove, to widen a race window. */
export function busy(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 31 + i) | 0;
  return x;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** sleep blocks the worker for ms milliseconds. */
export function sleep(ms) {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * barrier blocks until every one of workers workers has called it, on b (an Int32Array over a shared
 * buffer: b[0] counts the arrivals, b[1] is the generation). A subject calls it in next(), before the
 * operation's call time, so it orders the workers' phases without showing in the history.
 */
export function barrier(b, workers) {
  const gen = Atomics.load(b, 1);
  if (Atomics.add(b, 0, 1) === workers - 1) {
    Atomics.store(b, 0, 0);
    Atomics.add(b, 1, 1);
    Atomics.notify(b, 1);
    return;
  }
  // Spin a little first: a worker woken from Atomics.wait on a busy machine starts long after the last
  // arrival, and the workers would rarely run side by side.
  for (let i = 0; i < SPIN && Atomics.load(b, 1) === gen; i++);
  while (Atomics.load(b, 1) === gen) Atomics.wait(b, 1, gen);
}

/** SPIN is how many times barrier looks at the generation before it sleeps. */
const SPIN = 20_000;

/**
 * noResult makes f an operation's run that records no result: f's own result is dropped, and a promise
 * f returns is awaited (by worker.mjs) before the operation returns.
 */
export function noResult(f) {
  return () => {
    const p = f();
    return typeof p?.then === 'function' ? p.then(() => []) : [];
  };
}

/**
 * writeSection is a writer's critical section once it holds the lock: it reads the plain shared word in
 * register[0], writes value to it and unlocks, three operations.
 */
export function* writeSection(register, value, unlock) {
  yield { op: 'read', args: [], run: () => [String(register[0])] };
  yield {
    op: 'write',
    args: [String(value)],
    run: noResult(() => {
      register[0] = value;
    }),
  };
  yield { op: 'unlock', args: [], run: noResult(unlock) };
}
