// The subject of the WaitGroup linearizability check (src/linearizability-primitives.test.ts). A round is
// PHASES phases; in each, every worker adds what it will do (add(0..2)), then, once all have added, calls
// done that many times, keeping the counter up with add(1) and a done of its own now and then, and last
// waits (waitSync or await wait()). Barriers between phases, outside the history, keep Go's rule for reuse:
// the adds of a phase start only after every wait of the one before has returned. Loaded by worker.mjs,
// from the built dist.
//
// The broken WaitGroup, "wait-early", waits until the counter is at most 1 instead of 0 (reading the
// real WaitGroup's state word: the counter is its high 32 bits, src/waitgroup.ts), so a wait can return
// before the last done has been called.
import { WaitGroup } from '../../dist/index.js';
import { barrier, noResult, sleep } from './subjects.mjs';

const PHASES = 4;

/** attach returns the worker's side of one round: next() gives its operations, ending when a round's are done. */
export function attach(handle, variant, r, { workers }) {
  const wg = WaitGroup.from(handle.wg);
  const phases = new Int32Array(handle.barrier);
  let waitSync = () => wg.waitSync();
  let wait = () => wg.wait();
  if (variant === 'wait-early') {
    const state = new BigInt64Array(handle.wg.buffer, 0, 1);
    waitSync = () => {
      while (Atomics.load(state, 0) >> 32n > 1n) sleep(0.02);
    };
    wait = async () => waitSync();
  } else if (variant !== 'real') {
    throw new Error(`waitgroup.mjs: unknown variant ${variant}`);
  }
  function* plan() {
    for (let phase = 0; phase < PHASES; phase++) {
      barrier(phases, workers);
      let owe = r(3);
      if (owe > 0) {
        const n = owe;
        yield { op: 'add', args: [String(n)], run: noResult(() => wg.add(n)) };
      }
      barrier(phases, workers);
      while (owe > 0) {
        if (r(4) === 0) {
          // The counter is at least owe > 0 here, so this add never starts a new phase.
          yield { op: 'add', args: ['1'], run: noResult(() => wg.add(1)) };
          owe++;
        }
        yield { op: 'done', args: [], run: noResult(() => wg.done()) };
        owe--;
      }
      if (r(2) === 0) yield { op: 'wait', args: ['waitSync'], run: noResult(waitSync) };
      else yield { op: 'wait', args: ['wait'], run: noResult(wait) };
    }
  }
  const it = plan();
  return { next: () => it.next().value };
}
