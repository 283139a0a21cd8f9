// The subject of the Mutex linearizability check (src/linearizability-primitives.test.ts): every worker
// takes the mutex (lockSync, await lock() or tryLock), and inside the critical section reads a plain
// (non-atomic) shared word and writes a value of its own to it, then unlocks; the critical sections last
// the worker's think time, so the others queue up. Loaded by worker.mjs, from the built dist.
//
// The broken mutex, "trylock-no-cas", takes the mutex with a tryLock that loads the state word, sees it
// unlocked and then sets the locked bit, without a compare-and-swap: two workers can both see it free.
// It works on the real Mutex's state word (word 0 of its buffer, bit 0 LOCKED: src/mutex.ts), so unlock is
// the real one; the broken variant takes the mutex with that tryLock only (a sleeping lockSync waiter would
// not be woken by a lock it never saw taken).
import { Mutex } from '../../dist/index.js';
import { busy, noResult, writeSection } from './subjects.mjs';

const LOCKED = 1;

/** attach returns the worker's side of one round: next() gives its operations, ending when a round's are done. */
export function attach(handle, variant, r, { client, workers, ops }) {
  const mu = Mutex.from(handle.mutex);
  const register = new Int32Array(handle.register);
  const state = new Int32Array(handle.mutex.buffer);
  let tryLock = () => mu.tryLock();
  if (variant === 'trylock-no-cas') {
    tryLock = () => {
      if ((Atomics.load(state, 0) & LOCKED) !== 0) return false;
      busy(2000); // widen the window another worker can slip into
      Atomics.or(state, 0, LOCKED);
      return true;
    };
  } else if (variant !== 'real') {
    throw new Error(`mutex.mjs: unknown variant ${variant}`);
  }
  let written = 0;
  function* plan() {
    // A critical section is four operations; a worker never ends its round holding the mutex.
    for (let n = 0; n + 4 <= ops; ) {
      const how = variant === 'real' ? r(100) : 99;
      let held = true;
      if (how < 45) yield { op: 'lock', args: ['lockSync'], run: noResult(() => mu.lockSync()) };
      else if (how < 80) yield { op: 'lock', args: ['lock'], run: noResult(() => mu.lock()) };
      else
        yield {
          op: 'tryLock',
          args: [],
          run: () => {
            held = tryLock();
            return [String(held)];
          },
        };
      n++;
      if (!held) continue;
      yield* writeSection(register, ++written * workers + client + 1, () => mu.unlock());
      n += 3;
    }
  }
  const it = plan();
  return { next: () => it.next().value };
}
