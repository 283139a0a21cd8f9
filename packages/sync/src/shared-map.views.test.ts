// Blocks freed by one thread and reused by another (issue 13). A thread's views of the buffer have a fixed
// length and are remade only when a pointer it reads lies past them; a free block handed out from a
// magazine or a free list may lie past the views of the thread that takes it, when another thread grew the
// buffer after this one last looked. A typed array ignores a write past its end, so a record built there
// was lost: a store that returned and was never seen (porcupine found it first). Eight workers each store
// keys of their own into a map that starts at 4 KiB and must grow many times while the others free blocks.
import { beforeAll, describe, expect, it } from 'vitest';
import { SharedMap } from './shared-map';
import { checkBuilt, deadline, finish, type Running, start } from './testdata/shared-map-harness';

beforeAll(checkBuilt);

const WORKERS = 8;
const ROUNDS = 40;
const KEYS = 300;

describe('SharedMap blocks reused across threads', () => {
  it(`${WORKERS} workers x ${KEYS} keys of their own, ${ROUNDS} maps from 4 KiB: every store is there`, async () => {
    const until = deadline();
    let lost = 0;
    let lostAtEnd = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const m = new SharedMap<string, string>({ byteLength: 4096 });
      const runs: Running[] = Array.from({ length: WORKERS }, (_, w) =>
        start(m, 'ownKeys', { prefix: `r${round}w${w}-`, n: KEYS }),
      );
      const results = await finish(runs, until, `round ${round}`);
      for (const r of results) {
        lost += r.lost!;
        lostAtEnd += r.lostAtEnd!;
      }
      let missing = 0;
      for (let w = 0; w < WORKERS; w++) {
        for (let i = 0; i < KEYS; i++)
          if (m.get(`r${round}w${w}-${i}`) !== `r${round}w${w}-${i}=${i}`) missing++;
      }
      expect({ round, missing }).toEqual({ round, missing: 0 });
      expect(m.size).toBe(WORKERS * KEYS);
    }
    expect({ lost, lostAtEnd }).toEqual({ lost: 0, lostAtEnd: 0 });
  }, 60_000);
});
