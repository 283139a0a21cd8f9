// The rule of a TZif footer (a POSIX TZ string such as "PST8PDT,M3.2.0,M11.1.0",
// or "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0" for Lord Howe), which says when a
// zone changes after its last recorded transition. Written from POSIX's
// description of TZ (Base Definitions, 8.3) and Go's extensions to it: offsets
// up to 167 hours and rule times from -167 to 167 hours (RFC 8536, 3.3.1).
import { absDate, daysBefore, daysIn, dYday, dYear, isLeap, unixAbsDays } from './calendar';

/** Which kind of date a rule names: Jn (1..365, no Feb 29), n (0..365), or Mm.w.d. */
enum Kind {
  Julian,
  DayOfYear,
  MonthWeekDay,
}

interface Rule {
  kind: Kind;
  day: number;
  week: number;
  mon: number;
  /** Seconds after local midnight at which the change happens (local time of the zone in force). */
  time: number;
}

/** The result of a successful tzset: the zone in force and when it started and ends. */
export interface RuleZone {
  name: string;
  offset: number;
  start: number;
  end: number;
  isDST: boolean;
  /** start and end exactly, when tzset was given an exact second beyond 2^53 (else null). */
  startExact: bigint | null;
  endExact: bigint | null;
}

/** A cursor over the TZ string. */
let s = '';
let at = 0;

function name(): string | null {
  if (at >= s.length) return null;
  if (s[at] === '<') {
    const close = s.indexOf('>', at);
    if (close < 0) return null;
    const n = s.slice(at + 1, close);
    at = close + 1;
    return n;
  }
  let i = at;
  while (i < s.length && !'0123456789,-+'.includes(s[i] as string)) i++;
  if (i - at < 3) return null;
  const n = s.slice(at, i);
  at = i;
  return n;
}

function num(min: number, max: number): number | null {
  let i = at;
  let n = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + c - 48;
    if (n > max) return null;
    i++;
  }
  if (i === at || n < min) return null;
  at = i;
  return n;
}

/** [+|-]hh[:mm[:ss]] in seconds, hours up to 167. */
function offset(): number | null {
  if (at >= s.length) return null;
  let neg = false;
  if (s[at] === '+') at++;
  else if (s[at] === '-') {
    at++;
    neg = true;
  }
  const h = num(0, 24 * 7);
  if (h === null) return null;
  let off = h * 3600;
  if (s[at] === ':') {
    at++;
    const m = num(0, 59);
    if (m === null) return null;
    off += m * 60;
    if (s[at] === ':') {
      at++;
      const sec = num(0, 59);
      if (sec === null) return null;
      off += sec;
    }
  }
  return neg ? -off : off;
}

function rule(): Rule | null {
  if (at >= s.length) return null;
  const r: Rule = { kind: Kind.DayOfYear, day: 0, week: 0, mon: 0, time: 2 * 3600 };
  if (s[at] === 'J') {
    at++;
    const d = num(1, 365);
    if (d === null) return null;
    r.kind = Kind.Julian;
    r.day = d;
  } else if (s[at] === 'M') {
    at++;
    const m = num(1, 12);
    if (m === null || s[at] !== '.') return null;
    at++;
    const w = num(1, 5);
    if (w === null || s[at] !== '.') return null;
    at++;
    const d = num(0, 6);
    if (d === null) return null;
    r.kind = Kind.MonthWeekDay;
    r.mon = m;
    r.week = w;
    r.day = d;
  } else {
    const d = num(0, 365);
    if (d === null) return null;
    r.day = d;
  }
  if (s[at] === '/') {
    at++;
    const t = offset();
    if (t === null) return null;
    r.time = t;
  }
  return r;
}

