// Time tests ported as data from Go 1.19's $GOROOT/src/time/mono_test.go (TestHasMonotonicClock,
// TestMonotonicAdd, TestMonotonicSub, TestMonotonicOverflow, monotonicStringTests) and
// $GOROOT/src/time/time_test.go (subTests, truncateRoundTests and TestTruncateRound's exhaustive and
// random cases, with a seeded generator instead of testing/quick).
import { SplitMix64 } from '@gostd/testing';
import { describe, expect, it } from 'vitest';
import { monoStart } from './clock';
import { Duration, Hour, Millisecond, Minute, maxDuration, minDuration, Second } from './duration';
import { now, since, until } from './now';
import { after, sleep } from './sleep';
import { fromDate, maxWall, minWall, Time, unix, unixMicro, unixMilli, unixToInternal } from './time';

/** Go's export_test SetMono: gives t a monotonic reading m, a no-op when the wall time cannot hold one. */
function setMono(t: Time, m: bigint): Time {
  if (t.sec < minWall || t.sec > maxWall) return t;
  return new Time(t.sec, t.nsec, m + monoStart, true);
}
/** Go's export_test GetMono: the monotonic reading, 0 when absent. */
function getMono(t: Time): bigint {
  return t.hasMono ? t.mono - monoStart : 0n;
}
/** Go's Date(year, month, day, hour, min, sec, nsec, UTC) for the years these tests use. */
function date(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ns = 0): Time {
  const js = new Date(0);
  js.setUTCFullYear(y, mo - 1, d);
  js.setUTCHours(h, mi, s, 0);
  return unix(BigInt(js.getTime() / 1000), BigInt(ns));
}
/** Go's == on Time values (same instant representation and monotonic reading; all our times are UTC). */
function same(a: Time, b: Time): boolean {
  return a.sec === b.sec && a.nsec === b.nsec && a.hasMono === b.hasMono && a.mono === b.mono;
}

