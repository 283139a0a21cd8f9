// The one tsup configuration every @gostd package builds with. A package's own
// tsup.config.ts is a single line that re-exports this (or calls `entries` for
// packages with more than one entry point).
import { defineConfig, type Options } from 'tsup';

/**
 * Builds `src/<name>.ts` for each name to `dist/<name>.js` plus `.d.ts`, ESM only. The private workspace
 * package @gostd/internal is bundled in (noExternal), so no published package depends on it.
 */
export const entries = (...names: string[]) =>
  defineConfig({
    entry: Object.fromEntries(names.map((n) => [n, `src/${n}.ts`])),
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    dts: true,
    clean: true,
    sourcemap: false,
    splitting: true,
    treeshake: true,
    noExternal: ['@gostd/internal'],
  } satisfies Options);

export default entries('index');
