// The page scripts/browser-check.mjs drives: runs every documented example of @gostd/math-bits, time and
// sync (examples.js, written by the check) and records what each printed, as tagged values that Node then
// formats with util.format (so the // Output: blocks compare exactly as on Node); races a SharedMap with a
// Web Worker; and records what SharedMap does on a page without cross-origin isolation.
import { SharedMap } from '@gostd/sync';
import { examples } from './examples.js';

/** A printed value as tagged JSON, so that Node can rebuild it and print it as console.log would. */
function tag(v, depth = 0) {
  if (depth > 8) return { t: 'j', v: '[deep]' };
  if (v === undefined) return { t: 'u' };
  if (typeof v === 'bigint') return { t: 'b', v: String(v) };
  if (typeof v === 'number') return { t: 'n', v: Object.is(v, -0) ? '-0' : String(v) };
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return { t: 'j', v };
  if (typeof v === 'symbol') return { t: 's', v: v.description ?? '' };
  if (typeof v === 'function') return { t: 'f', v: v.name };
  if (ArrayBuffer.isView(v)) return { t: 'ta', c: v.constructor.name, v: Array.from(v, (x) => tag(x)) };
  if (Array.isArray(v)) return { t: 'a', v: v.map((x) => tag(x, depth + 1)) };
  if (v instanceof Map) return { t: 'm', v: [...v].map(([k, x]) => [tag(k, depth + 1), tag(x, depth + 1)]) };
  if (v instanceof Set) return { t: 'set', v: [...v].map((x) => tag(x, depth + 1)) };
  if (v instanceof Error) return { t: 'e', c: v.name, v: v.message };
  const entries = Object.entries(v).map(([k, x]) => [k, tag(x, depth + 1)]);
  return { t: 'o', c: Object.getPrototypeOf(v)?.constructor?.name ?? null, v: entries };
}

async function runExamples() {
  const out = [];
  const log = console.log;
  for (const ex of examples) {
    const printed = [];
    console.log = (...args) => printed.push(args.map((a) => tag(a)));
    let error = null;
    try {
      await ex.run();
    } catch (err) {
      error = `${err?.name}: ${err?.message}`;
    } finally {
      console.log = log;
    }
    out.push({ row: ex.row, name: ex.name, output: ex.output, printed, error });
  }
  return out;
}

async function raceWorker() {
  const m = new SharedMap();
  m.store('n', 0);
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const done = new Promise((resolve, reject) => {
    worker.onmessage = resolve;
    worker.onerror = (e) => reject(new Error(e.message));
  });
  worker.postMessage({ handle: m.handle });
  for (let i = 0; i < 1000; i++) {
    for (;;) {
      const n = m.get('n');
      if (m.compareAndSwap('n', n, n + 1)) break;
    }
  }
  await done;
  worker.terminate();
  return { n: m.get('n'), worker: m.get('worker'), size: m.size };
}

function sharedMapWithoutIsolation() {
  try {
    new SharedMap();
    return { threw: false };
  } catch (err) {
    return { threw: true, name: err?.name, message: err?.message };
  }
}

const result = { crossOriginIsolated: globalThis.crossOriginIsolated === true };
try {
  if (result.crossOriginIsolated) {
    result.examples = await runExamples();
    result.worker = await raceWorker();
  } else {
    result.sharedMap = sharedMapWithoutIsolation();
  }
} catch (err) {
  result.error = `${err?.name}: ${err?.message}`;
}
globalThis.__gostd = result;
document.getElementById('status').textContent = 'done';