describe('mono_test.go', () => {
  it('TestHasMonotonicClock', async () => {
    expect(getMono(await after(1n))).not.toBe(0n); // <-After(1)
    expect(getMono(date(2009, 11, 23))).toBe(0n);
    expect(getMono(unix(1486057371n, 0n))).toBe(0n);
    expect(getMono(now())).not.toBe(0n);
    const tu = unix(1486057371n, 0n);
    const tm = setMono(tu, 123456n);
    expect(getMono(tu)).toBe(0n);
    expect(getMono(tm)).toBe(123456n);
    expect(getMono(tu.add(1n))).toBe(0n);
    expect(getMono(tu.round(2n))).toBe(0n);
    expect(getMono(tu.truncate(2n))).toBe(0n);
    expect(getMono(tm.add(1n))).not.toBe(0n);
    expect(getMono(tm.round(2n))).toBe(0n);
    expect(getMono(tm.truncate(2n))).toBe(0n);
    expect(getMono(tm.round(0n))).toBe(0n);
    expect(getMono(fromDate(new Date()))).toBe(0n);
    expect(getMono(unixMilli(1486057371000n))).toBe(0n);
    expect(getMono(unixMicro(1486057371000000n))).toBe(0n);
  });

  it('TestMonotonicAdd', async () => {
    const tm = setMono(unix(1486057371n, 123456n), 123456789012345n);
    const t2 = tm.add(100_000_000n);
    expect(t2.nsec).toBe(100123456);
    expect(getMono(t2)).toBe(123456889012345n);
    const t3 = tm.add(-9_000_000_000_000_000_000n); // wall now out of range
    expect(t3.nsec).toBe(123456);
    expect(getMono(t3)).toBe(0n);
    const t4 = tm.add(9_000_000_000_000_000_000n); // wall now out of range
    expect(t4.nsec).toBe(123456);
    expect(getMono(t4)).toBe(0n);

    const tn = now();
    const tn1 = tn.add(1n * Hour);
    await sleep(100n * Millisecond);
    expect(until(tn1)).toBeGreaterThanOrEqual(59n * Minute);
    const n = now();
    expect(n.after(tn1)).toBe(false);
    expect(tn1.after(n)).toBe(true);
    expect(tn1.before(n)).toBe(false);
    expect(n.before(tn1)).toBe(true);
  });

  it('TestMonotonicSub', () => {
    const t1 = setMono(unix(1483228799n, 995_000_000n), 123456789012345n);
    const t2 = setMono(unix(1483228799n, 5_000_000n), 123456789012345n + 10_000_000n);
    const t3 = setMono(unix(1483228799n, 995_000_000n), 123456789012345n + 1_000_000_000n);
    const t1w = t1.round(0n);
    const t2w = t2.round(0n);
    const t3w = t3.round(0n);
    for (const w of [t1w, t2w, t3w]) expect(getMono(w)).toBe(0n);
    const ms = Millisecond;
    const sub = (tx: Time, txw: Time, ty: Time, tyw: Time, d: bigint, dw: bigint) => {
      expect(tx.sub(ty)).toBe(d);
      expect(txw.sub(ty)).toBe(dw);
      expect(tx.sub(tyw)).toBe(dw);
      expect(txw.sub(tyw)).toBe(dw);
    };
    sub(t1, t1w, t1, t1w, 0n, 0n);
    sub(t1, t1w, t2, t2w, -10n * ms, 990n * ms);
    sub(t1, t1w, t3, t3w, -1000n * ms, 0n);
    sub(t2, t2w, t1, t1w, 10n * ms, -990n * ms);
    sub(t2, t2w, t2, t2w, 0n, 0n);
    sub(t2, t2w, t3, t3w, -990n * ms, -990n * ms);
    sub(t3, t3w, t1, t1w, 1000n * ms, 0n);
    sub(t3, t3w, t2, t2w, 990n * ms, 990n * ms);
    sub(t3, t3w, t3, t3w, 0n, 0n);

    const cmp = (tx: Time, txw: Time, ty: Time, tyw: Time, c: number, cw: number) => {
      const pairs: [Time, Time, number][] = [
        [tx, ty, c],
        [txw, ty, cw],
        [tx, tyw, cw],
        [txw, tyw, cw],
      ];
      for (const [a, b, want] of pairs) {
        expect(a.after(b)).toBe(want > 0);
        expect(a.before(b)).toBe(want < 0);
        expect(a.equal(b)).toBe(want === 0);
        expect(a.compare(b)).toBe(want);
      }
    };
    cmp(t1, t1w, t1, t1w, 0, 0);
    cmp(t1, t1w, t2, t2w, -1, +1);
    cmp(t1, t1w, t3, t3w, -1, 0);
    cmp(t2, t2w, t1, t1w, +1, -1);
    cmp(t2, t2w, t2, t2w, 0, 0);
    cmp(t2, t2w, t3, t3w, -1, -1);
    cmp(t3, t3w, t1, t1w, +1, 0);
    cmp(t3, t3w, t2, t2w, +1, +1);
    cmp(t3, t3w, t3, t3w, 0, 0);
  });

  it('TestMonotonicOverflow', async () => {
    let t1 = now().add(-30n * Second);
    let d = until(t1);
    expect(d >= -35n * Second && d <= -30n * Second).toBe(true);
    t1 = now().add(30n * Second);
    d = until(t1);
    expect(d >= 25n * Second && d <= 30n * Second).toBe(true);

    const t0 = now();
    t1 = t0.add(maxDuration);
    expect(getMono(t1)).toBe(0n);
    let t2 = t1.add(-maxDuration);
    d = since(t2);
    expect(d >= -10n * Second && d <= 10n * Second).toBe(true);

    t1 = now().add(1n * Hour);
    await sleep(100n * Millisecond);
    t2 = now().add(-5n * Second);
    expect(t1.after(t2)).toBe(true);
    expect(t2.after(t1)).toBe(false);
    expect(t1.before(t2)).toBe(false);
    expect(t2.before(t1)).toBe(true);
  });

  const monotonicStringTests: [bigint, string][] = [
    [0n, 'm=+0.000000000'],
    [123456789n, 'm=+0.123456789'],
    [-123456789n, 'm=-0.123456789'],
    [123456789000n, 'm=+123.456789000'],
    [-123456789000n, 'm=-123.456789000'],
    [9_000_000_000_000_000_000n, 'm=+9000000000.000000000'],
    [-9_000_000_000_000_000_000n, 'm=-9000000000.000000000'],
    [-(1n << 63n), 'm=-9223372036.854775808'],
  ];
  it.each(monotonicStringTests)('TestMonotonicString mono=%s', (mono, want) => {
    const s = setMono(now(), mono).string();
    expect(s.slice(s.lastIndexOf(' ') + 1)).toBe(want);
  });
});

