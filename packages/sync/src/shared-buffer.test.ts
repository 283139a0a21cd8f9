import { afterEach, describe, expect, it } from 'vitest';
import { Cond } from './cond';
import { Mutex } from './mutex';
import { Once } from './once';
import { RWMutex } from './rwmutex';
import { SharedMap } from './shared-map';
import { WaitGroup } from './waitgroup';

// A browser page that is not cross-origin isolated has no SharedArrayBuffer at all. Each constructor must
// then say what the page needs instead of the engine's "SharedArrayBuffer is not defined".
const saved = globalThis.SharedArrayBuffer;
afterEach(() => {
  globalThis.SharedArrayBuffer = saved;
});

const constructors: [string, () => unknown][] = [
  ['new SharedMap', () => new SharedMap()],
  ['new Mutex', () => new Mutex()],
  ['new RWMutex', () => new RWMutex()],
  ['new WaitGroup', () => new WaitGroup()],
  ['new Once', () => new Once()],
  ['new Cond', () => new Cond(new Mutex())],
];

describe('without SharedArrayBuffer (a page without cross-origin isolation)', () => {
  it.each(constructors)('%s throws an Error naming COOP and COEP', (what, make) => {
    const mu = what === 'new Cond' ? new Mutex() : undefined;
    // @ts-expect-error: deleting a global the types say is always there is the point of the test.
    delete globalThis.SharedArrayBuffer;
    const run = mu ? () => new Cond(mu) : make;
    expect(run).toThrow(
      new Error(
        `sync: ${what} needs SharedArrayBuffer, which this runtime does not provide; a browser page has it only ` +
          'when cross-origin isolated (serve it with the headers Cross-Origin-Opener-Policy: same-origin and ' +
          'Cross-Origin-Embedder-Policy: require-corp)',
      ),
    );
  });

  it('constructs as before when SharedArrayBuffer is there', () => {
    for (const [, make] of constructors) expect(make()).toBeTruthy();
  });
});
