// The subject of the RWMutex linearizability check (src/linearizability-primitives.test.ts): every worker
// in turn either writes (lockSync, await lock() or tryLock; then reads the plain shared word, writes a
// value of its own to it and unlocks) or reads (rLockSync, await rLock() or tryRLock; then reads the word
// twice and rUnlocks), so readers overlap each other and queue behind writers. Loaded by worker.mjs, from
// the built dist.
//
// The broken RWMutex, "tryrlock-no-cas", lets readers in with a tryRLock that loads the reader count, sees
// no writer and then adds itself, without a compare-and-swap: a writer's tryLock can take the lock in
// between, and the two hold it at once. It works on the real RWMutex's words (READERS is word 2 of its
// buffer, after the writers' Mutex: src/rwmutex.ts); readers leave by taking themselves off the count, and
// writers use the real tryLock and unlock, so nobody ever sleeps on a semaphore the broken reader confused.
import { RWMutex } from '../../dist/index.js';
import { busy, noResult, writeSection } from './subjects.mjs';

const READERS = 2;

/** attach returns the worker's side of one round: next() gives its operations, ending when a round's are done. */
export function attach(handle, variant, r, { client, workers, ops }) {
  const rw = RWMutex.from(handle.rw);
  const register = new Int32Array(handle.register);
  const words = new Int32Array(handle.rw.buffer);
  let tryRLock = () => rw.tryRLock();
  let rUnlock = () => rw.rUnlock();
  if (variant === 'tryrlock-no-cas') {
    tryRLock = () => {
      if (Atomics.load(words, READERS) < 0) return false;
      busy(2000); // widen the window a writer can slip into
      Atomics.add(words, READERS, 1);
      return true;
    };
    rUnlock = () => Atomics.sub(words, READERS, 1);
  } else if (variant !== 'real') {
    throw new Error(`rwmutex.mjs: unknown variant ${variant}`);
  }
  const real = variant === 'real';
  let written = 0;
  function* plan() {
    // A critical section is four operations; a worker never ends its round holding the lock.
    for (let n = 0; n + 4 <= ops; ) {
      const how = real ? r(100) : 75 + r(25); // the broken variant only tries
      let held = true;
      const try_ = (f) => () => {
        held = f();
        return [String(held)];
      };
      if (r(100) < 35) {
        if (how < 40) yield { op: 'lock', args: ['lockSync'], run: noResult(() => rw.lockSync()) };
        else if (how < 75) yield { op: 'lock', args: ['lock'], run: noResult(() => rw.lock()) };
        else yield { op: 'tryLock', args: [], run: try_(() => rw.tryLock()) };
        n++;
        if (!held) continue;
        yield* writeSection(register, ++written * workers + client + 1, () => rw.unlock());
      } else {
        if (how < 40) yield { op: 'rLock', args: ['rLockSync'], run: noResult(() => rw.rLockSync()) };
        else if (how < 75) yield { op: 'rLock', args: ['rLock'], run: noResult(() => rw.rLock()) };
        else yield { op: 'tryRLock', args: [], run: try_(tryRLock) };
        n++;
        if (!held) continue;
        yield { op: 'read', args: [], run: () => [String(register[0])] };
        yield { op: 'read', args: [], run: () => [String(register[0])] };
        yield { op: 'rUnlock', args: [], run: noResult(rUnlock) };
      }
      n += 3;
    }
  }
  const it = plan();
  return { next: () => it.next().value };
}
