import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  heapProfileOf,
  memProfileRate,
  scaleHeapSample,
  setMemProfileRate,
  writeHeapProfile,
} from './heap-profile';
import type { CallFrame, HeapNode } from './inspector';
import { readProfile, Sink } from './testdata/read-profile';

// Go's src/runtime/pprof/protomem_test.go TestConvertMemProfile, rate 512 KiB:
// [count, bytes] -> the scaled [objects, bytes] in its expected samples.
const convertMemProfile: [count: number, size: number, objects: number, bytes: number][] = [
  [4, 4096, 2050, 2099200], // alloc of record 1
  [3, 3072, 1537, 1574400], // in-use of record 1
  [1, 512 * 1024, 1, 829411], // records 2 and 3
];

describe('scaleHeapSample (Go protomem.go)', () => {
  it.each(convertMemProfile)('scaleHeapSample(%i, %i, 512 KiB) = [%i, %i]', (count, size, objects, bytes) => {
    expect(scaleHeapSample(count, size, 512 * 1024)).toEqual([objects, bytes]);
  });
  it('does not scale for rate <= 1 and gives zero for empty samples', () => {
    expect(scaleHeapSample(3, 300, 1)).toEqual([3, 300]);
    expect(scaleHeapSample(3, 300, 0)).toEqual([3, 300]);
    expect(scaleHeapSample(0, 300, 512)).toEqual([0, 0]);
    expect(scaleHeapSample(3, 0, 512)).toEqual([0, 0]);
  });
});

const frame = (functionName: string, line: number): CallFrame => ({
  functionName,
  scriptId: '1',
  url: 'file:///app/server.js',
  lineNumber: line - 1,
  columnNumber: 0,
});

describe('heapProfileOf', () => {
  it('turns V8 sampled objects into grouped pprof samples with leaf-first stacks', () => {
    const leaf: HeapNode = { callFrame: frame('makeRow', 20), selfSize: 0, id: 3, children: [] };
    const mid: HeapNode = { callFrame: frame('', 10), selfSize: 0, id: 2, children: [leaf] };
    const head: HeapNode = { callFrame: frame('(root)', 0), selfSize: 0, id: 1, children: [mid] };
    // V8's inspector reports each sample's size already scaled: object size x the
    // objects it stands for (at rate 4096: 1024 B x 5, 64 B x 65).
    const samples = [
      { size: 5120, nodeId: 3, ordinal: 1 },
      { size: 5120, nodeId: 3, ordinal: 2 },
      { size: 4160, nodeId: 2, ordinal: 3 },
    ];
    const p = readProfile(gzipSync(heapProfileOf({ head, samples }, 4096).encode()));
    expect(p.sampleTypes).toEqual(['inuse_objects/count', 'inuse_space/bytes']);
    expect(p.period).toBe(4096);
    const rows = p.samples.map((s) => [
      s.stack.map((f) => `${f.name}:${f.line}`).join('<'),
      s.values,
      s.numLabels.bytes,
    ]);
    expect(rows).toEqual([
      ['makeRow:20<(anonymous):10', [10, 10240], 1024],
      ['(anonymous):10', [65, 4160], 64],
    ]);
    expect(p.samples[0]?.stack[0]?.file).toBe('/app/server.js');
  });
});

describe('writeHeapProfile', () => {
  afterAll(() => setMemProfileRate(0));

  it('starts the sampler with Go default rate when needed and finds live allocations', async () => {
    setMemProfileRate(0);
    expect(memProfileRate()).toBe(0);
    await writeHeapProfile(new Sink());
    expect(memProfileRate()).toBe(512 * 1024);
    setMemProfileRate(1024);
    function allocateRows(n: number) {
      return Array.from({ length: n }, (_, i) => ({ i, text: `row ${i}`, list: [i, i + 1, i + 2] }));
    }
    const keep = allocateRows(50_000);
    const sink = new Sink();
    await writeHeapProfile(sink, { gc: true });
    const p = readProfile(sink.bytes());
    const mine = p.samples
      .filter((s) => s.stack.some((f) => f.name === 'allocateRows'))
      .reduce((a, s) => a + (s.values[1] as number), 0);
    // 50,000 rows of a few small objects each: megabytes, estimated from samples.
    expect(keep.length).toBe(50_000);
    expect(mine).toBeGreaterThan(1_000_000);
    expect(mine).toBeLessThan(100_000_000);
  });

  it('estimates the number of live objects and their bytes (V8 reports sizes already scaled)', async () => {
    setMemProfileRate(4096);
    function allocatePoints(n: number) {
      return Array.from({ length: n }, (_, i) => ({ x: i, y: i }));
    }
    const n = 200_000;
    const keep = allocatePoints(n);
    const sink = new Sink();
    await writeHeapProfile(sink, { gc: true });
    const p = readProfile(sink.bytes());
    let objects = 0;
    let bytes = 0;
    for (const s of p.samples) {
      if (!s.stack.some((f) => f.name === 'allocatePoints')) continue;
      objects += s.values[0] as number;
      bytes += s.values[1] as number;
    }
    // 200,000 objects of a few words each, plus the array holding them (one object).
    expect(keep.length).toBe(n);
    expect(objects).toBeGreaterThan(0.75 * n);
    expect(objects).toBeLessThan(1.5 * n);
    const perObject = bytes / objects;
    expect(perObject).toBeGreaterThanOrEqual(16);
    expect(perObject).toBeLessThan(64);
  });

  it('rejects bad rates', () => {
    for (const r of [-1, 1.5, Number.NaN]) expect(() => setMemProfileRate(r)).toThrow(RangeError);
  });
});