/** Seconds from the start of year (UTC) to the moment rule r happens, for a zone at UTC offset off. */
function ruleTime(year: number, r: Rule, off: number): number {
  let d: number;
  if (r.kind === Kind.Julian) {
    d = r.day - 1 + (isLeap(year) && r.day >= 60 ? 1 : 0);
  } else if (r.kind === Kind.DayOfYear) {
    d = r.day;
  } else {
    // The weekday of the first of the month by Zeller's congruence, as Go computes it: with truncating
    // division, which for years before 1 (only a rule's far past reaches them) is off, like Go's.
    const m1 = ((r.mon + 9) % 12) + 1;
    const yy0 = r.mon <= 2 ? year - 1 : year;
    const yy1 = Math.trunc(yy0 / 100);
    const yy2 = yy0 % 100;
    let dow =
      (Math.trunc((26 * m1 - 2) / 10) + 1 + yy2 + Math.trunc(yy2 / 4) + Math.trunc(yy1 / 4) - 2 * yy1) % 7;
    if (dow < 0) dow += 7;
    // Then the week-th such weekday (5 = the last).
    d = r.day - dow;
    if (d < 0) d += 7;
    for (let i = 1; i < r.week; i++) {
      if (d + 7 >= daysIn(r.mon, year)) break;
      d += 7;
    }
    d += daysBefore(r.mon) + (isLeap(year) && r.mon > 2 ? 1 : 0);
  }
  return d * 86400 + r.time - off;
}

/**
 * Evaluates the TZ string tz at Unix time sec, which lies after the last transition lastTx: the zone in
 * force then, or null when tz is not a valid rule.
 */
export function tzset(
  tz: string,
  lastTx: number,
  sec: number,
  exact: bigint | null = null,
  lastTxExact: bigint | null = null,
): RuleZone | null {
  s = tz;
  at = 0;
  let stdName = name();
  if (stdName === null) return null;
  let stdOffset = offset();
  if (stdOffset === null) return null;
  stdOffset = -stdOffset;
  if (at === s.length || s[at] === ',') {
    return {
      name: stdName,
      offset: stdOffset,
      start: lastTx,
      end: Number.POSITIVE_INFINITY,
      isDST: false,
      startExact: lastTxExact,
      endExact: null,
    };
  }
  let dstName = name();
  if (dstName === null) return null;
  let dstOffset: number | null;
  if (at === s.length || s[at] === ',') dstOffset = stdOffset + 3600;
  else {
    dstOffset = offset();
    if (dstOffset === null) return null;
    dstOffset = -dstOffset;
  }
  if (at === s.length) {
    s = ',M3.2.0,M11.1.0';
    at = 0;
  }
  if (s[at] !== ',' && s[at] !== ';') return null;
  at++;
  const startRule = rule();
  if (startRule === null || s[at] !== ',') return null;
  at++;
  const endRule = rule();
  if (endRule === null || at !== s.length) return null;

  // Beyond 2^53 seconds the day and the second of the day come from the exact bigint, and the day as
  // Go's absSeconds does: the absolute second wraps in 64 bits, so within a year or so of -2^63 Go
  // computes the year of the wrapped second (and so does this).
  let ad: number;
  let rem: number;
  if (exact === null) {
    ad = Math.floor(sec / 86400) + unixAbsDays;
    rem = sec % 86400;
  } else {
    ad = Number(BigInt.asUintN(64, exact + BigInt(unixAbsDays) * 86400n) / 86400n);
    rem = Number(exact % 86400n);
  }
  absDate(ad);
  const year = dYear;
  // As Go does, with a truncating remainder: before 1970 this lands a day early (Go's behaviour).
  const ysec = (dYday - 1) * 86400 + rem;
  const ystart = sec - ysec;
  const zone = (name: string, offset: number, start: number, end: number, isDST: boolean): RuleZone => ({
    name,
    offset,
    start: ystart + start,
    end: ystart + end,
    isDST,
    // Exact, and wrapped in int64 as Go's sums are (Go's ystart + start may pass 2^63).
    startExact: exact === null ? null : BigInt.asIntN(64, exact - BigInt(ysec) + BigInt(start)),
    endExact: exact === null ? null : BigInt.asIntN(64, exact - BigInt(ysec) + BigInt(end)),
  });

  let startSec = ruleTime(year, startRule, stdOffset);
  let endSec = ruleTime(year, endRule, dstOffset);
  let dstIsDST = true;
  let stdIsDST = false;
  if (endSec < startSec) {
    // The southern hemisphere: the zone "in between" is standard time.
    [startSec, endSec] = [endSec, startSec];
    [stdName, dstName] = [dstName, stdName];
    [stdOffset, dstOffset] = [dstOffset, stdOffset];
    [stdIsDST, dstIsDST] = [dstIsDST, stdIsDST];
  }
  if (ysec < startSec) return zone(stdName, stdOffset, 0, startSec, stdIsDST);
  if (ysec >= endSec) return zone(stdName, stdOffset, endSec, 365 * 86400, stdIsDST);
  return zone(dstName, dstOffset, startSec, endSec, dstIsDST);
}
