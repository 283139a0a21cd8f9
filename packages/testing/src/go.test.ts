import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findGo, goAtLeast, goCandidates, goPath, goRun, goVersion, minGo, requireGo } from './go.mjs';

describe('finding Go', () => {
  it('prefers go.dev’s toolchain, then PATH, then Debian’s; $GOSTD_GO alone when set', () => {
    const c = goCandidates({ PATH: '/nonexistent' });
    expect(c[0]).toBe('/usr/local/go/bin/go');
    expect(c.at(-1)).toBe('/usr/lib/go/bin/go');
    expect(goCandidates({ GOSTD_GO: '/opt/go/bin/go' })).toEqual(['/opt/go/bin/go']);
  });
  it('takes the first candidate that is an executable file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-find-go-'));
    const plain = path.join(dir, 'plain');
    const exe = path.join(dir, 'exe');
    fs.writeFileSync(plain, '');
    fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
    expect(findGo([path.join(dir, 'missing'), dir, plain, exe])).toBe(exe);
    expect(findGo([path.join(dir, 'missing')])).toBeNull();
    fs.rmSync(dir, { recursive: true });
  });
  it.each([
    ['go1.26.8', true],
    ['go1.23', true],
    ['go1.23rc1', true],
    ['go1.22.12', false],
    ['go1.19.8', false],
    ['go2.0', true],
    ['devel go1.27-abcdef', true],
  ])('goAtLeast(%s, 1.23) is %s', (v, want) => {
    expect(goAtLeast(v, '1.23')).toBe(want);
  });
});

describe('requireGo', () => {
  it('fails under CI=true when the tests cannot run, and skips, saying why, otherwise', () => {
    expect(() => requireGo('a test needing Go 99', '99.0', { CI: 'true' })).toThrow(
      /a test needing Go 99 cannot run under CI=true: .*(no go command|these tests need Go >= 99\.0)/,
    );
    expect(requireGo('a test needing Go 99', '99.0', {})).toBe(false);
  });
  it.skipIf(!goPath())('passes with this machine’s Go when it is new enough', () => {
    expect(requireGo('anything', '1.0', { CI: 'true' })).toBe(true);
    expect(goVersion()).toMatch(/go\d+\.\d+/);
    expect(requireGo(`tests needing Go ${minGo}`)).toBe(goAtLeast(goVersion(), minGo));
  });
});

describe.skipIf(!requireGo('goRun'))('goRun', () => {
  it('builds a testdata program once and runs it with stdin', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-go-run-'));
    const file = path.join(dir, 'echo.go');
    fs.writeFileSync(
      file,
      'package main\nimport ("io"; "os"; "strings")\nfunc main() { b, _ := io.ReadAll(os.Stdin); os.Stdout.WriteString(strings.ToUpper(string(b)) + strings.Join(os.Args[1:], ",")) }\n',
    );
    expect(goRun(file, ['a', 'b'], 'hi ')).toBe('HI a,b');
    expect(goRun(file, [], 'x')).toBe('X');
    fs.rmSync(dir, { recursive: true });
  });
});
