// A bundle holds only what it uses (issue 18, item 7). The package ships as one file (tsup bundles src/
// into dist/index.js), so a bundler cannot drop a module of it whole, only statement by statement: a
// module-level statement that might have an effect stays. This builds the package into one file as tsup
// does, bundles single imports from that file with esbuild, minified, as a user's bundler would, and looks
// at what stayed: the 32-bit forms carry none of the 64-bit forms' typed arrays or the endianness probe.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-math-bits-shake-'));
const packageFile = path.join(dir, 'index.js');

beforeAll(async () => {
  const entry = new URL('./index.ts', import.meta.url).pathname;
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    outfile: packageFile,
    logLevel: 'silent',
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The minified bundle of `export { names }` from the one-file package. */
async function bundle(names: string): Promise<string> {
  const out = await build({
    stdin: { contents: `export { ${names} } from './index.js';`, loader: 'js', resolveDir: dir },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

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