describe('time_test.go TestSub (subTests)', () => {
  const MinMonoTime = setMono(new Time(minWall, 0), -(1n << 63n));
  const MaxMonoTime = setMono(new Time(minWall, 0), (1n << 63n) - 1n);
  const subTests: [Time, Time, bigint][] = [
    [new Time(), new Time(), 0n],
    [date(2009, 11, 23, 0, 0, 0, 1), date(2009, 11, 23, 0, 0, 0, 0), 1n],
    [date(2009, 11, 23), date(2009, 11, 24), -24n * Hour],
    [date(2009, 11, 24), date(2009, 11, 23), 24n * Hour],
    [date(-2009, 11, 24), date(-2009, 11, 23), 24n * Hour],
    [new Time(), date(2109, 11, 23), minDuration],
    [date(2109, 11, 23), new Time(), maxDuration],
    [new Time(), date(-2109, 11, 23), maxDuration],
    [date(-2109, 11, 23), new Time(), minDuration],
    [date(2290, 1, 1), date(2000, 1, 1), 290n * 365n * 24n * Hour + 71n * 24n * Hour],
    [date(2300, 1, 1), date(2000, 1, 1), maxDuration],
    [date(2000, 1, 1), date(2290, 1, 1), -290n * 365n * 24n * Hour - 71n * 24n * Hour],
    [date(2000, 1, 1), date(2300, 1, 1), minDuration],
    [date(2311, 11, 26, 2, 16, 47, 63535996), date(2019, 8, 16, 2, 29, 30, 268436582), 9223372036795099414n],
    [MinMonoTime, MaxMonoTime, minDuration],
    [MaxMonoTime, MinMonoTime, maxDuration],
  ];
  it.each(subTests.map((row, i) => [i, ...row] as const))('#%i', (_i, t, u, d) => {
    expect(t.sub(u)).toBe(d);
  });
});

