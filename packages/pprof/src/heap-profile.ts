// Heap profiles from V8's sampling heap profiler, in Go's heap profile layout.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { Label, Profile, Sample, ValueType } from 'pprof-format';
import { Tables } from './builder';
import { type HeapNode, type HeapProfile, post, Steps } from './inspector';
import { appendWorkers } from './merge-profile';
import { checkOptions, checkWriter, describe } from './validate';
import { joinHeapAsWorker, workerHeaps } from './worker-heap';
import { type Writer, writeAll } from './writer';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** How long a heap profile waits for the workers' (see worker-heap.ts). */
const workerTimeoutMs = 3000;

/** Go's default runtime.MemProfileRate: one sample per 512 KiB allocated, on average. */
export const defaultMemProfileRate = 512 * 1024;

let rate = 0;

/**
 * ScaleHeapSample returns the estimated number of objects and bytes allocated
 * that count sampled objects of size total bytes stand for, when one sample is
 * taken per rate bytes on average (Go's runtime/pprof scaleHeapSample). Rates of
 * 1 or less mean every allocation was sampled and return the inputs.
 */
export function scaleHeapSample(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  if (rate <= 1) return [count, size];
  const avg = size / count;
  const scale = 1 / (1 - Math.exp(-avg / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}

/**
 * setMemProfileRate starts V8's sampling heap profiler taking one sample per
 * bytes allocated on average (Go's runtime.MemProfileRate), or stops it for 0.
 * Heap profiles hold the sampled objects allocated since it started that are
 * still live. writeHeapProfile starts it with Go's default (512 KiB) when it is
 * not running. Set in the main thread, the rate is the process's, as in Go:
 * every worker thread samples its heap at it too (a worker that never loads
 * the package, through the main thread's inspector).
 * It throws a RangeError unless bytes is a non-negative integer.
 *
 * @example
 * ```ts
 * import { setMemProfileRate } from '@gostd/pprof';
 * setMemProfileRate(64 * 1024);
 * console.log('sampling every 64 KiB');
 * // Output:
 * // sampling every 64 KiB
 * ```
 */
export function setMemProfileRate(bytes: number): void {
  if (typeof bytes !== 'number')
    throw new TypeError(`pprof: memory profile rate must be a number, got ${describe(bytes)}`);
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw new RangeError(`pprof: memory profile rate must be a non-negative integer, got ${bytes}`);
  }
  if (bytes !== 0) checkHeapSampler();
  setRate(bytes);
  workerHeaps()?.announce(bytes);
  tellMain();
}

/** Sets this thread's sampler to bytes (0 stops it). */
function setRate(bytes: number): void {
  if (rate !== 0) steps.run(() => post('HeapProfiler.stopSampling'));
  rate = 0;
  if (bytes === 0) return;
  steps.run(() => post('HeapProfiler.enable'));
  steps.run(() => post('HeapProfiler.startSampling', { samplingInterval: bytes }));
  rate = bytes;
}

/** The heap sampler's commands, in order (asynchronous on Deno). */
const steps = new Steps();

/** The error for a runtime without V8's sampling heap profiler. */
export const noHeapSampler =
  'pprof: heap profiles need a sampling heap profiler, and this runtime has none (Bun: its node:inspector has no HeapProfiler domain)';

/** Throws noHeapSampler on Bun, whose inspector (JavaScriptCore's) has no HeapProfiler domain. */
function checkHeapSampler(): void {
  if (process.versions.bun !== undefined) throw new Error(noHeapSampler);
}

/**
 * memProfileRate returns the heap sampling rate in bytes set by
 * setMemProfileRate (or by writeHeapProfile's default), 0 when not sampling.
 *
 * @example
 * ```ts
 * import { memProfileRate, setMemProfileRate } from '@gostd/pprof';
 * setMemProfileRate(0);
 * console.log(memProfileRate());
 * setMemProfileRate(512 * 1024);
 * console.log(memProfileRate());
 * // Output:
 * // 0
 * // 524288
 * ```
 */
export function memProfileRate(): number {
  return rate;
}

/**
 * objectsOfSample returns the object size and the number of objects that one
 * sample of V8's inspector stands for. The inspector reports a sample's size as
 * the object's size times that number (V8's ScaleSample: 1/(1-e^(-size/rate)),
 * rounded), so the bytes are already scaled; the object size is the smallest
 * multiple of 4 that V8's rounding maps to the reported size (two sizes can map
 * to one; the smaller counts more objects), or the reported size when none does.
 */
function objectsOfSample(reported: number, rate: number): [size: number, count: number] {
  if (rate <= 1 || reported <= 0) return [reported, 1];
  let best = 0;
  for (let d = 1; d * d <= reported; d++) {
    if (reported % d !== 0) continue;
    for (const size of [d, reported / d]) {
      // V8's object sizes are whole tagged words (4 or 8 bytes).
      if (size % 4 !== 0 || (best !== 0 && size >= best)) continue;
      if (Math.floor(1 / (1 - Math.exp(-size / rate)) + 0.5) === reported / size) best = size;
    }
  }
  return best === 0 ? [reported, 1] : [best, reported / best];
}

/** HeapProfileOf converts a V8 sampling heap profile taken at rate bytes to pprof. */
export function heapProfileOf(hp: HeapProfile, rate: number): Profile {
  const tables = new Tables();
  const st = tables.strings;
  const stacks = new Map<number, number[]>();
  const walk = (n: HeapNode, up: number[]): void => {
    const here = n === hp.head ? up : [tables.location(n.callFrame), ...up];
    stacks.set(n.id, here);
    for (const c of n.children) walk(c, here);
  };
  walk(hp.head, []);
  // Group the sampled objects by node and size, as Go groups records by stack.
  const groups = new Map<string, { node: number; size: number; count: number }>();
  for (const s of hp.samples) {
    const k = `${s.nodeId}:${s.size}`;
    const g = groups.get(k);
    if (g === undefined) groups.set(k, { node: s.nodeId, size: s.size, count: 1 });
    else g.count++;
  }
  const bytesKey = st.dedup('bytes');
  const sample: Sample[] = [];
  for (const g of groups.values()) {
    const locs = stacks.get(g.node);
    if (locs === undefined || locs.length === 0) continue;
    // V8 has scaled the sizes already (see objectsOfSample); Go's scaleHeapSample would scale them twice.
    const [size, perSample] = objectsOfSample(g.size, rate);
    sample.push(
      new Sample({
        locationId: locs,
        value: [g.count * perSample, g.count * g.size],
        label: [new Label({ key: bytesKey, num: size })],
      }),
    );
  }
  const space = new ValueType({ type: st.dedup('space'), unit: st.dedup('bytes') });
  return new Profile({
    sampleType: [
      new ValueType({ type: st.dedup('inuse_objects'), unit: st.dedup('count') }),
      new ValueType({ type: st.dedup('inuse_space'), unit: st.dedup('bytes') }),
    ],
    sample,
    mapping: [tables.mapping],
    location: tables.locations,
    function: tables.functions,
    stringTable: st,
    timeNanos: BigInt(Date.now()) * 1_000_000n,
    periodType: space,
    period: rate,
  });
}

/**
 * writeHeapProfile writes a heap profile to w, gzipped in pprof's profile.proto
 * format: the live objects among those V8's sampling heap profiler sampled since
 * it started, scaled to estimates of all objects as Go scales its samples
 * (sample types inuse_objects/count and inuse_space/bytes). When the sampler is
 * not running it is started first (see setMemProfileRate), so the first profile
 * of a process holds only what was allocated after that. Pass gc to collect
 * garbage first. Written in the main thread, the profile also holds the heaps of
 * the worker threads, whether they loaded the package or not, each sample
 * labeled thread=<threadId> (and worker=<name> for a named worker); it waits at
 * most 3 s for them.
 *
 * @example
 * ```ts
 * import { gunzipSync } from 'node:zlib';
 * import { Profile } from 'pprof-format';
 * import { setMemProfileRate, writeHeapProfile } from '@gostd/pprof';
 * setMemProfileRate(1024);
 * const keep = Array.from({ length: 2000 }, (_, i) => ({ i, s: `item ${i}` }));
 * const chunks: Uint8Array[] = [];
 * await writeHeapProfile({ write: (c: Uint8Array) => chunks.push(c) });
 * const p = Profile.decode(gunzipSync(Buffer.concat(chunks)));
 * const types = p.sampleType.map((t) => p.stringTable.strings[Number(t.type)]);
 * console.log(types, keep.length, p.sample.length > 0);
 * // Output:
 * // [ 'inuse_objects', 'inuse_space' ] 2000 true
 * ```
 */
export function writeHeapProfile(w: Writer, options: { gc?: boolean } = {}): Promise<void> {
  // Checked here, so a bad argument throws at the call rather than rejecting.
  checkWriter(w, 'pprof.writeHeapProfile: w');
  checkOptions(options, 'pprof.writeHeapProfile: options');
  if (options.gc !== undefined && typeof options.gc !== 'boolean')
    throw new TypeError(`pprof.writeHeapProfile: gc must be a boolean, got ${describe(options.gc)}`);
  return writeHeap(w, options.gc === true);
}

async function writeHeap(w: Writer, gc: boolean): Promise<void> {
  if (rate === 0) setMemProfileRate(defaultMemProfileRate);
  // The workers take theirs meanwhile (main thread only; none before the rate reached them): those that
  // loaded the package through its channel, the others through the inspector.
  const heaps = workerHeaps();
  const fromWorkers = heaps?.collect(gc, workerTimeoutMs) ?? [];
  const fromOutside = heaps?.outside.collect(gc, workerTimeoutMs) ?? [];
  const profile = await ownHeap(gc);
  const workers = await Promise.all(
    (await fromWorkers).map(async (x) => ({
      thread: x.thread,
      name: x.name,
      profile: Profile.decode(await gunzipAsync(x.bytes)),
    })),
  );
  for (const x of await fromOutside) {
    if (!workers.some((y) => y.thread === x.thread))
      workers.push({ thread: x.thread, name: x.name, profile: heapProfileOf(x.profile, rate) });
  }
  appendWorkers(profile, workers);
  await writeAll(w, await gzipAsync(profile.encode()));
}

/** This thread's heap profile (its sampler running). */
async function ownHeap(gc: boolean): Promise<Profile> {
  await steps.done(() => {});
  if (gc) await post('HeapProfiler.collectGarbage');
  const hp = (await post<{ profile: HeapProfile }>('HeapProfiler.getSamplingProfile')).profile;
  return heapProfileOf(hp, rate);
}

// In a worker thread, loading the package is enough to sample its heap at the
// main thread's rate and to appear in the main thread's heap profiles.
const tellMain = joinHeapAsWorker({
  setRate: (bytes) => {
    if (bytes !== 0) checkHeapSampler();
    setRate(bytes);
  },
  rate: () => rate,
  profile: async (gc) => gzipAsync((await ownHeap(gc)).encode()),
});
