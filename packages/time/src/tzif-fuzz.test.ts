// loadLocationFromTZData on hostile TZif data, against the machine's Go (testdata/tzdata-fuzz.go): 11 real
// zone files as they are, two hand-made ones with 300,000-byte strings, and seeded mutations of the real
// ones (bytes changed, the data cut short, header counts and the version set to edge values, abbreviation
// indexes and DST flags changed, the footer's TZ rule edited or replaced by a random one). For each, Go's
// answer (its error, or the zone name, offset, isDST and zone bounds at 25 instants from -2^63 to 2^63-1)
// must be ours. GOSTD_TIME_SEED picks other mutations; SHOW_DIFFS=n prints more of the differences.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goBuild, requireGo, SplitMix64 } from '@gostd/testing';
import { describe, expect, it } from 'vitest';
import { mutate, oddZones } from './testdata/seeded';
import { unix } from './time';
import { loadLocationFromTZData } from './zoneinfo-read';

const oracle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata/tzdata-fuzz.go');
const rng = new SplitMix64(BigInt(process.env.GOSTD_TIME_SEED ?? 20261207));
const below = (n: number) => rng.below(n);
const pick = <T>(xs: readonly T[]): T => rng.pick(xs);

const zones = [
  ...oddZones,
  'UTC',
  'America/Los_Angeles',
  'Europe/London',
  'America/Sao_Paulo',
  'Asia/Tehran',
];
const files = zones.map((z) => new Uint8Array(fs.readFileSync(path.join('/usr/share/zoneinfo', z))));

const instants = [
  -(1n << 63n),
  -(1n << 62n),
  -62135596800n,
  -5000000000n,
  -2208988800n,
  -1000000000n,
  -1n,
  0n,
  1n,
  300000000n,
  946684800n,
  1000000000n,
  1300000000n,
  1700000000n,
  1711846800n,
  1729990800n,
  2000000000n,
  2147483647n,
  2147483648n,
  4102444800n,
  7258118400n,
  13000000000n,
  1n << 40n,
  (1n << 62n) + 12345n,
  (1n << 63n) - 1n,
];

/** Where the 64-bit block's header starts (the second "TZif"), or -1. */
function secondHeader(b: Uint8Array): number {
  for (let i = 44; i + 4 <= b.length; i++) {
    if (b[i] === 0x54 && b[i + 1] === 0x5a && b[i + 2] === 0x69 && b[i + 3] === 0x66) return i;
  }
  return -1;
}

/** Where the footer's TZ string starts (after the next-to-last newline), or -1. */
function footerStart(b: Uint8Array): number {
  if (b[b.length - 1] !== 10) return -1;
  for (let i = b.length - 2; i >= 0; i--) if (b[i] === 10) return i + 1;
  return -1;
}

const edge32 = [0, 1, 2, 5, 0xff, 0x100, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff];
const ruleNoise = [
  '0',
  '1',
  '2',
  '7',
  '9',
  ',',
  'M',
  'J',
  '/',
  '<',
  '>',
  '+',
  '-',
  ':',
  '.',
  'A',
  'z',
  '24',
  '167',
];

/** A random TZ rule: names, offsets and rules at and past the edges of what POSIX allows. */
function randomRule(): string {
  const name = () => pick(['EST', 'X', 'AB', '<+0545>', '<-03>', '<A1>', '<>', 'ABCDEFGH', '']);
  const off = () =>
    `${pick(['', '+', '-'])}${below(170)}${below(2) ? `:${below(61)}` : ''}${below(3) ? '' : `:${below(61)}`}`;
  const date = () =>
    pick([
      `M${below(14)}.${below(7)}.${below(8)}`,
      `J${below(368)}`,
      `${below(367)}`,
      `M${below(13)}.${below(6)}.${below(7)}`,
    ]);
  const at = () =>
    below(2) ? `/${pick(['', '-', '+'])}${below(170)}${below(2) ? `:${below(61)}` : ''}` : '';
  let s = name() + off();
  if (below(4) > 0) {
    s += name();
    if (below(2)) s += off();
    if (below(4) > 0) s += `,${date()}${at()},${date()}${at()}`;
  }
  return s;
}

