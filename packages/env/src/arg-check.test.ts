// What a JavaScript caller can pass that a TypeScript caller cannot: every public entry throws a TypeError at
// the call, naming the function and the argument, instead of printing or writing a value turned into text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as env from './index';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-env-args-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: the point is calling with what the types forbid.
const js = env as any;
const file = path.join(tmp, 'env');
const good = { name: 't', file, vars: { A: {} }, environ: {} };
const tool = js.defineEnv(good);

describe('public functions refuse what their types refuse', () => {
  it.each([
    ['shellQuote(5)', () => js.shellQuote(5), 'shellQuote: s must be a string, not number'],
    [
      'powerShellQuote(null)',
      () => js.powerShellQuote(null),
      'powerShellQuote: s must be a string, not null',
    ],
    ['batchEscape([])', () => js.batchEscape([]), 'batchEscape: s must be a string, not an array'],
    [
      'formatShell(5)',
      () => js.formatShell(5),
      'formatShell: vars must be an iterable of [name, value] pairs',
    ],
    ['formatShell("AB")', () => js.formatShell('AB'), 'formatShell: vars must be an iterable'],
    ['formatShell([["A", 1]])', () => js.formatShell([['A', 1]]), 'formatShell: vars[0][1] must be a string'],
    ['formatShell([], "bash")', () => js.formatShell([], 'bash'), `formatShell: shell must be one of 'sh'`],
    [
      'formatJSON({})',
      () => js.formatJSON({}),
      'formatJSON: entries must be an iterable of [name, value] pairs',
    ],
    [
      'formatJSON([["A", 1.5]])',
      () => js.formatJSON([['A', 1.5]]),
      'formatJSON: entries[0][1] must be a string',
    ],
    [
      'formatJSON([], "go1.0")',
      () => js.formatJSON([], 'go1.0'),
      `formatJSON: escapes must be one of 'go1.22'`,
    ],
    [
      'parseEnvFile(Buffer)',
      () => js.parseEnvFile(Buffer.from('A=1')),
      'parseEnvFile: text must be a string',
    ],
    ['parseEnvFile("", 1)', () => js.parseEnvFile('', 1), 'parseEnvFile: file must be a string, not number'],
    [
      'updateEnvFile("", {A: 1})',
      () => js.updateEnvFile('', { A: 1 }),
      'updateEnvFile: add["A"] must be a string',
    ],
    [
      'updateEnvFile("", {}, "A")',
      () => js.updateEnvFile('', {}, 'A'),
      'updateEnvFile: del must be an array',
    ],
    [
      'updateEnvFile("", {}, [1])',
      () => js.updateEnvFile('', {}, [1]),
      'updateEnvFile: del[0] must be a string',
    ],
    ['envFilePath(null)', () => js.envFilePath(null), 'envFilePath: environ must be an object, not null'],
    [
      'envFilePath({HOME: 1})',
      () => js.envFilePath({ HOME: 1 }),
      'envFilePath: environ["HOME"] must be a string',
    ],
    ['envFilePath({}, 3)', () => js.envFilePath({ HOME: '/h' }, 3), 'envFilePath: platform must be a string'],
    ['nodeEnv("x")', () => js.nodeEnv('x'), 'nodeEnv: environ must be an object, not string'],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });
});

describe('defineEnv and Env refuse what their types refuse', () => {
  it.each([
    ['no options', () => js.defineEnv(), 'defineEnv: opts must be an object, not undefined'],
    ['a name that is not a string', () => js.defineEnv({ ...good, name: 1 }), 'defineEnv: opts.name must be'],
    ['a file that is a number', () => js.defineEnv({ ...good, file: 1 }), 'defineEnv: opts.file'],
    [
      'vars that are an array',
      () => js.defineEnv({ ...good, vars: [] }),
      'defineEnv: opts.vars must be an object',
    ],
    [
      'a var that is a string',
      () => js.defineEnv({ ...good, vars: { A: 'x' } }),
      'opts.vars.A must be an object',
    ],
    ['a default number', () => js.defineEnv({ ...good, vars: { A: { default: 4 } } }), 'opts.vars.A.default'],
    [
      'readOnly "yes"',
      () => js.defineEnv({ ...good, vars: { A: { readOnly: 'yes' } } }),
      'A.readOnly must be a',
    ],
    [
      'osOnly 1',
      () => js.defineEnv({ ...good, vars: { A: { osOnly: 1 } } }),
      'opts.vars.A.osOnly must be a boolean',
    ],
    [
      'validate a regexp',
      () => js.defineEnv({ ...good, vars: { A: { validate: /x/ } } }),
      'A.validate must be a',
    ],
    [
      'check a string',
      () => js.defineEnv({ ...good, check: 'x' }),
      'defineEnv: opts.check must be a function',
    ],
    [
      'environ with a number',
      () => js.defineEnv({ ...good, environ: { A: 1 } }),
      'opts.environ["A"] must be',
    ],
    ['get(1)', () => tool.get(1), 'get: key must be a string, not number'],
    ['write({A: 1})', () => tool.write({ A: 1 }), 'write: add["A"] must be a string, not number'],
    ['write("A=1")', () => tool.write('A=1'), 'write: add must be an object, not string'],
    ['unset("A")', () => tool.unset('A'), 'unset: keys must be an array of strings, not string'],
    ['cli("-json")', () => tool.cli('-json'), 'cli: argv must be an array of strings, not string'],
    ['cli([], {stdout: 1})', () => tool.cli([], { stdout: 1 }), 'cli: io.stdout must be a function'],
    ['cli([], {shell: "zsh"})', () => tool.cli([], { shell: 'zsh' }), `cli: io.shell must be one of 'sh'`],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  it('refuses what a default, validate or check function returns that is not a string', () => {
    const t = js.defineEnv({
      ...good,
      vars: { A: { default: () => 4 }, B: { validate: (v: string) => v === 'ok' }, C: {} },
      check: (get: (k: string) => string) => get('C') === 'ok',
    });
    expect(() => t.get('A')).toThrow(new TypeError('t: a default function returned number, not a string'));
    expect(() => t.write({ B: 'no' })).toThrow(
      new TypeError('validate of B returned boolean, not a string or undefined'),
    );
    expect(() => t.write({ C: 'no' })).toThrow(
      new TypeError('check returned boolean, not a string or undefined'),
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  it('accepts what the types accept', () => {
    expect(() => js.formatShell(new Map([['A', '1']]), 'powershell')).not.toThrow();
    expect(js.envFilePath({ HOME: '/h', XDG_CONFIG_HOME: undefined }, 'linux')).toBe('/h/.config/gostd/env');
    expect(tool.write({ A: '1' })).toEqual([]);
    tool.unset(new Set(['A']));
    expect(tool.cli(['A'], { stdout: () => {}, shell: 'cmd' })).toBe(0);
  });
});
