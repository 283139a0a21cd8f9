// Go's script tests for `go env`, as cases for gostd-env (the library's cli with the Node.js variables), on
// real files in a temporary directory: src/cmd/go/testdata/script/env_write.txt and env_unset.txt (Go 1.19)
// and env_changed.txt (Go 1.23). Messages are Go's with `go` and `go env` read as `gostd-env`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliIO, defineEnv, type Env, type EnvOptions } from './define-env';
import { goarchOf, goosOf } from './goos';
import { envFilePath, nodeEnv } from './node-env';
import type { Shell } from './shell';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-env-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const hostOS = goosOf(process.platform);
const hostArch = goarchOf(process.arch, os.endianness());

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(env: Env, argv: string[], shell: Shell = 'sh'): Result {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (d) => {
      stdout += Buffer.from(d).toString('utf8');
    },
    stderr: (s) => {
      stderr += s;
    },
    shell,
  };
  const code = env.cli(argv, io);
  return { code, stdout, stderr };
}

let environ: Record<string, string | undefined>;
let env: Env;
let file: string;
const go = (...argv: string[]) => run(env, argv);

beforeEach(() => {
  const dir = fs.mkdtempSync(path.join(work, 'case-'));
  file = path.join(dir, 'envdir/gostd/env');
  environ = { HOME: dir, GOSTDENV: file };
  env = nodeEnv(environ);
});

