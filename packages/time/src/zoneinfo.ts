// Go's *time.Location: a set of zones (abbreviation, offset, DST flag), the
// transitions between them, and the footer rule for times after the last
// transition. Lookups answer through module-level scratch variables (zName,
// zOffset, zStart, zEnd, zIsDST) so that formatting a time allocates nothing.
import { badArg } from './check';
import { initLocal } from './zoneinfo-load';
import { tzset } from './zoneinfo-rule';

/** One zone of a Location: "CET", 3600 seconds east of UTC, not DST. */
export interface Zone {
  name: string;
  offset: number;
  isDST: boolean;
}

/** One transition: from Unix second `when` on, zone `index` is in force. */
export interface ZoneTrans {
  when: number;
  /** `when` exactly, when it is beyond 2^53 in magnitude (only in hand-made TZif data), so rounded. */
  exact?: bigint;
  index: number;
  isstd: boolean;
  isutc: boolean;
}

/** The start of time for zone bounds (Go's alpha, -1 << 63). */
export const alpha = -Infinity;
/** The end of time for zone bounds (Go's omega, 1<<63 - 1). */
export const omega = Infinity;

/** Name of the zone found by the last lookup. */
export let zName = '';
/** Offset in seconds east of UTC of the zone found by the last lookup. */
export let zOffset = 0;
/** Unix second at which that zone started (alpha when it always was in force). */
export let zStart = alpha;
/** Unix second at which that zone ends (omega when it never does). */
export let zEnd = omega;
/** Whether that zone is daylight saving time. */
export let zIsDST = false;
/** zStart and zEnd exactly, when the lookup was given an exact second beyond 2^53 and a rule answered. */
export let zStartExact: bigint | null = null;
export let zEndExact: bigint | null = null;

/**
 * A Location maps time instants to the zone in use at that time. Typically it represents the collection
 * of time offsets in use in a geographical area (`loadLocation('Europe/Paris')`); `UTC`, `Local` and
 * `fixedZone(name, offset)` are the others. Make one with those; the constructor is internal.
 *
 * @example
 * ```ts
 * import { date, fixedZone, UTC } from '@gostd/time';
 * const est = fixedZone('EST', -5 * 3600);
 * const t = date(2009, 11, 10, 23, 0, 0, 0, UTC);
 * console.log(t.in(est).string(), est.string());
 * // Output:
 * // 2009-11-10 18:00:00 -0500 EST EST
 * ```
 */
export class Location {
  /** @internal */ name: string;
  /** @internal */ zone: Zone[];
  /** @internal */ tx: ZoneTrans[];
  /** @internal The footer's TZ rule for times after the last transition, or "". */
  extend: string;
  /** @internal The zone in force from cacheStart to cacheEnd (the present, when loaded). */
  cacheStart = alpha;
  /** @internal */ cacheEnd = omega;
  /** @internal */ cacheZone: Zone | null = null;
  /**
   * @internal The cache when a transition beyond 2^53 (hand-made TZif data) made cacheStart or cacheEnd a
   * rounded float: the zone and both bounds exactly. cacheZone is then null, and search checks this one,
   * so that lookup's fast path stays as it is for real zones.
   */
  cacheExact: [zone: Zone, start: bigint | null, end: bigint | null] | null = null;
  /** @internal Whether some transition is beyond 2^53 (tx[i].exact is set): search then compares exactly. */
  rounded = false;

  /** @internal */
  constructor(name: string, zone: Zone[] = [], tx: ZoneTrans[] = [], extend = '') {
    this.name = name;
    this.zone = zone;
    this.tx = tx;
    this.extend = extend;
  }

  /** @internal The location itself, after loading Local's data the first time Local is used. */
  get(): Location {
    if (this === Local && !localLoaded) {
      localLoaded = true;
      initLocal(Local);
    }
    return this;
  }

  /**
   * string returns a descriptive name for the time zone information, corresponding to the name argument
   * to loadLocation or fixedZone.
   *
   * @example
   * ```ts
   * import { fixedZone, UTC } from '@gostd/time';
   * console.log(UTC.string(), fixedZone('UTC+8', 8 * 3600).string());
   * // Output:
   * // UTC UTC+8
   * ```
   */
  string(): string {
    return this.get().name;
  }

  /** toString is string(). */
  toString(): string {
    return this.string();
  }

