// The subject of the Once linearizability check (src/linearizability-primitives.test.ts): a round has one
// Once per operation of a worker, and every worker calls do on each of them in the same order, meeting the
// others at a barrier (outside the history) before each, so that they race on every one. f works for a
// from about ten to a few hundred microseconds, then writes its caller's own value into a plain (non-atomic) shared
// word of that Once; after do returns, the caller reads the word back. Loaded by worker.mjs, from the
// built dist.
//
// The broken Once, "cas-then-f", is the incorrect Do that Go's sync/once.go describes: a compare-and-swap
// of the done flag, then f, so the loser returns at once "without waiting for the first's call to f to
// complete". It works on the real Once's state word (0 not run, 2 done: src/once.ts).
import { Once } from '../../dist/index.js';
import { barrier, busy } from './subjects.mjs';

/** attach returns the worker's side of one round: next() gives its operations, one do per Once. */
export function attach(handle, variant, r, { client, workers }) {
  const onces = handle.onces.map((h) => Once.from(h));
  const seen = new Int32Array(handle.seen);
  const meet = new Int32Array(handle.barrier);
  let run = (i, f) => onces[i].do(f);
  if (variant === 'cas-then-f') {
    const words = handle.onces.map((h) => new Int32Array(h.buffer));
    run = (i, f) => {
      if (Atomics.compareExchange(words[i], 0, 0, 2) === 0) f();
    };
  } else if (variant !== 'real') {
    throw new Error(`once.mjs: unknown variant ${variant}`);
  }
  const mine = client + 1;
  let i = 0;
  return {
    next() {
      if (i === onces.length) return undefined;
      const at = i++;
      barrier(meet, workers);
      const work = 10_000 + r(200_000);
      return {
        op: 'do',
        args: [String(at), String(mine)],
        run: () => {
          let ran = false;
          run(at, () => {
            busy(work);
            seen[at] = mine;
            ran = true;
          });
          return [String(ran), String(seen[at])];
        },
      };
    },
  };
}