describe('env_write.txt', () => {
  it('defaults to the right places', () => {
    expect(envFilePath({ HOME: '/home/u' }, 'linux')).toBe('/home/u/.config/gostd/env');
    expect(envFilePath({ HOME: '/home/u' }, 'darwin')).toBe('/home/u/.config/gostd/env');
    expect(envFilePath({ HOME: '/home/u', XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/gostd/env');
    expect(envFilePath({ AppData: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\gostd\\env',
    );
    expect(() => envFilePath({}, 'linux')).toThrow('neither $XDG_CONFIG_HOME nor $HOME are defined');
    expect(() => envFilePath({ XDG_CONFIG_HOME: 'rel' }, 'linux')).toThrow(
      'path in $XDG_CONFIG_HOME is relative',
    );
    expect(() => envFilePath({}, 'win32')).toThrow('%AppData% is not defined');
    const home = nodeEnv({ HOME: '/home/u' });
    if (process.platform !== 'win32')
      expect(run(home, ['GOSTDENV']).stdout).toBe('/home/u/.config/gostd/env\n');
  });

  it('can be overridden by the OS environment', () => {
    expect(go('GOSTDENV').stdout).toBe(`${file}\n`);
  });

  it('shows all variables', () => {
    const r = go();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^GOARCH='/m);
    expect(r.stdout).toMatch(/^GOOS='/m);
    expect(r.stdout).toContain(`NODE_VERSION='${process.version}'\n`);
  });

  it('checks for missing arguments', () => {
    expect(go('-w')).toEqual({ code: 1, stdout: '', stderr: 'gostd-env: no KEY=VALUE arguments given\n' });
    expect(go('-u')).toEqual({
      code: 1,
      stdout: '',
      stderr: "gostd-env: 'gostd-env -u' requires an argument\n",
    });
  });

  it('-w changes the default setting, does not override the OS environment and warns about that', () => {
    expect(go('-w', 'NODE_PATH=/non-exist/nodepath')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.readFileSync(file, 'utf8')).toContain('NODE_PATH=/non-exist/nodepath\n');
    expect(go('NODE_PATH').stdout).toBe('/non-exist/nodepath\n');

    environ.NODE_PATH = '/other';
    const r = go('-w', 'NODE_PATH=/non-exist/nodepath2');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'warning: gostd-env -w NODE_PATH=... does not override conflicting OS environment variable\n',
    );
    expect(go('NODE_PATH').stdout).toBe('/other\n');
    // But -w does do the update, and unsetting the variable exposes the change.
    environ.NODE_PATH = '';
    expect(go('NODE_PATH').stdout).toBe('/non-exist/nodepath2\n');

    // -u warns neither about the OS environment nor about variables -w has not set.
    environ.NODE_PATH = '/other';
    expect(go('-u', 'NODE_PATH')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(go('-u', 'NODE_PATH')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.readFileSync(file, 'utf8')).toBe('');
  });

  it.each([
    ['GODEBUG=gctrace=1', 'unknown gostd-env variable GODEBUG'],
    ['NODE_VERSION=v0.1', 'NODE_VERSION cannot be modified'],
    ['NODE_EXEC_PATH=/bin/node', 'NODE_EXEC_PATH cannot be modified'],
    ['GOSTDENV=/env', 'GOSTDENV can only be set using the OS environment'],
  ])('-w rejects unknown or bad variables: %s', (arg, msg) => {
    expect(go('-w', arg)).toEqual({ code: 1, stdout: '', stderr: `gostd-env: ${msg}\n` });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('-w sets several variables, keeping the file sorted, and -u unsets them', () => {
    environ.CC = '';
    expect(go('CC').stdout).not.toBe('xyc\n');
    expect(go('-w', `GOOS=${hostOS}`, 'CC=xyc').code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(`CC=xyc\nGOOS=${hostOS}\n`);
    expect(go('CC').stdout).toBe('xyc\n');
    expect(go('-u', 'CC').code).toBe(0);
    expect(go('CC').stdout).not.toBe('xyc\n');
  });

  it.each([
    [['GOOS=linux', 'GOOS=linux'], 'multiple values for key: GOOS'],
    [['GOOS'], 'arguments must be KEY=VALUE: invalid argument: GOOS'],
    [['UV_THREADPOOL_SIZE=badvalue'], 'invalid UV_THREADPOOL_SIZE value "badvalue"'],
    [['UV_THREADPOOL_SIZE=1025'], 'invalid UV_THREADPOOL_SIZE value "1025"'],
    [['NODE_PATH=~/go'], `NODE_PATH entry cannot start with shell metacharacter '~': "~/go"`],
    [['NODE_PATH=./go'], 'NODE_PATH entry is relative; must be absolute path: "./go"'],
    [['TMPDIR=x'], 'TMPDIR must be an absolute path'],
    [['NPM_CONFIG_CACHE=~/test'], 'NPM_CONFIG_CACHE entry is relative; must be absolute path: "~/test"'],
    [['NPM_CONFIG_CACHE=./test'], 'NPM_CONFIG_CACHE entry is relative; must be absolute path: "./test"'],
    [['NPM_CONFIG_REGISTRY=ftp://x'], 'invalid NPM_CONFIG_REGISTRY value "ftp://x"'],
    [['CC=./clang'], 'CC entry is relative; must be absolute path: "./clang"'],
    [['CC=bin/clang'], 'CC entry is relative; must be absolute path: "bin/clang"'],
    [['CXX=./cpp'], 'CXX entry is relative; must be absolute path: "./cpp"'],
    [['CXX=bin/cpp'], 'CXX entry is relative; must be absolute path: "bin/cpp"'],
    [['CC=  '], 'CC entry cannot contain only space'],
    [["CC='clang"], "invalid CC: unterminated ' string"],
    [['TZ=a\nb'], 'invalid newline in TZ=... value'],
    [['TZ=a\rb'], 'invalid newline in TZ=... value'],
    [['TZ=a\vb'], 'invalid newline in TZ=... value'],
    [['TZ=a\0b'], 'invalid NUL in TZ=... value'],
    [['TZ=a\ud800'], 'invalid UTF-8 in TZ=... value'],
  ])('-w rejects %j', (args, msg) => {
    if (process.platform === 'win32' && /relative/.test(msg) && !/~/.test(msg)) return;
    expect(go('-w', ...args)).toEqual({ code: 1, stdout: '', stderr: `gostd-env: ${msg}\n` });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('-w accepts an absolute TMPDIR without creating it, and -u or an empty value clears it', () => {
    const dir = path.join(work, 'x/y/z');
    expect(go('-w', `TMPDIR=${dir}`).code).toBe(0);
    expect(fs.existsSync(dir)).toBe(false);
    expect(go('TMPDIR').stdout).toBe(`${dir}\n`);
    expect(go('-u', 'TMPDIR').code).toBe(0);
    const def = go('TMPDIR').stdout;
    expect(def).not.toBe(`${dir}\n`);
    expect(go('-w', `TMPDIR=${dir}`).code).toBe(0);
    expect(go('-w', 'TMPDIR=').code).toBe(0);
    expect(go('TMPDIR').stdout).toBe(def);
  });

  it.skipIf(process.platform === 'win32')('-w accepts an absolute CC or CXX and a bare command name', () => {
    for (const arg of [
      'CC=/usr/bin/clang',
      'CC=clang',
      'CXX=/usr/bin/cpp',
      'CXX=cpp',
      "CC='/opt/my cc' -O2",
    ]) {
      expect(go('-w', arg)).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    expect(go('CC', 'CXX').stdout).toBe("'/opt/my cc' -O2\ncpp\n");
  });

  it('-w and -u check the GOOS/GOARCH pair', () => {
    environ.GOOS = '';
    environ.GOARCH = '';
    const fail = (args: string[], msg: string) =>
      expect(go(...args)).toEqual({ code: 1, stdout: '', stderr: `gostd-env: ${msg}\n` });
    fail(['-w', 'GOOS=linuxx'], `unsupported GOOS/GOARCH pair linuxx/${hostArch}`);
    fail(['-w', 'GOARCH=amd644'], `unsupported GOOS/GOARCH pair ${hostOS}/amd644`);
    fail(['-w', 'GOOS=linuxx', 'GOARCH=amd64'], 'unsupported GOOS/GOARCH pair linuxx/amd64');
    fail(['-w', 'GOOS=android', 'GOARCH=s390x'], 'unsupported GOOS/GOARCH pair android/s390x');
    // -u considers the OS environment.
    expect(go('-w', 'GOOS=linux', 'GOARCH=mips').code).toBe(0);
    expect(go('GOOS', 'GOARCH').stdout).toBe('linux\nmips\n');
    environ.GOOS = 'windows';
    fail(['-u', 'GOOS'], 'unsupported GOOS/GOARCH pair windows/mips');
  });

  it('refuses flags used together', () => {
    expect(go('-json', '-u', 'A').stderr).toBe('gostd-env: cannot use -json with -u\n');
    expect(go('-json', '-w', 'A=B').stderr).toBe('gostd-env: cannot use -json with -w\n');
    expect(go('-u', '-w', 'A=B').stderr).toBe('gostd-env: cannot use -u with -w\n');
    // Go 1.21: a KEY=VALUE without -w.
    expect(go('TZ=UTC')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'gostd-env: invalid variable name "TZ=UTC" (use -w to set variable)\n',
    });
  });
});

describe('env_unset.txt', () => {
  it('can unset variables, even if initially invalid, as long as the result is valid', () => {
    environ.GOSTDENV = path.join(path.dirname(file), 'badenv');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(environ.GOSTDENV, 'GOOS=bados\nGOARCH=badarch\n');
    expect(go('-u', 'GOOS').stderr).toBe(`gostd-env: unsupported GOOS/GOARCH pair ${hostOS}/badarch\n`);
    expect(go('-u', 'GOARCH').stderr).toBe(`gostd-env: unsupported GOOS/GOARCH pair bados/${hostArch}\n`);
    expect(go('-u', 'GOOS', 'GOARCH')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(go().code).toBe(0);
    expect(fs.readFileSync(environ.GOSTDENV, 'utf8')).toBe('');
  });
});

describe('env_changed.txt', () => {
  beforeEach(() => {
    Object.assign(environ, { TZ: 'UTC', NODE_ENV: 'production', NPM_CONFIG_REGISTRY: 'nodefault' });
    environ.UV_THREADPOOL_SIZE = '4';
  });
  it('-changed lists the settings that differ from the defaults', () => {
    const r = go('-changed');
    expect(r.stdout).toContain("TZ='UTC'\n");
    expect(r.stdout).toContain("NODE_ENV='production'\n");
    expect(r.stdout).toContain("NPM_CONFIG_REGISTRY='nodefault'\n");
    expect(r.stdout).toContain(`GOSTDENV='${file}'\n`);
    expect(r.stdout).not.toContain('UV_THREADPOOL_SIZE');
    expect(r.stdout).not.toContain('NODE_VERSION');
  });
  it('-changed -json', () => {
    const r = go('-changed', '-json');
    expect(r.stdout).toContain('"TZ": "UTC"');
    expect(r.stdout).toContain('"NODE_ENV": "production"');
    expect(r.stdout).toContain('"NPM_CONFIG_REGISTRY": "nodefault"');
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['GOSTDENV', 'NODE_ENV', 'NPM_CONFIG_REGISTRY', 'TZ']);
  });
  it('-changed with names shows only the named changed ones; -w settings count as changes', () => {
    expect(go('-w', 'PYTHON=/usr/bin/python3').code).toBe(0);
    expect(go('-changed', 'TZ', 'UV_THREADPOOL_SIZE', 'PYTHON', 'NOPE').stdout).toBe(
      // Sorted by name, as Go 1.26's PrintEnv sorts.
      "PYTHON='/usr/bin/python3'\nTZ='UTC'\n",
    );
    expect(env.changed().map((v) => v.name)).toContain('PYTHON');
  });
});

describe('output', () => {
  it('named variables print bare values, unknown ones an empty line', () => {
    expect(go('GOOS', 'NOPE', 'GOARCH')).toEqual({
      code: 0,
      stdout: `${hostOS}\n\n${hostArch}\n`,
      stderr: '',
    });
  });
  it('-json with names gives only those keys, sorted, unknown ones ""', () => {
    expect(go('-json', 'GOOS', 'NOPE', 'GOARCH').stdout).toBe(
      `{\n\t"GOARCH": "${hostArch}",\n\t"GOOS": "${hostOS}",\n\t"NOPE": ""\n}\n`,
    );
  });
  it('-json of everything is Go-indented JSON with every variable', () => {
    environ.NODE_OPTIONS = '--title=<a&b>';
    const r = go('-json');
    expect(r.stdout).toContain('\t"NODE_OPTIONS": "--title=\\u003ca\\u0026b\\u003e",\n');
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(Object.keys(env.vars).sort());
    expect(r.stdout.endsWith('\n}\n')).toBe(true);
  });
  it('the cmd form strips what cmd cannot hold, saying so, and exits 1 as Go does', () => {
    environ.NODE_OPTIONS = 'a\tb%<\x07';
    const r = run(env, ['-changed'], 'cmd');
    expect(r.stdout).toContain('set NODE_OPTIONS=a\tb%%^<\ufffd\n');
    expect(r.stderr).toBe(
      'gostd-env: stripping unprintable or unescapable characters from %"NODE_OPTIONS"%\n',
    );
    expect(r.code).toBe(1);
  });
  it('the PowerShell form', () => {
    environ.TZ = "it's";
    expect(run(env, ['-changed'], 'powershell').stdout).toContain("$env:TZ = 'it''s'\n");
  });
});

describe('env file errors', () => {
  it('a malformed file gives an error naming the line', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '# mine\nTZ=UTC\nexport NODE_ENV=production\n');
    const msg = `${file}:3: malformed line "export NODE_ENV=production": want KEY=VALUE, a # comment or a blank line`;
    expect(go('TZ')).toEqual({ code: 1, stdout: '', stderr: `gostd-env: ${msg}\n` });
    expect(go('-w', 'TZ=GMT').stderr).toBe(`gostd-env: ${msg}\n`);
    expect(() => env.get('TZ')).toThrow(msg);
    expect(fs.readFileSync(file, 'utf8')).toBe('# mine\nTZ=UTC\nexport NODE_ENV=production\n');
  });
  it('-u needs the file to exist, as in Go', () => {
    expect(go('-u', 'TZ')).toEqual({
      code: 1,
      stdout: '',
      stderr: `gostd-env: reading gostd-env config: open ${file}: no such file or directory\n`,
    });
  });
  it('GOSTDENV=off means no env file', () => {
    environ.GOSTDENV = 'off';
    expect(go('TZ').code).toBe(0);
    expect(go('-w', 'TZ=UTC').stderr).toBe('gostd-env: cannot find gostd-env config: GOSTDENV=off\n');
  });
  it('keeps comments and other lines when writing', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '# my settings\nTZ=UTC\n\n# build\nCC=clang\nCC=gcc\n');
    expect(go('-w', 'NODE_ENV=test', 'CXX=g++').code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '# my settings\nTZ=UTC\n\n# build\nCC=gcc\nCXX=g++\nNODE_ENV=test\n',
    );
  });
});

describe('flags', () => {
  it.each([
    [['--json', 'GOOS'], 0],
    [['-json=true', 'GOOS'], 0],
    [['-json=false', 'GOOS'], 0],
    [['-json=maybe'], 2],
    [['-x'], 2],
    [['---json'], 2],
    [['--', '-json'], 0],
  ])('%j exits %i', (argv, code) => {
    expect(go(...argv).code).toBe(code);
  });
  it('parses flags as Go flag does', () => {
    expect(go('-json=false', 'GOOS').stdout).toBe(`${hostOS}\n`);
    expect(go('--', '-json').stdout).toBe('\n');
    expect(go('-x').stderr).toBe(
      'flag provided but not defined: -x\nusage: gostd-env [-json] [-changed] [-u] [-w] [var ...]\n',
    );
    expect(go('-json=maybe').stderr).toMatch(/^invalid boolean value "maybe" for -json: parse error\n/);
    expect(go('GOOS', '-json').stdout).toBe(`${hostOS}\n\n`);
    expect(go('-h').stdout).toContain('UV_THREADPOOL_SIZE');
  });
});

describe('defineEnv', () => {
  it('computes a default only when its value is needed', () => {
    const calls: string[] = [];
    const lazy = (name: string, value: string) => () => {
      calls.push(name);
      return value;
    };
    const tool = defineEnv({
      name: 'tool',
      file: path.join(work, 'tool-env'),
      environ: {},
      vars: { A: { default: lazy('A', 'a') }, COSTLY: { default: lazy('COSTLY', 'c') } },
    });
    expect(tool.get('A')).toBe('a');
    expect(run(tool, ['A']).stdout).toBe('a\n');
    expect(run(tool, ['-json', 'A']).stdout).toBe('{\n\t"A": "a"\n}\n');
    expect(calls).toEqual(['A', 'A', 'A']);
    expect(run(tool, []).stdout).toBe("A='a'\nCOSTLY='c'\n");
    expect(calls).toContain('COSTLY');
  });
  it('get throws for an unknown variable; write and unset throw Go messages and return warnings', () => {
    const f = path.join(work, 'tool2', 'env');
    const tool = defineEnv({
      name: 'tool',
      file: f,
      environ: { B: 'os' },
      vars: { A: {}, B: {}, V: { readOnly: true, default: '1' } },
    });
    expect(() => tool.get('Z')).toThrow('unknown tool variable Z');
    expect(tool.write({ A: '1', B: '2' })).toEqual([
      'tool -w B=... does not override conflicting OS environment variable',
    ]);
    expect(tool.get('A')).toBe('1');
    expect(tool.get('B')).toBe('os');
    expect(() => tool.write({})).toThrow('no KEY=VALUE arguments given');
    expect(() => tool.write({ V: '2' })).toThrow('V cannot be modified');
    expect(() => tool.unset([])).toThrow("'tool -u' requires an argument");
    tool.unset(['A']);
    expect(tool.get('A')).toBe('');
    expect(fs.readFileSync(f, 'utf8')).toBe('B=2\n');
    expect(tool.list()).toEqual([
      { name: 'A', value: '', changed: false },
      { name: 'B', value: 'os', changed: true },
      { name: 'V', value: '1', changed: false },
    ]);
    expect(tool.file()).toBe(f);
  });
  it('reads the OS environment at each call when none is given', () => {
    const tool = defineEnv({ name: 'tool', file: '', vars: { GOSTD_ENV_TEST_VAR: { default: 'd' } } });
    expect(tool.get('GOSTD_ENV_TEST_VAR')).toBe('d');
    process.env.GOSTD_ENV_TEST_VAR = 'set';
    try {
      expect(tool.get('GOSTD_ENV_TEST_VAR')).toBe('set');
    } finally {
      delete process.env.GOSTD_ENV_TEST_VAR;
    }
    expect(() => tool.file()).toThrow('cannot find tool config: no env file');
  });
  it('keeps the name and variables it was given; reads file, check and environ from the options at each call', () => {
    const f = path.join(work, 'options-env');
    const opts: { -readonly [K in keyof EnvOptions]: EnvOptions[K] } = {
      name: 'tool',
      file: '',
      vars: { A: { default: 'a' } },
      environ: {},
    };
    const tool = defineEnv(opts);
    opts.name = 'other';
    opts.vars = { B: {} };
    opts.file = f;
    opts.environ = { A: 'os' };
    opts.check = () => 'refused';
    expect([tool.name, Object.keys(tool.vars), tool.file(), tool.get('A')]).toEqual(['tool', ['A'], f, 'os']);
    expect(() => tool.get('B')).toThrow('unknown tool variable B');
    expect(() => tool.write({ A: 'x' })).toThrow(/^refused$/);
    delete opts.check;
    expect(tool.write({ A: 'x' })).toEqual([
      'tool -w A=... does not override conflicting OS environment variable',
    ]);
    expect(fs.readFileSync(f, 'utf8')).toBe('A=x\n');
  });
});

describe('a tool with 200,000 variables', () => {
  it('prints its help', () => {
    // help() took the widest name with Math.max(...names): a RangeError past about 120,000 variables.
    const vars: Record<string, EnvOptions['vars'][string]> = {};
    for (let i = 0; i < 200_000; i++) vars[`V${i}`] = { default: '', description: `variable ${i}` };
    const tool = defineEnv({ name: 'many', vars, file: path.join(work, 'many.env') });
    let out = '';
    const io: CliIO = {
      stdout: (d) => {
        out += Buffer.from(d).toString();
      },
      stderr: (d) => {
        out += Buffer.from(d).toString();
      },
    };
    expect(tool.cli(['-h'], io)).toBe(0);
    expect(out).toContain('\n  V0       variable 0\n');
    expect(out).toContain('\n  V199999  variable 199999\n');
  });
});

describe("variables named like Object.prototype's members", () => {
  it('read the OS environment record by its own properties only, and -w and -json work', () => {
    // environ[key] read a record's inherited members: get('constructor') was the function Object, -json
    // threw `formatJSON: entries[0][1] must be a string, not function`, and -w __proto__=x wrote nothing.
    const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
    const vars: Record<string, EnvOptions['vars'][string]> = Object.create(null);
    for (const n of names) vars[n] = { default: `d-${n}` };
    const f = path.join(work, 'proto.env');
    const tool = defineEnv({ name: 'proto', vars, file: f, environ: {} });
    for (const n of names) expect(tool.get(n)).toBe(`d-${n}`);
    const r = run(tool, ['-json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(Object.fromEntries(names.map((n) => [n, `d-${n}`])));

    expect(run(tool, ['-w', '__proto__=p', 'constructor=c'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.readFileSync(f, 'utf8')).toBe('__proto__=p\nconstructor=c\n');
    expect([tool.get('__proto__'), tool.get('constructor'), tool.get('toString')]).toEqual([
      'p',
      'c',
      'd-toString',
    ]);

    // Set in the OS environment (own properties), they win over the file, and -w warns as Go does.
    const environ = Object.fromEntries([
      ['__proto__', 'os-p'],
      ['toString', 'os-t'],
    ]);
    const os2 = defineEnv({ name: 'proto', vars, file: f, environ });
    expect([os2.get('__proto__'), os2.get('toString'), os2.get('constructor')]).toEqual([
      'os-p',
      'os-t',
      'c',
    ]);
    expect(os2.write({ toString: 'w' })).toEqual([
      'proto -w toString=... does not override conflicting OS environment variable',
    ]);
  });
});
