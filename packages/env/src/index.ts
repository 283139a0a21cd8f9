export { type CliIO, defineEnv, type Env, type EnvOptions, type EnvVar, type Var } from './define-env';
export { parseEnvFile, updateEnvFile } from './env-file';
export { type ControlEscapes, formatJSON } from './json';
export { type Environ, envFilePath, nodeEnv } from './node-env';
export { batchEscape, formatShell, powerShellQuote, type Shell, shellQuote } from './shell';
