// Printing the 20 variables of gostd-env: formatJSON (Go's MarshalIndent conventions, byte for byte) against
// JSON.stringify(sorted object, null, '\t') (what one would write instead, which escapes neither <>& nor
// U+2028/2029), and formatShell against a naive `${k}="${v}"` join (Go 1.19's unsafe form).
import { bench, describe } from 'vitest';
import { formatJSON, formatShell, nodeEnv } from '../src/index';

const vars = nodeEnv({ HOME: '/home/gopher', GOSTDENV: 'off', NODE_OPTIONS: '--title=<a&b>' })
  .list()
  .map((v): [string, string] => [v.name, v.value]);

describe('JSON of 20 variables', () => {
  bench('formatJSON', () => {
    formatJSON(vars);
  });
  bench('JSON.stringify(sorted, null, "\\t")', () => {
    const o: Record<string, string> = {};
    for (const [k, v] of [...vars].sort((a, b) => (a[0] < b[0] ? -1 : 1))) o[k] = v;
    `${JSON.stringify(o, null, '\t')}\n`;
  });
});

describe('shell listing of 20 variables', () => {
  bench('formatShell', () => {
    formatShell(vars);
  });
  bench('naive KEY="value" join', () => {
    vars.map(([k, v]) => `${k}="${v}"\n`).join('');
  });
});
