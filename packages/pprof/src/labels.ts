// Profiler labels, after Go's runtime/pprof/label.go and runtime.go: a label
// set is carried by the process-wide AsyncLocalStorage instead of a
// context.Context, so everything a labeled function starts inherits it.
import { quote } from '@gostd/internal';
import { type Store, shared } from './shared';

/**
 * LabelContext is a set of labels in effect: what Go keeps in a context.Context.
 * It is immutable; withLabels makes a new one. Its toString prints the labels as
 * Go's label map does: `{"key":"value", ...}`, sorted.
 */
export interface LabelContext {
  /** The labels, key -> value. */
  readonly labels: ReadonlyMap<string, string>;
  /** The labels as `{"k":"v", ...}` sorted, like Go's labelMap.String. */
  toString(): string;
}

/** Orders strings by code point, which is the byte order of their UTF-8 (Go's string order). */
export function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (a code point above U+FFFF) sorts after every other BMP unit.
    const hx = x >= 0xd800 && x <= 0xdfff ? x + 0x10000 : x;
    const hy = y >= 0xd800 && y <= 0xdfff ? y + 0x10000 : y;
    return hx - hy;
  }
  return a.length - b.length;
}

class LabelMap implements Store, LabelContext {
  key: string | undefined = undefined;
  logGen = 0;
  logId = 0;
  constructor(readonly labels: ReadonlyMap<string, string>) {}
  toString(): string {
    const kv: string[] = [];
    for (const [k, v] of this.labels) kv.push(`${quote(k)}:${quote(v)}`);
    kv.sort(byCodePoint);
    return `{${kv.join(', ')}}`;
  }
}

/**
 * LabelSet is a set of labels, made by labels. Later pairs with the same key
 * override earlier ones when the set is applied.
 *
 * @example
 * ```ts
 * import { labels } from '@gostd/pprof';
 * const set = labels('worker', 'indexer', 'tenant', 'acme');
 * console.log(set.list.length, set.list[0]);
 * // Output:
 * // 2 [ 'worker', 'indexer' ]
 * ```
 */
export class LabelSet {
  /** list holds the key/value pairs in the order given. */
  readonly list: readonly (readonly [key: string, value: string])[];
  /** @internal Use labels to make a LabelSet. */
  constructor(list: readonly (readonly [string, string])[]) {
    this.list = list;
  }
}

/**
 * labels takes an even number of strings representing key-value pairs and makes
 * a LabelSet containing them. A label overwrites a prior label with the same key.
 * It throws (Go panics) when given an odd number of strings.
 *
 * @example
 * ```ts
 * import { labels, withLabels } from '@gostd/pprof';
 * console.log(String(withLabels(labels('a', '1', 'b', '2', 'a', '3'))));
 * try {
 *   labels('lonely');
 * } catch (e) {
 *   console.log((e as Error).message);
 * }
 * // Output:
 * // {"a":"3", "b":"2"}
 * // uneven number of arguments to pprof.Labels
 * ```
 */
export function labels(...args: string[]): LabelSet {
  if (args.length % 2 !== 0) throw new Error('uneven number of arguments to pprof.Labels');
  const list: (readonly [string, string])[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    const k = args[i];
    const v = args[i + 1];
    if (typeof k !== 'string' || typeof v !== 'string') {
      throw new TypeError('pprof.Labels: keys and values must be strings');
    }
    list.push([k, v]);
  }
  return new LabelSet(list);
}

function current(): Store | undefined {
  return shared.als.getStore();
}

function merge(parent: Store | LabelContext | null | undefined, set: LabelSet): LabelMap {
  const m = new Map(parent?.labels);
  for (const [k, v] of set.list) m.set(k, v);
  return new LabelMap(m);
}

/**
 * withLabels returns a new LabelContext holding the labels of parent (by default
 * the labels in effect now; null for none, like Go's context.Background()) with
 * the given labels added. A label overwrites a prior label with the same key. Nothing changes until the result is passed to
 * setGoroutineLabels (or read with label and forLabels).
 *
 * @example
 * ```ts
 * import { label, labels, withLabels } from '@gostd/pprof';
 * const ctx = withLabels(labels('key2', 'value2'), withLabels(labels('key', 'value')));
 * console.log(String(ctx), label('key', ctx));
 * // Output:
 * // {"key":"value", "key2":"value2"} [ 'value', true ]
 * ```
 */
