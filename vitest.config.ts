// Runs every package's tests from the root (`npx vitest`); `npm test` goes through turbo instead.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { projects: ['packages/*'] } });
