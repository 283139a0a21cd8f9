/**
 * Package @gostd/env is Go's `go env` for Node.js: defineEnv gives any tool its own go env (settings
 * from the environment, an env file or defaults, printed, written and unset by Go's rules), and
 * nodeEnv is the one the gostd-env command shows for the Node.js toolchain.
 *
 * @packageDocumentation
 */
export { type CliIO, defineEnv, type Env, type EnvOptions, type EnvVar, type Var } from './define-env';
export { parseEnvFile, updateEnvFile } from './env-file';
export { type ControlEscapes, formatJSON } from './json';
export { type Environ, envFilePath, nodeEnv } from './node-env';
export { batchEscape, formatShell, powerShellQuote, type Shell, shellQuote } from './shell';
