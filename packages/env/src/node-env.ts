// The environment of gostd-env: the Node.js toolchain's analogue of GOROOT, GOOS, GOARCH, CC...
import path from 'node:path';
import * as check from './arg-check';
import { defineEnv, type Env, type Var } from './define-env';
import { goQuote, splitQuoted } from './go-quote';
import { checkGOOSARCHPair, goarchOf, goosOf } from './goos';

/** Environ is a set of environment variables, as process.env holds them. */
export type Environ = Readonly<Record<string, string | undefined>>;

// os.endianness() without loading node:os at startup.
const endianness = (): 'BE' | 'LE' => (new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 'LE' : 'BE');

/**
 * envFilePath returns the env file of gostd-env for an OS environment: $GOSTDENV, else
 * $XDG_CONFIG_HOME/gostd/env or $HOME/.config/gostd/env (%AppData%\gostd\env on Windows). It throws
 * "GOSTDENV=off" for GOSTDENV=off (no env file, like GOENV=off), and, in the words of Go's os.UserConfigDir,
 * when the directory cannot be found.
 *
 * @example
 * ```ts
 * import { envFilePath } from '@gostd/env';
 *
 * console.log(envFilePath({ HOME: '/home/gopher' }, 'linux'));
 * console.log(envFilePath({ HOME: '/home/gopher', XDG_CONFIG_HOME: '/cfg' }, 'linux'));
 * console.log(envFilePath({ AppData: 'C:\\Users\\gopher\\AppData\\Roaming' }, 'win32'));
 * console.log(envFilePath({ GOSTDENV: '/etc/gostd.env' }));
 * // Output:
 * // /home/gopher/.config/gostd/env
 * // /cfg/gostd/env
 * // C:\Users\gopher\AppData\Roaming\gostd\env
 * // /etc/gostd.env
 * ```
 */
export function envFilePath(environ: Environ, platform: string = process.platform): string {
  check.stringRecord('envFilePath', 'environ', environ, true);
  check.string('envFilePath', 'platform', platform);
  const set = environ.GOSTDENV;
  if (set === 'off') throw new Error('GOSTDENV=off');
  if (set) return set;
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (platform === 'win32') {
    const dir = environ.AppData ?? environ.APPDATA;
    if (!dir) throw new Error('%AppData% is not defined');
    return p.join(dir, 'gostd', 'env');
  }
  const xdg = environ.XDG_CONFIG_HOME;
  if (xdg) {
    if (!p.isAbsolute(xdg)) throw new Error('path in $XDG_CONFIG_HOME is relative');
    return p.join(xdg, 'gostd', 'env');
  }
  if (!environ.HOME) throw new Error('neither $XDG_CONFIG_HOME nor $HOME are defined');
  return p.join(environ.HOME, '.config', 'gostd', 'env');
}

const absolute = (key: string) => (v: string) =>
  v === '' || path.isAbsolute(v)
    ? undefined
    : `${key} entry is relative; must be absolute path: ${goQuote(v)}`;

// Go's checkEnvWrite for CC and CXX.
const command = (key: string) => (v: string) => {
  if (v === '') return undefined;
  let args: string[];
  try {
    args = splitQuoted(v);
  } catch (e) {
    return `invalid ${key}: ${(e as Error).message}`;
  }
  const first = args[0];
  if (first === undefined) return `${key} entry cannot contain only space`;
  if (!path.isAbsolute(first) && first !== path.basename(first)) {
    return `${key} entry is relative; must be absolute path: ${goQuote(first)}`;
  }
  return undefined;
};

/**
 * nodeEnv returns the environment gostd-env shows and edits: Go's GOOS and GOARCH for this machine and the
 * variables of the Node.js toolchain, read from environ (process.env, read at each call, when omitted) and
 * the env file envFilePath names. Every default is computed without starting a process.
 *
 * @example
 * ```ts
 * import { nodeEnv } from '@gostd/env';
 *
 * const env = nodeEnv({ HOME: '/home/gopher', GOSTDENV: 'off', TZ: 'UTC' });
 * console.log(env.get('TZ'), env.get('NPM_CONFIG_REGISTRY'), env.get('UV_THREADPOOL_SIZE'));
 * console.log(env.changed().map((v) => v.name));
 * // Output:
 * // UTC https://registry.npmjs.org/ 4
 * // [ 'GOSTDENV', 'TZ' ]
 * ```
 */
