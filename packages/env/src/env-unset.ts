// `-u`: removing variables' settings from the env file (cmd/go/internal/envcmd runEnvU).
import type { EnvOptions } from './define-env';
import { EnvError } from './env-error';
import { checkEnvWrite, editSettings } from './env-write';

/**
 * runEnvU removes the settings of keys from the env file, as `go env -u`: each key must be one `-w` could
 * set (checked as setting it to ''), and the file must exist; a refusal (an EnvError) removes none.
 */
export function runEnvU(opts: EnvOptions, keys: readonly string[]): void {
  if (keys.length === 0) throw new EnvError(`'${opts.name} -u' requires an argument`);
  for (const key of keys) checkEnvWrite(opts, key, '');
  editSettings(opts, {}, keys);
}
