#!/usr/bin/env node
// gostd-env: `go env` for the Node.js toolchain.
import { nodeEnv } from './node-env';

// A reader that went away (gostd-env | true) ends the command quietly, as SIGPIPE ends go env.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = nodeEnv().cli(process.argv.slice(2));