function mutated(): Uint8Array {
  const b = Uint8Array.from(pick(files));
  const set32 = (at: number, v: number) => {
    if (at + 4 > b.length) return;
    b[at] = v >>> 24;
    b[at + 1] = (v >>> 16) & 0xff;
    b[at + 2] = (v >>> 8) & 0xff;
    b[at + 3] = v & 0xff;
  };
  switch (below(8)) {
    case 0:
      for (let k = 1 + below(4); k > 0; k--) b[below(b.length)] = below(256);
      return b;
    case 1:
      return b.subarray(0, below(b.length));
    case 2:
      set32(20 + 4 * below(6), pick(edge32));
      return b;
    case 3: {
      const h = secondHeader(b);
      set32(Math.max(h, 0) + 20 + 4 * below(6), below(2) ? pick(edge32) : below(64));
      return b;
    }
    case 4:
      b[4] = pick([0, 0x31, 0x32, 0x33, 0x34, 0x78]);
      return b;
    case 5: {
      // A zone type's isDST flag or abbreviation index, in the 64-bit block.
      const h = secondHeader(b);
      if (h < 0) return b;
      const n = (i: number) =>
        ((b[h + 20 + 4 * i]! << 24) |
          (b[h + 21 + 4 * i]! << 16) |
          (b[h + 22 + 4 * i]! << 8) |
          b[h + 23 + 4 * i]!) >>>
        0;
      const types = h + 44 + n(3) * 9;
      const t = types + 6 * below(Math.max(n(4), 1));
      if (t + 6 <= b.length) b[t + 4 + below(2)] = pick([0, 1, 2, 0x7f, 0xff, below(256)]);
      return b;
    }
    default: {
      const f = footerStart(b);
      if (f < 0) return b;
      const old = String.fromCharCode(...b.subarray(f, b.length - 1));
      const rule = below(2) ? mutate(old, 3, rng, ruleNoise) : randomRule();
      const out = new Uint8Array(f + rule.length + 1);
      out.set(b.subarray(0, f));
      for (let i = 0; i < rule.length; i++) out[f + i] = rule.charCodeAt(i) & 0xff;
      out[out.length - 1] = 10;
      return out;
    }
  }
}

/**
 * Two files with strings longer than a JavaScript call takes as arguments (String.fromCharCode(...bytes)
 * threw "Maximum call stack size exceeded" past about 120,000): an abbreviation of 300,000 bytes with no
 * NUL, and a real zone whose footer is 300,000 digits.
 */
function longStrings(): Uint8Array[] {
  const n = 300_000;
  const abbrev = new Uint8Array(44 + 6 + n).fill(0x42);
  abbrev.set([0x54, 0x5a, 0x69, 0x66], 0); // "TZif", version 1
  abbrev.fill(0, 4, 44);
  const view = new DataView(abbrev.buffer);
  view.setUint32(36, 1); // one zone type
  view.setUint32(40, n); // n bytes of abbreviations
  view.setInt32(44, 3600);
  abbrev[48] = 0;
  abbrev[49] = 0;
  const base = files[5] as Uint8Array; // Asia/Kathmandu
  const f = footerStart(base);
  const footer = new Uint8Array(f + n + 1).fill(0x37);
  footer.set(base.subarray(0, f));
  footer[footer.length - 1] = 10;
  return [abbrev, footer];
}

/** Go's %x of a zone name: its bytes (one per character: names are read byte by byte) in hex. */
function hex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c < 256 ? c.toString(16).padStart(2, '0') : `U+${c.toString(16)}`;
  }
  return out;
}

/** The first instant at which two answers differ, or the whole answers when they differ in kind. */
function firstDifference(go: string, ours: string): string {
  const a = go.split(' | ');
  const b = ours.split(' | ');
  if (a.length !== b.length || a[0] !== b[0]) return `  go:   ${go}\n  ours: ${ours}`;
  const i = a.findIndex((x, k) => x !== b[k]);
  return `  at ${instants[i - 1]}:\n  go:   ${a[i]}\n  ours: ${b[i]}`;
}

function ours(data: Uint8Array): string {
  let loc: ReturnType<typeof loadLocationFromTZData>;
  try {
    loc = loadLocationFromTZData('Fuzz/Zone', data);
  } catch (e) {
    return `err ${(e as Error).message}`;
  }
  let out = 'ok';
  for (const sec of instants) {
    const t = unix(sec, 0n).in(loc);
    const [name, off] = t.zone();
    const [start, end] = t.zoneBounds();
    out += ` | ${hex(name)} ${off} ${t.isDST()} ${start.unix()}/${start.isZero()} ${end.unix()}/${end.isZero()}`;
  }
  return out;
}

describe.skipIf(!requireGo('@gostd/time TZif fuzzing against Go'))(
  'loadLocationFromTZData on mutated TZif data',
  () => {
    it('answers as Go does for 11 zone files, 3,000 mutations of them and two with 300,000-byte strings', () => {
      const blobs = [...files, ...longStrings(), ...Array.from({ length: 3000 }, mutated)];
      const input = `${blobs.map((b) => Buffer.from(b).toString('base64')).join('\n')}\n`;
      const want = execFileSync(goBuild(oracle), [], { input, encoding: 'utf8', maxBuffer: 1 << 28 }).split(
        '\n',
      );
      const diffs: string[] = [];
      let ok = 0;
      blobs.forEach((b, i) => {
        const got = ours(b);
        if (got.startsWith('ok')) ok++;
        if (got !== want[i])
          diffs.push(
            `#${i} ${Buffer.from(b).toString('base64').slice(0, 2000)}\n${firstDifference(want[i] ?? '', got)}`,
          );
      });
      expect(
        diffs.slice(0, Number(process.env.SHOW_DIFFS ?? 3)).join('\n'),
        `${diffs.length} of ${blobs.length} differ`,
      ).toBe('');
      // The mutations must leave enough files loadable for the lookups to be tested too.
      expect(ok).toBeGreaterThan(1000);
    }, 120_000);
  },
);
