// Run by runtimes.test.ts under Deno and Bun: a labeled CPU profile and a heap
// profile through the package's public API; prints one JSON line of what came out.
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import * as pprof from '../index.ts';

function spin_runtime(ms: number): number {
  let x = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) x++;
  return x;
}

async function cpu(): Promise<object> {
  const chunks: Uint8Array[] = [];
  pprof.startCPUProfile({ write: (c: Uint8Array) => chunks.push(c) }, { hz: 1000 });
  // The first samples of Deno's profiler come up to 40 ms after the start.
  await new Promise((r) => setTimeout(r, 50));
  // Synchronous labeled work: on Deno and Bun, whose async_hooks report no
  // callbacks, a sample has its labels only while do's function runs.
  pprof.do(pprof.labels('job', 'spin'), () => spin_runtime(200));
  await pprof.stopCPUProfile();
  const p = Profile.decode(gunzipSync(Buffer.concat(chunks)));
  const str = (i: number | bigint) => p.stringTable.strings[Number(i)] as string;
  const fn = new Map(p.function.map((f) => [Number(f.id), str(f.name)]));
  const loc = new Map(p.location.map((l) => [Number(l.id), fn.get(Number(l.line[0]?.functionId)) ?? '']));
  let spin = 0;
  let labeled = 0;
  for (const s of p.sample) {
    const n = Number(s.value[0]);
    if (s.locationId.some((id) => loc.get(Number(id)) === 'spin_runtime')) {
      spin += n;
      if (s.label.some((l) => str(l.key) === 'job' && str(l.str) === 'spin')) labeled += n;
    }
  }
  return { samples: p.sample.reduce((a, s) => a + Number(s.value[0]), 0), spin, labeled };
}

async function heap(): Promise<object> {
  try {
    pprof.setMemProfileRate(1024);
    const keep = Array.from({ length: 20000 }, (_, i) => ({ i, s: `item ${i}` }));
    const chunks: Uint8Array[] = [];
    await pprof.writeHeapProfile({ write: (c: Uint8Array) => chunks.push(c) });
    const p = Profile.decode(gunzipSync(Buffer.concat(chunks)));
    return { samples: p.sample.length, kept: keep.length };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

// Back to back, as the Pyroscope pusher cuts: the next profile starts before
// the last one's answers have come.
async function backToBack(): Promise<object> {
  const a: Uint8Array[] = [];
  const b: Uint8Array[] = [];
  pprof.startCPUProfile({ write: (c: Uint8Array) => a.push(c) }, { hz: 1000 });
  spin_runtime(100);
  const done = pprof.stopCPUProfile();
  pprof.startCPUProfile({ write: (c: Uint8Array) => b.push(c) }, { hz: 1000 });
  spin_runtime(100);
  await done;
  await pprof.stopCPUProfile();
  const count = (chunks: Uint8Array[]) =>
    Profile.decode(gunzipSync(Buffer.concat(chunks))).sample.reduce((n, s) => n + Number(s.value[0]), 0);
  return { first: count(a), second: count(b) };
}

let out: object;
try {
  out = { cpu: await cpu() };
} catch (e) {
  out = { cpu: { error: (e as Error).message } };
}
let cut: object;
try {
  cut = await backToBack();
} catch (e) {
  cut = { error: (e as Error).message };
}
console.log(JSON.stringify({ ...out, cut, heap: await heap() }));
