// What TypeScript's types rule out but a JavaScript caller can pass: every
// public entry throws a TypeError at the call (issue 13), never later from a
// timer, a profile write or a request.
import { describe, expect, it } from 'vitest';
import { handler } from './http';
import * as pprof from './index';

const sink = { write: () => true };
const set = pprof.labels('k', 'v');
const call =
  (f: (...a: never[]) => unknown, ...args: unknown[]) =>
  () =>
    (f as (...a: unknown[]) => unknown)(...args);

const bad: [what: string, fn: () => unknown, message: RegExp][] = [
  ['labels with a number value', call(pprof.labels, 'k', 1), /keys and values must be strings/],
  ['labels with a symbol key', call(pprof.labels, Symbol('k'), 'v'), /keys and values must be strings/],
  ['labels with an object value', call(pprof.labels, 'k', {}), /keys and values must be strings/],
  ['do with a non-function', call(pprof.do, set, 'x'), /pprof.do: fn must be a function, got string "x"/],
  ['do with a plain object as set', call(pprof.do, { k: 'v' }, () => 0), /pprof.do: want a LabelSet/],
  ['do with a set holding a number', call(pprof.do, { list: [['k', 1]] }, () => 0), /want a LabelSet/],
  ['do with an array of strings as set', call(pprof.do, ['k', 'v'], () => 0), /want a LabelSet/],
  ['withLabels with a string', call(pprof.withLabels, 'k=v'), /pprof.withLabels: want a LabelSet/],
  ['withLabels with a bad parent', call(pprof.withLabels, set, { labels: {} }), /want a LabelContext/],
  [
    'withLabels with a parent holding numbers',
    call(pprof.withLabels, set, { labels: new Map([['a', 1]]) }),
    /labels must map strings to strings/,
  ],
  ['label with a number key', call(pprof.label, 1), /pprof.label: key must be a string, got number 1/],
  ['label with a string context', call(pprof.label, 'k', 'ctx'), /pprof.label: want a LabelContext/],
  ['forLabels with a non-function', call(pprof.forLabels, 'f'), /pprof.forLabels: f must be a function/],
  ['setGoroutineLabels with a LabelSet', call(pprof.setGoroutineLabels, set), /want a LabelContext/],
  ['setGoroutineLabels with a number', call(pprof.setGoroutineLabels, 5), /want a LabelContext/],
  ['startCPUProfile without a writer', call(pprof.startCPUProfile), /w must be a Writer/],
  ['startCPUProfile with a path', call(pprof.startCPUProfile, '/tmp/cpu.pprof'), /w must be a Writer/],
  [
    'startCPUProfile with write not a function',
    call(pprof.startCPUProfile, { write: 1 }),
    /w must be a Writer/,
  ],
  [
    'startCPUProfile with options a number',
    call(pprof.startCPUProfile, sink, 100),
    /options must be an object/,
  ],
  [
    'startCPUProfile with hz a string',
    call(pprof.startCPUProfile, sink, { hz: '100' }),
    /hz must be a number/,
  ],
  ['writeHeapProfile without a writer', call(pprof.writeHeapProfile), /w must be a Writer/],
  [
    'writeHeapProfile with gc "yes"',
    call(pprof.writeHeapProfile, sink, { gc: 'yes' }),
    /gc must be a boolean/,
  ],
  ['setMemProfileRate with a string', call(pprof.setMemProfileRate, '1024'), /rate must be a number/],
  ['setMemProfileRate with a bigint', call(pprof.setMemProfileRate, 1024n), /rate must be a number/],
  ['handler with options a string', call(handler, '/debug'), /handler options must be an object/],
  [
    'handler with prefix a number',
    call(handler, { prefix: 1 }),
    /prefix must be a string starting with '\/'/,
  ],
  ['handler with prefix not starting with /', call(handler, { prefix: 'debug' }), /prefix must be a string/],
  ['handler with maxSeconds a string', call(handler, { maxSeconds: '30' }), /maxSeconds must be a number/],
  ['handler with hz a string', call(handler, { hz: '100' }), /hz must be a number/],
];

describe('public entries check their arguments', () => {
  it.each(bad)('%s: TypeError at the call', (_, fn, message) => {
    expect(fn).toThrow(TypeError);
    expect(fn).toThrow(message);
  });

  it('names undefined once', () => {
    // Before: "got undefined undefined".
    expect(call(pprof.withLabels, undefined)).toThrow(
      /^pprof\.withLabels: want a LabelSet made by labels\(\), got undefined$/,
    );
    expect(call(pprof.do, undefined, () => 0)).toThrow(/got undefined$/);
  });

  it('leaves nothing behind after a refused call', async () => {
    expect(call(pprof.do, set, 'x')).toThrow(TypeError);
    expect(pprof.label('k')).toEqual(['', false]);
    expect(call(pprof.startCPUProfile, sink, { hz: '1' })).toThrow(TypeError);
    pprof.startCPUProfile(sink); // not left "already in use"
    await pprof.stopCPUProfile();
  });

  it('accepts a LabelSet and a LabelContext from another copy of the package', () => {
    const foreignSet = { list: [['k', 'v']] };
    const foreignCtx = { labels: new Map([['a', 'b']]), toString: () => '' };
    expect(pprof.do(foreignSet as never, () => pprof.label('k'))).toEqual(['v', true]);
    expect(pprof.label('a', foreignCtx)).toEqual(['b', true]);
  });
});
