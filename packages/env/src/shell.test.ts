import { describe, expect, it } from 'vitest';
import { batchEscape, formatShell, hasNonGraphic, powerShellQuote, shellQuote } from './shell';

describe('shellQuote', () => {
  // Go 1.21's shellQuote in src/cmd/go/internal/envcmd/env.go; Go 1.19 printed KEY="value" unescaped.
  it.each([
    ['', "''"],
    ['a b', "'a b'"],
    ["'", "''\\'''"],
    ['$HOME `x` "y" \\n', '\'$HOME `x` "y" \\n\''],
  ])('shellQuote(%j) = %s', (s, want) => {
    expect(shellQuote(s)).toBe(want);
  });
});

describe('powerShellQuote', () => {
  it.each([
    ['', "''"],
    ["it's", "'it''s'"],
    ['\u2018a\u2019\u201a\u201b', "'\u2018\u2018a\u2019\u2019\u201a\u201a\u201b\u201b'"],
    ['$env:X `n "q"', '\'$env:X `n "q"\''],
  ])('powerShellQuote(%j) = %s', (s, want) => {
    expect(powerShellQuote(s)).toBe(want);
  });
});

describe('batchEscape', () => {
  // Go 1.21's batchEscape (src/cmd/go/internal/envcmd/env.go), applied per character rather than per byte.
  it.each([
    ['%PATH%', '%%PATH%%', false],
    ['a<b>c|d&e^f', 'a^<b^>c^|d^&e^^f', false],
    ['line\r\nbreak', 'line\ufffd\ufffdbreak', true],
    ['tab\tok', 'tab\tok', false],
    ['bell\x07', 'bell\ufffd', true],
    ['café 日本', 'café 日本', false],
    ['\ud800', '\ufffd', true],
  ])('batchEscape(%j) = %j', (s, want, replaced) => {
    expect(batchEscape(s)).toBe(want);
    expect(hasNonGraphic(s)).toBe(replaced);
  });
});

describe('formatShell', () => {
  it('refuses a NUL, which no shell variable can hold, in Go words', () => {
    expect(() => formatShell([['K', 'a\0b']])).toThrow(
      'internal error: encountered null byte in environment variable K on non-plan9 platform',
    );
  });
  it('braces a PowerShell name that is not a plain word', () => {
    expect(formatShell([['A.B', 'x']], 'powershell')).toBe(`$\{env:A.B} = 'x'\n`);
  });
});
