// The shared configuration, with TZ=UTC so that Local (and the examples that print it) is the same on
// every machine; tests of other zones set TZ in child processes or use loadLocation.
import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

export default mergeConfig(shared, defineConfig({ test: { env: { TZ: 'UTC' } } }));
