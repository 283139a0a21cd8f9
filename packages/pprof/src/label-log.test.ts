import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as pprof from './index';
import { LabelLog, logLimits, storeKey } from './label-log';
import { type Store, shared } from './shared';
import { readProfile, Sink } from './testdata/read-profile';

const store = (...kv: string[]): Store => {
  const m = new Map<string, string>();
  for (let i = 0; i + 1 < kv.length; i += 2) m.set(kv[i] as string, kv[i + 1] as string);
  return { labels: m, key: undefined, logGen: 0, logId: 0 };
};

describe('LabelLog', () => {
  it('gives each time the store of the last switch at or before it', () => {
    const log = new LabelLog();
    const a = store('k', 'a');
    const b = store('k', 'b');
    const t0 = performance.now();
    log.record(a);
    log.record(a); // no change: not logged
    log.record(b);
    log.record(undefined);
    expect(log.n).toBe(3);
    const [ta, tb, tu] = [log.times[0], log.times[1], log.times[2]] as [number, number, number];
    expect(log.storeAt(t0 - 1)).toBe(log.initial);
    expect(log.storeAt(ta)).toBe(a);
    expect(log.storeAt((ta + tb) / 2)).toBe(tb > ta ? a : b);
    expect(log.storeAt(tb)).toBe(b);
    expect(log.storeAt(tu + 1000)).toBeUndefined();
    log.record(a);
    log.reset();
    expect([log.n, log.initial]).toEqual([0, a]);
    expect(log.storeAt(0)).toBe(a);
  });

  it('stops logging at logLimits.max and leaves later samples unlabeled rather than wrong', () => {
    const saved = logLimits.max;
    logLimits.max = 1 << 16;
    const maxSwitches = logLimits.max;
    const log = new LabelLog();
    const a = store('k', 'a');
    const b = store('k', 'b');
    for (let i = 0; i < maxSwitches + 10; i++) log.record(i % 2 === 0 ? a : b);
    expect(log.n).toBe(maxSwitches);
    expect(log.times.length).toBe(maxSwitches);
    expect(log.overflowAt).toBeGreaterThan(0);
    expect(log.storeAt(log.overflowAt + 1)).toBeUndefined();
    log.reset();
    expect(log.overflowAt).toBe(-1);
    expect(log.times.length).toBeLessThanOrEqual(maxSwitches);
    logLimits.max = saved;
  });

  it('installs no async hooks in a process that set no labels, until the first label switch', () => {
    const saved = shared.labeled ?? true;
    shared.labeled = false;
    const log = new LabelLog();
    try {
      log.enable();
      expect(log.hooked).toBe(false);
      log.record(undefined);
      expect(log.hooked).toBe(false);
      log.record(store('k', 'a'));
      expect(log.hooked).toBe(true);
    } finally {
      log.disable();
      shared.labeled = saved;
    }
    expect(log.hooked).toBe(false);
    shared.labeled = true;
    const labeled = new LabelLog();
    labeled.enable();
    expect(labeled.hooked).toBe(true); // labels were set before: contexts may be alive
    labeled.disable();
    shared.labeled = saved;
  });

  it('keys label sets canonically, whatever order they were set in', () => {
    expect(storeKey(store('b', '2', 'a', '1'))).toBe(storeKey(store('a', '1', 'b', '2')));
    expect(storeKey(store())).toBe('');
    expect(storeKey(store('a', 'b\0c'))).not.toBe(storeKey(store('a\0b', 'c')));
  });
});

describe('hooks installed late', () => {
  it('labels the samples after await of a profile whose first label was set while it ran', async () => {
    const saved = shared.labeled ?? true;
    shared.labeled = false;
    const sink = new Sink();
    pprof.startCPUProfile(sink, { hz: 1000 });
    function spin_late(ms: number): void {
      const end = performance.now() + ms;
      while (performance.now() < end);
    }
    try {
      await pprof.do(pprof.labels('late', 'yes'), async () => {
        for (let i = 0; i < 40; i++) {
          await new Promise((r) => setImmediate(r));
          spin_late(5); // only after an await: needs the hooks
        }
      });
    } finally {
      await pprof.stopCPUProfile();
      shared.labeled = saved || shared.labeled;
    }
    const p = readProfile(sink.bytes());
    let right = 0;
    let wrong = 0;
    for (const s of p.samples) {
      if (!s.stack.some((f) => f.name === 'spin_late')) continue;
      if (s.labels.late === 'yes') right += s.values[0] as number;
      else wrong += s.values[0] as number;
    }
    expect(right).toBeGreaterThan(20);
    expect(wrong / (right + wrong)).toBeLessThanOrEqual(0.01);
  });
});

describe('profile memory stays bounded', () => {
  const saved = { ...logLimits };
  beforeEach(() => {
    logLimits.drain = 1 << 15;
    logLimits.max = 1 << 17;
  });
  afterEach(() => {
    Object.assign(logLimits, saved);
  });

  it('restarts the profiler to drop the log once it is long, keeping labels right', async () => {
    const sink = new Sink();
    pprof.startCPUProfile(sink, { hz: 1000 });
    const until = performance.now() + 1500;
    const hop = async (name: string) => {
      let x = 0;
      while (performance.now() < until) {
        for (let i = 0; i < 200; i++) await null; // 2 switches each
        for (let i = 0; i < 2000; i++) x += i;
        await new Promise((r) => setImmediate(r)); // lets the flush timer run
        expect(pprof.label('hop')[0]).toBe(name);
      }
      return x;
    };
    await Promise.all(['x', 'y'].map((n) => pprof.do(pprof.labels('hop', n), () => hop(n))));
    await pprof.stopCPUProfile();
    const p = readProfile(sink.bytes());
    const chunks = Number(/(\d+) chunk/.exec(p.comments.join('\n'))?.[1]);
    expect(chunks).toBeGreaterThan(1);
    expect(p.comments.join('\n')).not.toContain('overflowed');
    const labeled = p.samples
      .filter((s) => s.labels.hop !== undefined)
      .reduce((a, s) => a + (s.values[0] as number), 0);
    // 121-153 here at load 30-35; 82-99 when the whole repository's tests ran at once at load 35-48.
    expect(labeled).toBeGreaterThan(50);
  });

  it('survives a label-switch flood: the log is capped and the profile says so', async () => {
    const sink = new Sink();
    pprof.startCPUProfile(sink, { hz: 1000 });
    const set = pprof.labels('flood', 'yes');
    let n = 0;
    for (let i = 0; i < logLimits.max; i++) pprof.do(set, () => n++);
    await pprof.stopCPUProfile();
    expect(n).toBe(logLimits.max);
    const p = readProfile(sink.bytes());
    expect(p.comments.join('\n')).toContain('label log overflowed');
    expect(shared.recorder).toBeNull();
  });
});
