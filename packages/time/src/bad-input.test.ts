// Every public entry checks its arguments at the call (issue 13, defect 8). TypeScript rules out a number
// where a Duration (a bigint) goes and a string where a callback goes, but JavaScript can pass them:
// before the checks `Duration.string(1.5)` printed "0.000000001s", `Duration.string('5')` printed "5ns",
// and `afterFunc(1n, 'x')` returned and crashed the process 1 ms later from inside a Node timer.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as time from './index';

const { Duration } = time;
type Loose = (...args: unknown[]) => unknown;
const loose = (f: unknown) => f as Loose;

const notBigint = [1.5, 5, 0, '5', '1s', null, undefined, {}, true, Number.NaN, [1n], () => 1n];
const outOfInt64 = [1n << 63n, -(1n << 63n) - 1n, 1n << 100n];
const notTime = [0n, 1, 'now', null, undefined, {}, new Date(0), { sec: 0n, nsec: 0 }];
const notFunction = ['x', 1, 1n, null, undefined, {}, [() => {}]];

const t = time.unix(1257894000n, 0n);
const dur = time.Second;

/** [entry, arguments with a hole at position at, position, what goes there] */
type Row = [
  name: string,
  call: (bad: unknown) => unknown,
  want: 'int64' | 'time' | 'function' | 'date' | 'int' | 'string' | 'location' | 'bytes',
];
const rows: Row[] = [
  ...(
    ['string', 'nanoseconds', 'microseconds', 'milliseconds', 'seconds', 'minutes', 'hours', 'abs'] as const
  ).map((m): Row => [`Duration.${m}(d)`, (v) => loose(Duration[m])(v), 'int64']),
  ['Duration.round(d, m)', (v) => loose(Duration.round)(v, dur), 'int64'],
  ['Duration.round(d, m) m', (v) => loose(Duration.round)(dur, v), 'int64'],
  ['Duration.truncate(d, m)', (v) => loose(Duration.truncate)(v, dur), 'int64'],
  ['Duration.truncate(d, m) m', (v) => loose(Duration.truncate)(dur, v), 'int64'],
  ['unix(sec, nsec) sec', (v) => loose(time.unix)(v, 0n), 'int64'],
  ['unix(sec, nsec) nsec', (v) => loose(time.unix)(0n, v), 'int64'],
  ['unixMilli', (v) => loose(time.unixMilli)(v), 'int64'],
  ['unixMicro', (v) => loose(time.unixMicro)(v), 'int64'],
  ['fromDate', (v) => loose(time.fromDate)(v), 'date'],
  ['t.add(d)', (v) => loose(t.add.bind(t))(v), 'int64'],
  ['t.truncate(d)', (v) => loose(t.truncate.bind(t))(v), 'int64'],
  ['t.round(d)', (v) => loose(t.round.bind(t))(v), 'int64'],
  ...(['sub', 'after', 'before', 'equal', 'compare'] as const).map(
    (m): Row => [`t.${m}(u)`, (v) => loose(t[m].bind(t))(v), 'time'],
  ),
  ['since(t)', (v) => loose(time.since)(v), 'time'],
  ['until(t)', (v) => loose(time.until)(v), 'time'],
  ['sleep(d)', (v) => loose(time.sleep)(v), 'int64'],
  ['after(d)', (v) => loose(time.after)(v), 'int64'],
  ['afterFunc(d, f) d', (v) => loose(time.afterFunc)(v, () => {}), 'int64'],
  ['afterFunc(d, f) f', (v) => loose(time.afterFunc)(1n, v), 'function'],
  [
    'timer.reset(d)',
    (v) => {
      const timer = time.afterFunc(time.Hour, () => {});
      try {
        return loose(timer.reset.bind(timer))(v);
      } finally {
        timer.stop();
      }
    },
    'int64',
  ],
  ['newTimer(d)', (v) => loose(time.newTimer)(v), 'int64'],
  ['newTicker(d)', (v) => loose(time.newTicker)(v), 'int64'],
  ['tick(d)', (v) => loose(time.tick)(v), 'int64'],
  [
    'ticker.reset(d)',
    (v) => {
      const ticker = time.newTicker(time.Hour);
      try {
        return loose(ticker.reset.bind(ticker))(v);
      } finally {
        ticker.stop();
      }
    },
    'int64',
  ],
  ...[0, 1, 2, 3, 4, 5, 6].map(
    (i): Row => [
      `date(...) argument ${i}`,
      (v) => {
        const args: unknown[] = [2020, 1, 1, 0, 0, 0, 0, time.UTC];
        args[i] = v;
        return loose(time.date)(...args);
      },
      'int',
    ],
  ),
  ['date(...) loc', (v) => loose(time.date)(2020, 1, 1, 0, 0, 0, 0, v), 'location'],
  ['t.in(loc)', (v) => loose(t.in.bind(t))(v), 'location'],
  ['t.addDate(y, m, d) y', (v) => loose(t.addDate.bind(t))(v, 0, 0), 'int'],
  ['t.addDate(y, m, d) d', (v) => loose(t.addDate.bind(t))(0, 0, v), 'int'],
  ['t.format(layout)', (v) => loose(t.format.bind(t))(v), 'string'],
  ['t.appendFormat(b, layout) b', (v) => loose(t.appendFormat.bind(t))(v, 'x'), 'string'],
  ['t.unmarshalJSON(data)', (v) => loose(t.unmarshalJSON.bind(t))(v), 'string'],
  ['t.unmarshalText(data)', (v) => loose(t.unmarshalText.bind(t))(v), 'string'],
  ['t.appendText(b)', (v) => loose(t.appendText.bind(t))(v), 'string'],
  ['t.appendBinary(b)', (v) => loose(t.appendBinary.bind(t))(v), 'bytes'],
  ['t.unmarshalBinary(data)', (v) => loose(t.unmarshalBinary.bind(t))(v), 'bytes'],
  ['t.gobDecode(data)', (v) => loose(t.gobDecode.bind(t))(v), 'bytes'],
  ['parse(layout, value) layout', (v) => loose(time.parse)(v, 'x'), 'string'],
  ['parse(layout, value) value', (v) => loose(time.parse)('x', v), 'string'],
  ['parseInLocation(..., loc)', (v) => loose(time.parseInLocation)('x', 'x', v), 'location'],
  ['loadLocation(name)', (v) => loose(time.loadLocation)(v), 'string'],
  ['fixedZone(name, offset) name', (v) => loose(time.fixedZone)(v, 0), 'string'],
  ['fixedZone(name, offset) offset', (v) => loose(time.fixedZone)('x', v), 'int'],
  ['loadLocationFromTZData(name, data)', (v) => loose(time.loadLocationFromTZData)('x', v), 'bytes'],
];