describe('time_test.go TestTruncateRound', () => {
  const unixToZero = -unixToInternal;
  const check = (ti: bigint, tns: bigint, di: bigint) => {
    const t0 = unix(ti, tns);
    let d = di < 0n ? -di : di;
    if (d <= 0n) d = 1n;
    const bt = t0.sec * Second + BigInt(t0.nsec); // absolute nanoseconds since the zero time
    let r = bt % d;
    if (r < 0n) r += d;
    let t1 = t0.add(-r);
    const trunc = t0.truncate(d);
    if (!same(trunc, t1)) throw new Error(`Truncate(${t0}, ${Duration.string(d)}) = ${trunc}, want ${t1}`);
    if (r > d / 2n || r + r === d) t1 = t1.add(d);
    const rnd = t0.round(d);
    if (!same(rnd, t1)) throw new Error(`Round(${t0}, ${Duration.string(d)}) = ${rnd}, want ${t1}`);
  };

  it('truncateRoundTests', () => {
    const rows: [Time, bigint][] = [
      [date(-1, 1, 1, 12, 15, 30, 5e8), 3n],
      [date(-1, 1, 1, 12, 15, 31, 5e8), 3n],
      [date(2012, 1, 1, 12, 15, 30, 5e8), Second],
      [date(2012, 1, 1, 12, 15, 31, 5e8), Second],
      [unix(-19012425939n, 649146258n), 7435029458905025217n], // 5.8*d rounds to 6*d, but .8*d+.8*d < 0 < d
    ];
    for (const [t, d] of rows) check(t.unix(), BigInt(t.nsec), d);
  });

  it('exhaustive near 0', () => {
    for (let i = 0n; i < 100n; i++) {
      for (let j = 1n; j < 100n; j++) {
        check(unixToZero, i, j);
        check(unixToZero, -i, j);
      }
    }
  });

  // Seeded: a reproducible stand-in for testing/quick's random int64s.
  const random = new SplitMix64(0x9e3779b97f4a7c15n);
  const int64 = () => random.int64();
  const int32 = () => BigInt.asIntN(32, int64());
  const count = 3000;

  it(`divisors of Second (${count} seeded cases)`, () => {
    for (let n = 0; n < count; n++) {
      const logdi = int32();
      let d = 1n << (logdi % 9n < 0n ? -(-logdi % 9n) : logdi % 9n);
      const b = Number((logdi >> 16n) % 9n);
      for (let i = 0; i < b; i++) d *= 5n;
      check(int64() >> 1n, int32(), d < 1n ? 1n : d);
    }
  });
  it(`multiples of Second (${count} seeded cases)`, () => {
    for (let n = 0; n < count; n++) check(int64() >> 1n, int32(), int32() * Second);
  });
  it(`halfway cases (${count} seeded cases)`, () => {
    for (let n = 0; n < count; n++) {
      let tns = int64();
      let di = int64() & 0xfffffffen;
      if (di === 0n) di = 2n;
      tns -= tns % di;
      tns = tns < 0n ? tns + di / 2n : tns - di / 2n;
      check(0n, tns, di);
    }
  });
  it(`full generality (${count} seeded cases)`, () => {
    for (let n = 0; n < count; n++) check(int64() >> 1n, int32(), int64());
  });
});

describe('Time basics', () => {
  it('unix normalizes nsec as Go does and rejects non-int64 arguments', () => {
    expect(unix(0n, -1n).unixNano()).toBe(-1n);
    expect(unix(1n, 2_500_000_000n).string()).toBe('1970-01-01 00:00:03.5 +0000 UTC');
    expect(unix(0n, -2_500_000_000n).string()).toBe('1969-12-31 23:59:57.5 +0000 UTC');
    expect(() => unix(1n << 63n, 0n)).toThrow(RangeError);
    expect(() => unix(0 as unknown as bigint, 0n)).toThrow(TypeError);
  });
  it('string prints years outside 0..9999 as Go does', () => {
    expect(date(-1, 1, 1, 12, 15, 30, 5e8).string()).toBe('-0001-01-01 12:15:30.5 +0000 UTC');
    expect(unix(253402300800n, 0n).string()).toBe('10000-01-01 00:00:00 +0000 UTC');
  });
  it('now() carries a monotonic reading only inside years 1885..2157, like Go', () => {
    const t = now();
    expect(t.hasMono).toBe(true);
    expect(t.add(200n * 365n * 24n * Hour).hasMono).toBe(false);
  });
  it('fromDate/toDate round-trip milliseconds and reject what Date cannot hold', () => {
    const d = new Date('2017-01-01T00:00:00.123Z');
    expect(fromDate(d).toDate().getTime()).toBe(d.getTime());
    expect(() => fromDate(new Date(Number.NaN))).toThrow('invalid Date');
    expect(() => unix(1n << 50n, 0n).toDate()).toThrow(RangeError);
    expect(unix(-1n, 999_999_999n).toDate().getTime()).toBe(-1);
  });
  it('wall-only Add saturates as Go addSec does', () => {
    const max = (1n << 63n) - 1n;
    const far = new Time(max - 1n, 0, 0n, false);
    expect(far.add(10n * Second).sec).toBe(max);
    const low = new Time(-max, 0, 0n, false);
    expect(low.add(-10n * Second).sec).toBe(-max);
  });
});