  /**
   * @internal Finds the zone in use at Unix second sec and leaves it in zName, zOffset, zStart, zEnd and
   * zIsDST; returns zOffset. Beyond 2^53, exact is sec as an exact bigint, so that a footer rule computes
   * its bounds exactly (zStartExact, zEndExact).
   */
  lookup(sec: number, exact: bigint | null = null): number {
    const l = this === Local ? this.get() : this;
    if (l.zone.length === 0) return setZone('UTC', 0, alpha, omega, false);
    const c = l.cacheZone;
    if (c !== null && l.cacheStart <= sec && sec < l.cacheEnd) {
      return setZone(c.name, c.offset, l.cacheStart, l.cacheEnd, c.isDST);
    }
    return l.search(sec, exact);
  }

  /**
   * @internal lookup past its fast cases (UTC, the cached zone): the zone's transitions, then its footer
   * rule. Apart, so that lookup is small enough for V8 to inline into its callers.
   */
  search(sec: number, exact: bigint | null): number {
    if (this.rounded) return this.searchExact(sec, exact);
    const tx = this.tx;
    if (tx.length === 0 || sec < (tx[0] as ZoneTrans).when) {
      const z = this.zone[this.firstZone()] as Zone;
      return setZone(z.name, z.offset, alpha, tx.length > 0 ? (tx[0] as ZoneTrans).when : omega, z.isDST);
    }
    // Binary search for the last transition at or before sec.
    let lo = 0;
    let hi = tx.length;
    let end = omega;
    while (hi - lo > 1) {
      const m = (lo + hi) >>> 1;
      const when = (tx[m] as ZoneTrans).when;
      if (sec < when) {
        end = when;
        hi = m;
      } else lo = m;
    }
    const z = this.zone[(tx[lo] as ZoneTrans).index] as Zone;
    const start = (tx[lo] as ZoneTrans).when;
    if (lo === tx.length - 1 && this.extend !== '') {
      const r = tzset(this.extend, start, sec, exact);
      if (r !== null) {
        setZone(r.name, r.offset, r.start, r.end, r.isDST);
        zStartExact = r.startExact;
        zEndExact = r.endExact;
        return r.offset;
      }
    }
    return setZone(z.name, z.offset, start, end, z.isDST);
  }

  /**
   * @internal search for a location with transitions beyond 2^53 (only hand-made TZif data has them): the
   * same steps, comparing exactly where both sides are beyond 2^53 and giving exact bounds.
   */
  searchExact(sec: number, exact: bigint | null): number {
    const ce = this.cacheExact;
    if (ce !== null) {
      // The cache, checked first as Go checks it (with unsorted transitions its answer can differ).
      const [c, startExact, endExact] = ce;
      if (!before(sec, exact, this.cacheStart, startExact) && before(sec, exact, this.cacheEnd, endExact)) {
        setZone(c.name, c.offset, this.cacheStart, this.cacheEnd, c.isDST);
        zStartExact = startExact;
        zEndExact = endExact;
        return c.offset;
      }
    }
    const tx = this.tx;
    if (tx.length === 0 || beforeTx(sec, exact, tx[0] as ZoneTrans)) {
      const z = this.zone[this.firstZone()] as Zone;
      const first = tx[0];
      setZone(z.name, z.offset, alpha, first !== undefined ? first.when : omega, z.isDST);
      zEndExact = first?.exact ?? null;
      return z.offset;
    }
    let lo = 0;
    let hi = tx.length;
    let next: ZoneTrans | null = null;
    while (hi - lo > 1) {
      const m = (lo + hi) >>> 1;
      const t = tx[m] as ZoneTrans;
      if (beforeTx(sec, exact, t)) {
        next = t;
        hi = m;
      } else lo = m;
    }
    const last = tx[lo] as ZoneTrans;
    const z = this.zone[last.index] as Zone;
    if (lo === tx.length - 1 && this.extend !== '') {
      const r = tzset(this.extend, last.when, sec, exact, last.exact ?? null);
      if (r !== null) {
        setZone(r.name, r.offset, r.start, r.end, r.isDST);
        zStartExact = r.startExact;
        zEndExact = r.endExact;
        return r.offset;
      }
    }
    setZone(z.name, z.offset, last.when, next === null ? omega : next.when, z.isDST);
    zStartExact = last.exact ?? null;
    zEndExact = next?.exact ?? null;
    return z.offset;
  }

  /**
   * @internal The zone for times before the first transition: the first zone unless a transition uses it;
   * then the first standard zone before the first transition's zone, or the first standard zone, or zone 0.
   */
  firstZone(): number {
    if (!this.tx.some((t) => t.index === 0)) return 0;
    const first = this.tx[0];
    if (first && (this.zone[first.index] as Zone).isDST) {
      for (let i = first.index - 1; i >= 0; i--) if (!(this.zone[i] as Zone).isDST) return i;
    }
    const std = this.zone.findIndex((z) => !z.isDST);
    return Math.max(std, 0);
  }

