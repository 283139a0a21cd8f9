// Every exported function checks its arguments at the call (issue 13, defect 8): what TypeScript's types
// rule out, a JavaScript caller can still pass. A value of the wrong JavaScript type, a fraction, NaN or
// ±Infinity throws a TypeError; an integer of the right type outside the Go type's range (a negative, or
// 2^N and above) throws a RangeError. Both messages name the function and the argument. Before the
// checks, JavaScript's conversions turned such values into some other number and answered silently.
import { describe, expect, it } from 'vitest';
import * as bits from './index';

const loose = bits as unknown as Record<string, (...args: unknown[]) => unknown>;

type Kind = 'u8' | 'u16' | 'u32' | 'u64' | 'int';

/** Each exported function's parameters, by Go type, with its name for the messages. */
const params: Record<string, [name: string, kind: Kind][]> = {};
const x = (kind: Kind): [string, Kind][] => [['x', kind]];
for (const [w, kind] of [
  ['8', 'u8'],
  ['16', 'u16'],
  ['32', 'u32'],
  ['64', 'u64'],
  ['', 'u64'],
] as const) {
  for (const f of ['leadingZeros', 'trailingZeros', 'onesCount', 'len', 'reverse'])
    params[`${f}${w}`] = x(kind);
  params[`rotateLeft${w}`] = [...x(kind), ['k', 'int']];
  if (w !== '8') params[`reverseBytes${w}`] = x(kind);
  if (w === '32' || w === '64' || w === '') {
    params[`add${w}`] = [
      ['x', kind],
      ['y', kind],
      ['carry', kind],
    ];
    params[`sub${w}`] = [
      ['x', kind],
      ['y', kind],
      ['borrow', kind],
    ];
    params[`mul${w}`] = [
      ['x', kind],
      ['y', kind],
    ];
    params[`div${w}`] = [
      ['hi', kind],
      ['lo', kind],
      ['y', kind],
    ];
    params[`rem${w}`] = [
      ['hi', kind],
      ['lo', kind],
      ['y', kind],
    ];
  }
}
delete params.reverseBytes;
params.reverseBytes = x('u64');

/** A valid argument for each position: hi 0 and y 3 keep div from panicking. */
function valid(name: string): unknown[] {
  return params[name]!.map(([arg, kind]) => {
    const v = arg === 'hi' ? 0 : arg === 'y' ? 3 : 1;
    return kind === 'u64' ? BigInt(v) : v;
  });
}

const max: Record<Kind, number | bigint> = {
  u8: 255,
  u16: 65535,
  u32: 2 ** 32 - 1,
  u64: 2n ** 64n - 1n,
  int: 0,
};
const wrongType: Record<Kind, unknown[]> = {
  u8: ['5', 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1n, null, undefined, {}, true, [1]],
  u16: ['5', 0.5, Number.NaN, Number.NEGATIVE_INFINITY, 1n, null, undefined, {}, true],
  u32: ['5', '0x10', 1.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY, 1n, null, undefined, {}, true],
  u64: [1, 0, '5', 1.5, true, null, undefined, {}, { valueOf: () => 1n }, [1n]],
  int: ['1', 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1n, null, undefined, 2 ** 53, -(2 ** 60)],
};
const outOfRange: Record<Kind, unknown[]> = {
  u8: [-1, 256, 2 ** 31, -(2 ** 40)],
  u16: [-1, 65536, 2 ** 32],
  u32: [-1, 2 ** 32, 2 ** 52, -(2 ** 31)],
  u64: [-1n, 2n ** 64n, 2n ** 70n, -(2n ** 63n)],
  int: [],
};

describe('every export checks every argument', () => {
  it('the table lists every exported function', () => {
    const functions = Object.keys(bits).filter((k) => typeof loose[k] === 'function' && k !== 'RuntimeError');
    expect(functions.sort()).toEqual(Object.keys(params).sort());
  });

  const cases: [string, number, unknown, typeof TypeError | typeof RangeError][] = [];
  for (const name of Object.keys(params)) {
    params[name]!.forEach(([, kind], i) => {
      for (const bad of wrongType[kind]) cases.push([name, i, bad, TypeError]);
      for (const bad of outOfRange[kind]) cases.push([name, i, bad, RangeError]);
    });
  }

  it(`${cases.length} bad arguments throw a TypeError or RangeError naming the function and argument`, () => {
    const failures: string[] = [];
    for (const [name, i, bad, want] of cases) {
      const args = valid(name);
      args[i] = bad;
      const [arg] = params[name]![i]!;
      try {
        const got = loose[name]!(...args);
        failures.push(`${name} with ${arg} = ${String(bad)}: returned ${String(got)}`);
      } catch (e) {
        const err = e as Error;
        if (!(err instanceof want) || !err.message.includes(`${arg} must be`))
          failures.push(`${name} with ${arg} = ${String(bad)}: ${err.name}: ${err.message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the message says what was expected and what came', () => {
    expect(() => bits.leadingZeros32('5' as unknown as number)).toThrow(
      new TypeError(
        'math/bits: leadingZeros32: x must be a uint32, an integer number in [0, 4294967295]; got "5" (a string)',
      ),
    );
    expect(() => bits.onesCount64(2n ** 64n)).toThrow(
      new RangeError(
        'math/bits: onesCount64: x must be a uint64, a bigint in [0, 2^64-1]; got 18446744073709551616n',
      ),
    );
    expect(() => bits.rotateLeft8(1, 0.5)).toThrow(
      new TypeError('math/bits: rotateLeft8: k must be an int, a safe integer number; got 0.5'),
    );
  });

  it('the ends of every range are accepted', () => {
    for (const name of Object.keys(params)) {
      params[name]!.forEach(([arg, kind], i) => {
        if (kind === 'int' || arg === 'y' || arg === 'hi') return;
        for (const v of [kind === 'u64' ? 0n : 0, max[kind]]) {
          const args = valid(name);
          args[i] = v;
          expect(() => loose[name]!(...args), `${name} ${arg}=${v}`).not.toThrow();
        }
      });
    }
    expect(bits.div64(2n ** 64n - 2n, 2n ** 64n - 1n, 2n ** 64n - 1n)).toEqual([
      2n ** 64n - 1n,
      2n ** 64n - 2n,
    ]);
    expect(bits.rotateLeft32(1, -1)).toBe(2 ** 31);
    expect(bits.rotateLeft64(1n, 2 ** 40 + 1)).toBe(2n);
    expect(bits.leadingZeros16(-0)).toBe(16);
  });
});

describe('the shared scratch', () => {
  it('never sees an object: one whose conversion calls the package again is rejected at the call', () => {
    // A BigUint64Array store would convert an object through Symbol.toPrimitive, which could run code that
    // uses the same scratch cells; the type check refuses the object before any store.
    let converted = 0;
    const sneaky = {
      [Symbol.toPrimitive]: () => {
        converted++;
        bits.div64(5n, 6n, 7n);
        return 1n;
      },
    } as unknown as bigint;
    expect(() => bits.div64(sneaky, 2n, 3n)).toThrow(TypeError);
    expect(() => bits.mul64(2n, sneaky)).toThrow(TypeError);
    expect(() => bits.rotateLeft64(sneaky, 1)).toThrow(TypeError);
    expect(converted).toBe(0);
  });
});
