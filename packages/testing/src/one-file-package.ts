import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

/** A package built into one file as tsup builds it, for tree-shaking tests. */
export interface OneFilePackage {
  /** The one-file package (ESM). */
  file: string;
  /** bundle returns the minified bundle of `export { names }` from the one-file package. */
  bundle(names: string): Promise<string>;
  /** dispose removes the temporary folder. */
  dispose(): void;
}

/**
 * oneFilePackage bundles the entry (a package's src/index.ts) into one ESM file in a temporary folder, as
 * tsup does, so that a test can bundle single imports from it as a user's bundler would.
 */
export async function oneFilePackage(entry: string, tag: string): Promise<OneFilePackage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gostd-${tag}-shake-`));
  const file = path.join(dir, 'index.js');
  await build({ entryPoints: [entry], bundle: true, format: 'esm', outfile: file, logLevel: 'silent' });
  return {
    file,
    async bundle(names) {
      const out = await build({
        stdin: { contents: `export { ${names} } from './index.js';`, loader: 'js', resolveDir: dir },
        bundle: true,
        minify: true,
        format: 'esm',
        write: false,
        logLevel: 'silent',
      });
      return out.outputFiles[0]?.text ?? '';
    },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