  /**
   * @internal The offset of the zone called name at about Unix second unix, or null when the location has
   * no such zone: a zone of that name in force then wins, else the first zone of that name.
   */
  lookupName(name: string, unix: number): number | null {
    const l = this.get();
    for (const z of l.zone) {
      if (z.name === name) {
        const offset = l.lookup(unix - z.offset);
        if (zName === z.name) return offset;
      }
    }
    for (const z of l.zone) if (z.name === name) return z.offset;
    return null;
  }
}

/**
 * Whether Unix second sec (exact: the same exactly, when beyond 2^53) is before transition t. Floats
 * order right unless both are beyond 2^53, where they may have rounded to one value.
 */
function beforeTx(sec: number, exact: bigint | null, t: ZoneTrans): boolean {
  return before(sec, exact, t.when, t.exact ?? null);
}

/** Whether Unix second sec (exact: the same exactly, beyond 2^53) is before bound (boundExact: exactly). */
function before(sec: number, exact: bigint | null, bound: number, boundExact: bigint | null): boolean {
  return exact !== null && boundExact !== null ? exact < boundExact : sec < bound;
}

function setZone(name: string, offset: number, start: number, end: number, isDST: boolean): number {
  zName = name;
  zOffset = offset;
  zStart = start;
  zEnd = end;
  zIsDST = isDST;
  zStartExact = null;
  zEndExact = null;
  return offset;
}

/**
 * UTC represents Universal Coordinated Time (UTC).
 *
 * @example
 * ```ts
 * import { unix, UTC } from '@gostd/time';
 * console.log(unix(0n, 0n).in(UTC).string());
 * // Output:
 * // 1970-01-01 00:00:00 +0000 UTC
 * ```
 */
export const UTC = /*#__PURE__*/ new Location('UTC');

let localLoaded = false;

/**
 * Local represents the system's local time zone, as Go finds it: the zone named by the `TZ` environment
 * variable (`TZ=""` or `TZ="UTC"` means UTC; an absolute path names a TZif file), else `/etc/localtime`,
 * else UTC. Its data is read the first time a time in Local is used, not at import.
 *
 * @example
 * ```ts
 * import { Local, now } from '@gostd/time';
 * console.log(now().location() === Local, Local.string().length > 0);
 * // Output:
 * // true true
 * ```
 */
export const Local = /*#__PURE__*/ new Location('Local');

/** @internal Forgets Local's data, so that the next use reads TZ again (for tests). */
export function resetLocal(): void {
  localLoaded = false;
  Local.name = 'Local';
  Local.zone = [];
  Local.tx = [];
  Local.extend = '';
  Local.cacheStart = alpha;
  Local.cacheEnd = omega;
  Local.cacheZone = null;
  Local.cacheExact = null;
}

const unnamedFixedZones: Location[] = [];

function newFixedZone(name: string, offset: number): Location {
  const l = new Location(
    name,
    [{ name, offset, isDST: false }],
    [{ when: alpha, index: 0, isstd: false, isutc: false }],
  );
  l.cacheZone = l.zone[0] as Zone;
  return l;
}

/**
 * fixedZone returns a Location that always uses the given zone name and offset (seconds east of UTC).
 * Unnamed zones of whole hours from -12 to +14 are shared, as in Go.
 *
 * @example
 * ```ts
 * import { date, fixedZone, UTC } from '@gostd/time';
 * const loc = fixedZone('UTC-8', -8 * 60 * 60);
 * const t = date(2009, 11, 10, 23, 0, 0, 0, loc);
 * console.log('The time is:', t.format('2006-01-02 15:04:05 MST -0700'));
 * console.log(fixedZone('', 3600) === fixedZone('', 3600));
 * // Output:
 * // The time is: 2009-11-10 23:00:00 UTC-8 -0800
 * // true
 * ```
 */
export function fixedZone(name: string, offset: number): Location {
  if (typeof name !== 'string') badArg('fixedZone', 'name', 'a string', name);
  if (!Number.isSafeInteger(offset)) badArg('fixedZone', 'offset', 'an integer number of seconds', offset);
  const hour = Math.trunc(offset / 3600);
  if (name === '' && hour >= -12 && hour <= 14 && hour * 3600 === offset) {
    let l = unnamedFixedZones[hour + 12];
    if (!l) {
      l = newFixedZone('', offset);
      unnamedFixedZones[hour + 12] = l;
    }
    return l;
  }
  return newFixedZone(name, offset);
}
