// `go tool pprof`, the real client, reads our profiles: from files and from the
// live /debug/pprof endpoint on 127.0.0.1.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { goTool, requireGo, SplitMix64 } from '@gostd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from './http';
import * as pprof from './index';
import { goPprof as goPprofIn } from './testdata/go-pprof';
import { readProfile, Sink } from './testdata/read-profile';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-pprof-'));

const goPprof = (...args: string[]) => goPprofIn(tmp, ...args);

function spin_alpha(ms: number): number {
  let x = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) x++;
  return x;
}
function spin_beta(ms: number): number {
  let x = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) x++;
  return x;
}

/** Two labeled async jobs spinning in 1 ms chunks for ms milliseconds. */
async function work(ms: number): Promise<void> {
  const until = performance.now() + ms;
  const loop = async (spin: (ms: number) => number) => {
    while (performance.now() < until) {
      spin(1);
      await new Promise((r) => setImmediate(r));
    }
  };
  await Promise.all([
    pprof.do(pprof.labels('tenant', 'alpha'), () => loop(spin_alpha)),
    pprof.do(pprof.labels('tenant', 'beta', 'tier', 'gold'), () => loop(spin_beta)),
  ]);
}

describe.skipIf(!requireGo('go tool pprof tests'))('go tool pprof', () => {
  const cpuFile = path.join(tmp, 'cpu.pb.gz');
  const heapFile = path.join(tmp, 'heap.pb.gz');

  beforeAll(async () => {
    goTool('pprof'); // built on first use since Go 1.24: over a minute on a busy machine
    const sink = new Sink();
    pprof.startCPUProfile(sink, { hz: 1000 });
    await work(800);
    await pprof.stopCPUProfile();
    fs.writeFileSync(cpuFile, sink.bytes());
    const heap = new Sink();
    pprof.setMemProfileRate(4096);
    const keep = Array.from({ length: 20000 }, (_, i) => ({ i, text: `row ${i}` }));
    await pprof.writeHeapProfile(heap);
    expect(keep.length).toBe(20000);
    fs.writeFileSync(heapFile, heap.bytes());
  }, 600_000);

  afterAll(() => {
    pprof.setMemProfileRate(0);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('-tags lists the label values with their CPU time', async () => {
    const out = await goPprof('-tags', cpuFile);
    expect(out).toMatch(/tenant: Total/);
    expect(out).toMatch(/\(\s*[\d.]+%\): alpha/);
    expect(out).toMatch(/\(\s*[\d.]+%\): beta/);
    expect(out).toMatch(/tier: Total[\s\S]*\): gold/);
    console.log(`go tool pprof -tags:\n${out}`);
  });

  it('-top -tagfocus keeps only the samples of one label value', async () => {
    const alpha = await goPprof('-top', '-tagfocus', 'tenant=alpha', cpuFile);
    expect(alpha).toContain('Type: cpu');
    expect(alpha).toContain('tagfocus=tenant=alpha');
    expect(alpha).toContain('spin_alpha');
    expect(alpha).not.toContain('spin_beta');
    const gold = await goPprof('-top', '-tagfocus', 'tier=gold', cpuFile);
    expect(gold).toContain('spin_beta');
    expect(gold).not.toContain('spin_alpha');
  });

  it('-raw shows the sample types, the measured period and the labels of each sample', async () => {
    const out = await goPprof('-raw', cpuFile);
    expect(out).toContain('PeriodType: cpu nanoseconds');
    expect(out).toMatch(/Period: \d+/);
    expect(out).toContain('samples/count cpu/nanoseconds');
    expect(out).toMatch(/tenant:\[alpha\]/);
    expect(out).toMatch(/tenant:\[beta\] tier:\[gold\]|tier:\[gold\] tenant:\[beta\]/);
    // Go 1.26's -raw prints file:line:column, older ones file:line.
    expect(out).toMatch(/\d+: 0x0 M=1 spin_alpha \S*pprof-go\.test\.ts:\d+(:\d+)? s=\d+/);
  });

  it('reads a profile with empty label keys and values, as Go writes and reads them', async () => {
    // Go allows pprof.Labels("", ""); its profile holds an empty Label message, which readers skip (a label
    // with no value). pprof-format, which encodes our profiles, counted such a message as 0 bytes but wrote
    // 2, so the file came out short and `go tool pprof` failed: "parsing profile: unrecognized profile
    // format" (the proto parser's "bad varint" at the truncated end). Before the fix, this test failed so.
    const file = path.join(tmp, 'empty-labels.pb.gz');
    const sink = new Sink();
    pprof.startCPUProfile(sink, { hz: 1000 });
    const spinIn = (...kv: string[]) => pprof.do(pprof.labels(...kv), () => spin_alpha(60));
    spinIn('', '');
    spinIn('', '', 'tenant', 'gamma');
    spinIn('', 'v');
    spinIn('k', '');
    await pprof.stopCPUProfile();
    fs.writeFileSync(file, sink.bytes());
    const tags = await goPprof('-tags', file);
    expect(tags).toMatch(/tenant: Total[\s\S]*\): gamma/);
    expect(tags).toMatch(/^ ?: Total[\s\S]*\): v$/m); // the key "" with the value "v"
    expect(tags).not.toMatch(/^ ?k: Total/m); // a label without a value is no label, as in Go's profiles
    const raw = await goPprof('-raw', file);
    expect(raw).toContain('PeriodType: cpu nanoseconds');
  });

  it('reads a profile of 60 random label sets of odd strings, each sample with its set', async () => {
    // Empty keys and values, separators, quotes, NUL, non-ASCII, a lone surrogate (UTF-8 makes it U+FFFD,
    // as it does when Go reads the bytes), 300-character strings, keys like __proto__. (By hand, on 6 seeds,
    // a Go program with github.com/google/pprof/profile read back exactly these label maps.)
    const rand = new SplitMix64(7n);
    const odd = [
      '',
      'a',
      ' ',
      '=',
      ',',
      '{',
      '"',
      '\\',
      '\n',
      '\0',
      'é',
      '日本',
      '😀',
      '\uD800',
      'x'.repeat(300),
      '__proto__',
    ];
    const text = () => Array.from({ length: rand.below(3) }, () => rand.pick(odd)).join('');
    const sets = Array.from({ length: 60 }, () => Array.from({ length: 2 * (1 + rand.below(3)) }, text));
    const file = path.join(tmp, 'odd-labels.pb.gz');
    const sink = new Sink();
    pprof.startCPUProfile(sink, { hz: 1000 });
    for (const [i, kv] of sets.entries())
      pprof.do(pprof.labels(...kv, 'set', String(i)), () => spin_alpha(8));
    await pprof.stopCPUProfile();
    fs.writeFileSync(file, sink.bytes());
    expect(await goPprof('-raw', file)).toContain('PeriodType: cpu nanoseconds');
    const utf8 = (t: string) => Buffer.from(t).toString();
    const want = sets.map((kv) => {
      const m = new Map<string, string>();
      for (let i = 0; i < kv.length; i += 2) m.set(kv[i] as string, kv[i + 1] as string);
      // A label without a value is no label to a reader (Go's profile.Parse, and ours).
      return [...m].filter(([, v]) => v !== '').map(([k, v]) => [utf8(k), utf8(v)]);
    });
    const prof = readProfile(sink.bytes());
    let checked = 0;
    for (const sample of prof.samples) {
      const set = sample.labels.set;
      if (set === undefined) continue;
      const labels = Object.entries(sample.labels).filter(([k]) => k !== 'set');
      const expected = (want[Number(set)] as string[][]).filter(([k]) => k !== 'set');
      expect(new Map(labels), `set ${set}`).toEqual(new Map(expected as [string, string][]));
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('-top reads the heap profile', async () => {
    const out = await goPprof('-top', '-sample_index=inuse_space', heapFile);
    expect(out).toContain('Type: inuse_space');
    const raw = await goPprof('-raw', heapFile);
    expect(raw).toContain('inuse_objects/count inuse_space/bytes');
    expect(raw).toContain('PeriodType: space bytes');
  });

  describe('against the live endpoint', () => {
    let server: http.Server;
    let base = '';
    beforeAll(async () => {
      server = http.createServer(handler());
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('go tool pprof -raw/-tags http://127.0.0.1:PORT/debug/pprof/profile?seconds=2 works unchanged', async () => {
      const client = goPprof('-raw', `${base}/debug/pprof/profile?seconds=2`);
      let done = false;
      client.then(
        () => {
          done = true;
        },
        () => {
          done = true;
        },
      );
      while (!done) await work(200); // labeled work until the client has its profile
      const out = await client;
      expect(out).toContain('PeriodType: cpu nanoseconds');
      expect(out).toMatch(/tenant:\[alpha\]/);
      expect(out).toMatch(/tier:\[gold\]/);
      const saved = fs.readdirSync(tmp).filter((f) => f.startsWith('pprof.'));
      expect(saved.length).toBeGreaterThan(0);
      const tags = await goPprof('-tags', path.join(tmp, saved[saved.length - 1] as string));
      expect(tags).toMatch(/tenant: Total/);
    });

    it('go tool pprof -top http://127.0.0.1:PORT/debug/pprof/heap works unchanged', async () => {
      const out = await goPprof('-top', `${base}/debug/pprof/heap`);
      expect(out).toContain('Type: inuse_space');
    });
  });
});
