// A bundle holds only what it uses (issue 18, item 7). The package ships as one file (tsup bundles src/
// into dist/index.js), so a bundler cannot drop a module of it whole, only statement by statement: a
// module-level statement that might have an effect stays. This builds the package into one file as tsup
// does, bundles single imports from that file with esbuild, minified, as a user's bundler would, and looks
// at what stayed: the 32-bit forms carry none of the 64-bit forms' typed arrays or the endianness probe.
import { type OneFilePackage, oneFilePackage } from '@gostd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let pkg: OneFilePackage;
beforeAll(async () => {
  pkg = await oneFilePackage(new URL('./index.ts', import.meta.url).pathname, 'math-bits');
});
afterAll(() => pkg.dispose());
const bundle = (names: string) => pkg.bundle(names);

describe('tree-shaking', () => {
  for (const name of ['onesCount32', 'leadingZeros32', 'reverse32', 'add32']) {
    it(`${name} alone carries no typed array and no endianness probe`, async () => {
      const code = await bundle(name);
      expect(code).toContain(name);
      expect(code).not.toMatch(/BigUint64Array|Uint32Array|Uint16Array|Uint8Array/);
    });
  }
  it('a 64-bit form still gets its scratch and the probe', async () => {
    const code = await bundle('onesCount64');
    expect(code).toMatch(/BigUint64Array/);
    expect(code).toMatch(/Uint16Array/);
  });
});