export function withLabels(
  set: LabelSet,
  parent: LabelContext | null | undefined = current() as LabelMap | undefined,
): LabelContext {
  return merge(parent, set);
}

/**
 * label returns the value of the label with the given key in ctx (by default the
 * labels in effect now; null for none), and a boolean indicating whether that label exists.
 *
 * @example
 * ```ts
 * import * as pprof from '@gostd/pprof';
 * pprof.do(pprof.labels('user', 'gopher'), () => {
 *   console.log(pprof.label('user'), pprof.label('missing'));
 * });
 * // Output:
 * // [ 'gopher', true ] [ '', false ]
 * ```
 */
export function label(
  key: string,
  ctx: LabelContext | null | undefined = current() as LabelMap | undefined,
): [string, boolean] {
  const v = ctx?.labels.get(key);
  return v === undefined ? ['', false] : [v, true];
}

/**
 * forLabels invokes f with each label in ctx (by default the labels in effect
 * now; null for none). The function f should return true to continue iteration or false to stop
 * iteration early. Labels come in the order their keys were first set.
 *
 * @example
 * ```ts
 * import * as pprof from '@gostd/pprof';
 * pprof.do(pprof.labels('a', '1', 'b', '2', 'c', '3'), () => {
 *   pprof.forLabels((k, v) => {
 *     console.log(k, v);
 *     return k !== 'b';
 *   });
 * });
 * // Output:
 * // a 1
 * // b 2
 * ```
 */
export function forLabels(
  f: (key: string, value: string) => boolean,
  ctx: LabelContext | null | undefined = current() as LabelMap | undefined,
): void {
  if (ctx === undefined || ctx === null) return;
  for (const [k, v] of ctx.labels) if (!f(k, v)) break;
}

/**
 * do calls fn with the labels in effect now plus the given labels (later keys
 * win), and returns what fn returns. Everything fn starts inherits the augmented
 * label set — awaits, promises, timers and callbacks — as Go's goroutines started
 * in f do. The previous labels are back once fn returns (for an async fn: once
 * it returns its promise; its continuations keep the labels).
 *
 * @example
 * ```ts
 * import * as pprof from '@gostd/pprof';
 * const job = (name: string) =>
 *   pprof.do(pprof.labels('job', name), async () => {
 *     await new Promise((r) => setTimeout(r, 5));
 *     return pprof.label('job')[0];
 *   });
 * console.log(await Promise.all([job('a'), job('b')]), pprof.label('job'));
 * // Output:
 * // [ 'a', 'b' ] [ '', false ]
 * ```
 */
export function doLabels<T>(set: LabelSet, fn: (ctx: LabelContext) => T): T {
  const als = shared.als;
  const parent = als.getStore();
  const ctx = merge(parent, set);
  const rec = shared.recorder;
  if (rec === null) return als.run(ctx, fn, ctx);
  rec(ctx);
  try {
    return als.run(ctx, fn, ctx);
  } finally {
    // The recorder may have been removed (profile stopped) while fn ran.
    shared.recorder?.(parent);
  }
}

/**
 * setGoroutineLabels sets the labels in effect for the rest of the current
 * synchronous execution and everything it starts from now on to ctx (null or
 * undefined: no labels), like Go's SetGoroutineLabels for the current goroutine. It uses
 * AsyncLocalStorage.enterWith, so prefer do, which restores the previous labels.
 *
 * @example
 * ```ts
 * import * as pprof from '@gostd/pprof';
 * await pprof.do(pprof.labels(), async () => {
 *   pprof.setGoroutineLabels(pprof.withLabels(pprof.labels('phase', 'load')));
 *   await null;
 *   console.log(pprof.label('phase'));
 * });
 * console.log(pprof.label('phase'));
 * // Output:
 * // [ 'load', true ]
 * // [ '', false ]
 * ```
 */
export function setGoroutineLabels(ctx: LabelContext | null | undefined): void {
  const store = ctx === undefined || ctx === null ? undefined : toStore(ctx);
  shared.als.enterWith(store as Store);
  shared.recorder?.(store);
}

function toStore(ctx: LabelContext): Store {
  const s = ctx as Partial<Store>;
  return 'key' in s && 'logGen' in s && ctx.labels instanceof Map
    ? (ctx as unknown as Store)
    : new LabelMap(new Map(ctx.labels));
}
