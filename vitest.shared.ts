// The vitest configuration every package uses: its own vitest.config.ts is one
// line that re-exports this. Imports of @gostd/<name> resolve to the package's
// source, so tests never run stale builds.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { examplesPlugin } from './scripts/doctest.ts';

const packages = fileURLToPath(new URL('./packages/', import.meta.url));

export default defineConfig({
  plugins: [examplesPlugin()],
  resolve: {
    alias: [
      { find: /^@gostd\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packages}$1/src/$2.ts` },
      { find: /^@gostd\/([a-z-]+)$/, replacement: `${packages}$1/src/index.ts` },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