export function nodeEnv(environ?: Environ): Env {
  if (environ !== undefined) check.stringRecord('nodeEnv', 'environ', environ, true);
  const env = (): Environ => environ ?? process.env;
  const win = process.platform === 'win32';
  const home = () => env().HOME ?? (win ? env().USERPROFILE : undefined) ?? '';
  const vars: Record<string, Var> = {
    AR: { default: win ? 'lib' : 'ar', description: 'the archiver native addons are built with' },
    CC: {
      default: win ? 'cl' : 'cc',
      description: 'the C compiler native addons are built with',
      validate: command('CC'),
    },
    CXX: {
      default: win ? 'cl' : 'c++',
      description: 'the C++ compiler native addons are built with',
      validate: command('CXX'),
    },
    GOARCH: {
      default: () => goarchOf(process.arch, endianness()),
      description: "Go's name for the architecture",
    },
    GOOS: { default: () => goosOf(process.platform), description: "Go's name for the operating system" },
    GOSTDENV: {
      default: () => {
        try {
          return envFilePath({ ...env(), GOSTDENV: undefined });
        } catch {
          return '';
        }
      },
      description: 'the env file gostd-env -w writes',
      osOnly: true,
    },
    NODE_ENV: { description: 'the deployment environment (development, production, test...)' },
    NODE_EXEC_PATH: { default: () => process.execPath, description: 'the node executable', readOnly: true },
    NODE_EXTRA_CA_CERTS: {
      description: 'a PEM file of extra trusted certificates',
      validate: absolute('NODE_EXTRA_CA_CERTS'),
    },
    NODE_OPTIONS: { description: 'command-line options node adds to every run' },
    NODE_PATH: {
      description: `directories searched for modules, separated by '${path.delimiter}'`,
      validate: (v) => {
        for (const dir of v.split(path.delimiter)) {
          if (dir.startsWith('~'))
            return `NODE_PATH entry cannot start with shell metacharacter '~': ${goQuote(dir)}`;
          if (dir !== '' && !path.isAbsolute(dir)) {
            return `NODE_PATH entry is relative; must be absolute path: ${goQuote(dir)}`;
          }
        }
        return undefined;
      },
    },
    NODE_VERSION: { default: () => process.version, description: 'the version of node', readOnly: true },
    NPM_CONFIG_CACHE: {
      default: () =>
        win
          ? path.join(env().LOCALAPPDATA ?? path.join(home(), 'AppData', 'Local'), 'npm-cache')
          : path.join(home(), '.npm'),
      description: "npm's cache directory",
      validate: absolute('NPM_CONFIG_CACHE'),
    },
    NPM_CONFIG_PREFIX: {
      default: () => {
        const e = env();
        if (e.PREFIX) return e.PREFIX;
        return win ? path.dirname(process.execPath) : path.dirname(path.dirname(process.execPath));
      },
      description: 'where npm install -g puts packages',
      validate: absolute('NPM_CONFIG_PREFIX'),
    },
    NPM_CONFIG_REGISTRY: {
      default: 'https://registry.npmjs.org/',
      description: 'the npm registry',
      validate: (v) =>
        v === '' || /^https?:\/\/[^/\s]/.test(v)
          ? undefined
          : `invalid NPM_CONFIG_REGISTRY value ${goQuote(v)}`,
    },
    NPM_CONFIG_USERCONFIG: {
      default: () => path.join(home(), '.npmrc'),
      description: "the user's npmrc file",
      validate: absolute('NPM_CONFIG_USERCONFIG'),
    },
    PYTHON: { description: 'the python node-gyp runs' },
    TMPDIR: {
      default: () => (win ? path.join(env().SystemRoot ?? 'C:\\Windows', 'Temp') : '/tmp'),
      description: 'the directory for temporary files',
      validate: (v) => (v === '' || path.isAbsolute(v) ? undefined : 'TMPDIR must be an absolute path'),
    },
    TZ: { description: 'the time zone' },
    UV_THREADPOOL_SIZE: {
      default: '4',
      description: "the size of libuv's thread pool (1 to 1024)",
      validate: (v) =>
        v === '' || (/^[1-9][0-9]{0,3}$/.test(v) && Number(v) <= 1024)
          ? undefined
          : `invalid UV_THREADPOOL_SIZE value ${goQuote(v)}`,
    },
  };
  return defineEnv({
    name: 'gostd-env',
    file: () => envFilePath(env()),
    vars,
    ...(environ ? { environ } : {}),
    check: (get, touched) =>
      touched.has('GOOS') || touched.has('GOARCH')
        ? checkGOOSARCHPair(get('GOOS'), get('GOARCH'))
        : undefined,
  });
}