describe('every public entry rejects a wrong argument at the call', () => {
  const failures: string[] = [];
  function tryBad(name: string, call: (v: unknown) => unknown, bad: unknown, want: typeof Error) {
    let got: unknown;
    try {
      got = call(bad);
    } catch (e) {
      if (!(e instanceof want) || !/^time: .*must be/.test((e as Error).message))
        failures.push(`${name} with ${String(bad)}: ${(e as Error).name}: ${(e as Error).message}`);
      return;
    }
    if (got instanceof time.Timer || got instanceof time.Ticker) got.stop();
    if (got instanceof Promise) got.catch(() => {});
    failures.push(`${name} with ${typeof bad} ${String(bad)}: returned ${String(got)}`);
  }

  it(`${rows.length} entries x wrong types: TypeError; bigints outside int64: RangeError`, () => {
    for (const [name, call, want] of rows) {
      if (want === 'int64') {
        for (const bad of notBigint) tryBad(name, call, bad, TypeError);
        for (const bad of outOfInt64) tryBad(name, call, bad, RangeError);
      } else if (want === 'time') {
        for (const bad of notTime) tryBad(name, call, bad, TypeError);
      } else if (want === 'function') {
        for (const bad of notFunction) tryBad(name, call, bad, TypeError);
      } else if (want === 'int') {
        for (const bad of [1.5, '1', 1n, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, {}, 2 ** 53])
          tryBad(name, call, bad, TypeError);
      } else if (want === 'string') {
        for (const bad of [1, 1n, null, undefined, {}, ['x'], t]) tryBad(name, call, bad, TypeError);
      } else if (want === 'location') {
        for (const bad of ['UTC', 'Europe/Dublin', 0, {}, t]) tryBad(name, call, bad, TypeError);
      } else if (want === 'bytes') {
        for (const bad of ['TZif', [84, 90], null, {}, new ArrayBuffer(4)])
          tryBad(name, call, bad, TypeError);
      } else {
        for (const bad of [0, '2017-01-01', null, {}, t]) tryBad(name, call, bad, TypeError);
      }
    }
    expect(failures).toEqual([]);
  });

  it('says what it wanted and what it got', () => {
    expect(() => Duration.string(1.5 as unknown as bigint)).toThrow(
      new TypeError('time: Duration.string: d must be a Duration (a bigint in int64 range); got 1.5'),
    );
    expect(() => Duration.string('5' as unknown as bigint)).toThrow(
      new TypeError(
        'time: Duration.string: d must be a Duration (a bigint in int64 range); got "5" (a string)',
      ),
    );
    expect(() => time.afterFunc(1n, 'x' as unknown as () => void)).toThrow(
      new TypeError('time: afterFunc: f must be a function; got "x" (a string)'),
    );
  });
});

describe('afterFunc with a bad callback', () => {
  it('throws at the call and arms no timer: the process lives on', () => {
    // A child process, so that a crash from a timer (what happened before the check) cannot take the
    // test runner down with it; it runs the built package, as users do.
    const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/index.js');
    const script = `
      const { afterFunc } = await import(${JSON.stringify(dist)});
      try { afterFunc(1n, 'x'); console.log('returned'); } catch (e) { console.log(e.name); }
      setTimeout(() => console.log('alive'), 30);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out).toBe('TypeError\nalive\n');
  });
});
