// Test helper shared by the fixtures whose workers exit by themselves mid-profile (worker-exits.mjs,
// worker-handles.mjs): a worker answers 'watching?' with how many profiles watch its exit (worker-exits.ts),
// and the fixture waits until one does before telling it to exit.

/**
 * The source of a function for a worker's code: repliedWatching(m) answers m === 'watching?' on the
 * worker's parentPort and returns true; for any other message it returns false.
 */
export const repliedWatching = `function repliedWatching(m) {
  if (m !== 'watching?') return false;
  require('node:worker_threads').parentPort.postMessage(
    globalThis[Symbol.for('@gostd/pprof.exiting.v1')]?.watching ?? 0,
  );
  return true;
}`;

/** Resolves once the package watches w's exit (asked every 20 ms, for at most 10 s). */
export async function watched(w) {
  const until = performance.now() + 10_000;
  for (;;) {
    const n = await new Promise((r) => {
      w.once('message', r);
      w.postMessage('watching?');
    });
    if (n > 0 || performance.now() > until) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
