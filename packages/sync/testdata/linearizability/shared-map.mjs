// The subject of the SharedMap linearizability check (src/linearizability.test.ts): every one of sync.Map's
// nine single-key operations (range is not atomic, in Go or here) on a few hot keys that every worker
// fights over, ints and strings, with values that make compareAndSwap and compareAndDelete succeed often,
// and on cold keys that make the map grow and compact while the hot keys are in use. Loaded by worker.mjs,
// from the built dist (the test task builds first).
//
// Two deliberately broken maps give the checker something to catch: "cas-non-atomic" reads, then stores (a
// compareAndSwap that another worker can slip between), and "late-store" returns from store before the
// value lands (it lands after the worker's next operation).
import { SharedMap } from '../../dist/index.js';

const hot = [1, 2, 3, 'a', 'b'];
const values = [0, 1, 2, 3, 2 ** 40, -0.5];

/** name is how a key appears in a history: ints and strings apart, so 1 and '1' never meet. */
const name = (k) => (typeof k === 'number' ? `i${k}` : `s${k}`);
const show = (v) => (v === undefined ? 'nil' : String(v));

/** wrap gives the operations of m, broken as variant says. */
function wrap(m, variant) {
  const ops = {
    load: (k) => m.load(k),
    store: (k, v) => m.store(k, v),
    loadOrStore: (k, v) => m.loadOrStore(k, v),
    loadAndDelete: (k) => m.loadAndDelete(k),
    delete: (k) => m.delete(k),
    swap: (k, v) => m.swap(k, v),
    compareAndSwap: (k, old, v) => m.compareAndSwap(k, old, v),
    compareAndDelete: (k, old) => m.compareAndDelete(k, old),
    clear: () => m.clear(),
    after: () => {},
    finish: () => {},
  };
  if (variant === 'cas-non-atomic') {
    ops.compareAndSwap = (k, old, v) => {
      const [cur, ok] = m.load(k);
      if (!ok || cur !== old) return false;
      for (let i = 0; i < 2000; i++) m.load(k); // widen the window another worker can slip into
      m.store(k, v);
      return true;
    };
  } else if (variant === 'late-store') {
    let pending = [];
    ops.store = (k, v) => {
      pending.push([k, v]);
    };
    ops.after = () => {
      // Lands the stores of the operation before last: they returned one operation ago.
      const land = pending.filter((p) => p[2]);
      for (const p of pending) p[2] = true;
      pending = pending.filter((p) => !land.includes(p));
      for (const [k, v] of land) m.store(k, v);
    };
    ops.finish = () => {
      for (const [k, v] of pending) m.store(k, v);
    };
  } else if (variant !== 'real') {
    throw new Error(`shared-map.mjs: unknown variant ${variant}`);
  }
  return ops;
}

/**
 * attach returns the worker's side of one round: next() draws an operation; after() and finish() run
 * between operations and at the end (they are where a broken map lands its late stores).
 */
export function attach(handle, variant, r) {
  const m = SharedMap.from(handle);
  const o = wrap(m, variant);
  const key = () => {
    if (r(4) === 0) return 1000 + r(4096); // cold: grows the map, and its deletes make it compact
    return hot[r(hot.length)];
  };
  const value = () => values[r(values.length)];
  const one = (op, k, args, run) => ({ op, args: [name(k), ...args.map(show)], run });
  return {
    next() {
      const k = key();
      const n = r(100);
      if (n < 22) return one('load', k, [], () => pair(o.load(k)));
      if (n < 34) {
        const v = value();
        return one('store', k, [v], () => {
          o.store(k, v);
          return [];
        });
      }
      if (n < 44) {
        const v = value();
        return one('loadOrStore', k, [v], () => pair(o.loadOrStore(k, v)));
      }
      if (n < 52) return one('loadAndDelete', k, [], () => pair(o.loadAndDelete(k)));
      if (n < 59)
        return one('delete', k, [], () => {
          o.delete(k);
          return [];
        });
      if (n < 69) {
        const v = value();
        return one('swap', k, [v], () => pair(o.swap(k, v)));
      }
      if (n < 89) {
        // Mostly the value the key holds now, so that the swap often succeeds and races with others.
        const old = r(3) === 0 ? value() : (m.load(k)[0] ?? value());
        const v = value();
        return one('compareAndSwap', k, [old, v], () => [String(o.compareAndSwap(k, old, v))]);
      }
      if (n < 98) {
        const old = r(2) === 0 ? value() : (m.load(k)[0] ?? value());
        return one('compareAndDelete', k, [old], () => [String(o.compareAndDelete(k, old))]);
      }
      if (n < 99 && r(3) === 0)
        return {
          op: 'clear',
          args: [],
          run: () => {
            o.clear();
            return [];
          },
        };
      return one('load', k, [], () => pair(o.load(k)));
    },
    after: o.after,
    finish: o.finish,
  };
}

/** pair shows a (value, ok) result. */
function pair([v, ok]) {
  return [show(v), String(ok)];
}
