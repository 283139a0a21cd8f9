// `-w`: setting variables in the env file (cmd/go/internal/envcmd: runEnvW, checkEnvWrite,
// checkBuildConfig), and the locked edit that -w and -u share.
import type { EnvOptions } from './define-env';
import { EnvError, fatal, message } from './env-error';
import { editEnvFile, FileError, parseEnvFile, updateEnvFile } from './env-file';
import { envFile, mustSpec, osValue, resolve, spec } from './resolve';
import { validUTF8 } from './utf8';

/**
 * checkEnvWrite throws the EnvError Go's checkEnvWrite reports when key may not be set to val ('' for
 * `-u`): a read-only, OS-only or unknown variable, a value its validate refuses, invalid UTF-8, NUL or a
 * newline.
 */
export function checkEnvWrite(opts: EnvOptions, key: string, val: string): void {
  const v = spec(opts, key);
  if (v?.readOnly) throw new EnvError(`${key} cannot be modified`);
  if (v?.osOnly) throw new EnvError(`${key} can only be set using the OS environment`);
  if (!v) throw new EnvError(`unknown ${opts.name} variable ${key}`);
  const msg: unknown = fatal(() => v.validate?.(val));
  if (msg !== undefined) throw new EnvError(message(`validate of ${key}`, msg));
  if (!validUTF8(val)) throw new EnvError(`invalid UTF-8 in ${key}=... value`);
  if (val.includes('\0')) throw new EnvError(`invalid NUL in ${key}=... value`);
  if (/[\v\r\n]/.test(val)) throw new EnvError(`invalid newline in ${key}=... value`);
}

/**
 * editSettings sets add and removes del in the env file, holding the file's lock from reading it to
 * replacing it so that no other writer's change is lost; opts.check (Go's checkBuildConfig) sees the
 * configuration the change would leave, under the lock. Only a pure removal needs the file to exist.
 */
export function editSettings(
  opts: EnvOptions,
  add: Readonly<Record<string, string>>,
  del: readonly string[],
): void {
  const f = envFile(opts);
  const edit = (text: string | null): string => {
    const current = fatal(() => parseEnvFile(text ?? '', f));
    if (opts.check) {
      const touched = new Set([...Object.keys(add), ...del]);
      const after = (k: string): string | undefined =>
        Object.hasOwn(add, k) ? add[k] : del.includes(k) ? undefined : current.get(k);
      const check = opts.check;
      const msg: unknown = fatal(() => check((k) => resolve(opts, k, mustSpec(opts, k), after), touched));
      if (msg !== undefined) throw new EnvError(message('check', msg));
    }
    return updateEnvFile(text ?? '', add, del, f);
  };
  try {
    editEnvFile(f, edit, del.length > 0 && Object.keys(add).length === 0);
  } catch (e) {
    if (e instanceof FileError) throw new EnvError(`${e.op} ${opts.name} config: ${e.message}`);
    throw e;
  }
}

/**
 * runEnvW sets the KEY=VALUE settings of args in the env file, as `go env -w`: it checks the arguments in
 * order, calls warn for each that a different OS environment value will hide, and then writes them all
 * or, on the first refusal (an EnvError), none.
 */
export function runEnvW(opts: EnvOptions, args: readonly string[], warn: (w: string) => void): void {
  if (args.length === 0) throw new EnvError('no KEY=VALUE arguments given');
  // No prototype: a variable may be named __proto__ (or constructor).
  const add: Record<string, string> = Object.create(null);
  for (const arg of args) {
    const i = arg.indexOf('=');
    if (i < 0) throw new EnvError(`arguments must be KEY=VALUE: invalid argument: ${arg}`);
    const key = arg.slice(0, i);
    const val = arg.slice(i + 1);
    checkEnvWrite(opts, key, val);
    if (Object.hasOwn(add, key)) throw new EnvError(`multiple values for key: ${key}`);
    add[key] = val;
    const os = osValue(opts, key);
    if (os && os !== val)
      warn(`${opts.name} -w ${key}=... does not override conflicting OS environment variable`);
  }
  editSettings(opts, add, []);
}
