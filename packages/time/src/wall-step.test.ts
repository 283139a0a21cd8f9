// The wall clock of a real Node process steps back by sixty seconds between two now() calls (as it did,
// by one second, in Cloudflare's leap-second outage of 2017-01-01): elapsed time measured with the
// monotonic readings stays positive and right, while wall-only arithmetic shows the step.
//
// With libfaketime (Debian's faketime package), the child's libc clock_gettime(CLOCK_REALTIME) itself
// steps: Date.now() is faked below JavaScript, CLOCK_MONOTONIC is left alone
// (FAKETIME_DONT_FAKE_MONOTONIC=1), and the offset file is re-read on every call (FAKETIME_NO_CACHE=1).
// Without libfaketime the same child runs with a preload that steps its Date.now() from a file instead.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { setClocks } from './clock';
import { Duration, Millisecond, Second } from './duration';
import { now, since } from './now';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist/index.js');
const child = path.join(here, 'testdata/wall-step-child.mjs');
const preload = path.join(here, 'testdata/step-date-now.mjs');
/** Debian's libfaketime, under /usr/lib/<multiarch triplet>/faketime/, when the faketime package is installed. */
function findLibfaketime(): string | undefined {
  const dirs = fs.existsSync('/usr/lib')
    ? fs.readdirSync('/usr/lib').map((d) => path.join('/usr/lib', d))
    : [];
  return [...dirs, '/usr/lib']
    .map((d) => path.join(d, 'faketime/libfaketime.so.1'))
    .find((f) => fs.existsSync(f));
}
const libfaketime = findLibfaketime();

interface Report {
  elapsed: string;
  wallElapsed: string;
  since: string;
  before: boolean;
  dateElapsed: number;
  t0: string;
  t1: string;
}

/** Runs the child; once it has taken its first now(), writes `step` to offsetFile, waits, says "go". */
function runChild(args: string[], env: NodeJS.ProcessEnv, offsetFile: string, step: string): Promise<Report> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...args, child, dist], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    p.stderr.on('data', (b) => {
      err += b;
    });
    p.stdout.on('data', (b) => {
      out += b;
      if (out.startsWith('ready\n') && !out.includes('{')) {
        if (out === 'ready\n') {
          fs.writeFileSync(offsetFile, step);
          setTimeout(() => p.stdin.write('go\n'), 300);
          out += ' ';
        }
      }
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const json = out.slice(out.indexOf('{'));
      if (code !== 0 || !json.startsWith('{')) reject(new Error(`child exited ${code}: ${out}\n${err}`));
      else resolve(JSON.parse(json) as Report);
    });
  });
}

function checkReport(r: Report): void {
  console.log(`wall clock stepped back 60 s: t0=${r.t0}\n  t1=${r.t1}\n  ${JSON.stringify(r)}`);
  const elapsed = BigInt(r.elapsed);
  // The parent waited 300 ms between the two readings; allow a lot for a loaded machine.
  expect(elapsed).toBeGreaterThanOrEqual(250n * Millisecond);
  expect(elapsed).toBeLessThan(30n * Second);
  expect(BigInt(r.since)).toBeGreaterThanOrEqual(elapsed);
  expect(r.before).toBe(true);
  // Wall-only arithmetic sees the step: the true elapsed time minus 60 s (to the wall clock's millisecond
  // resolution, whatever the load, since both readings span the same interval).
  const wallError = BigInt(r.wallElapsed) - (elapsed - 60n * Second);
  expect(wallError > -50n * Millisecond && wallError < 50n * Millisecond).toBe(true);
  expect(Math.abs(r.dateElapsed - (Number(elapsed) / 1e6 - 60_000))).toBeLessThan(50);
}

describe('a real Node process whose wall clock steps back', () => {
  if (!fs.existsSync(dist)) console.warn(`SKIP wall-step child tests: ${dist} is not built (run npx tsup)`);

  it.skipIf(!libfaketime || !fs.existsSync(dist))(
    'libfaketime steps CLOCK_REALTIME, not CLOCK_MONOTONIC',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-time-'));
      const spec = path.join(dir, 'faketime');
      fs.writeFileSync(spec, '+0');
      const r = await runChild(
        [],
        {
          LD_PRELOAD: libfaketime,
          FAKETIME_TIMESTAMP_FILE: spec,
          FAKETIME_NO_CACHE: '1',
          FAKETIME_DONT_FAKE_MONOTONIC: '1',
        },
        spec,
        '-60',
      );
      checkReport(r);
    },
  );
  if (!libfaketime) {
    console.warn('SKIP the libfaketime wall-step test: apt-get install faketime to run it');
  }

  it.skipIf(!fs.existsSync(dist))('a preload steps Date.now() from a file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-time-'));
    const offset = path.join(dir, 'offset');
    fs.writeFileSync(offset, '0');
    const r = await runChild(['--import', preload], { WALL_OFFSET_FILE: offset }, offset, '-60000');
    checkReport(r);
  });
});

describe('injected clocks', () => {
  it('a leap second repeats a wall second; Sub and since stay positive', () => {
    // 2016-12-31 23:59:59.900 UTC, then the wall clock repeats 23:59:59 as the leap second is inserted.
    const walls = [1483228799900, 1483228799100];
    const monos = [0n, 1_000_000_000n, 1_800_000_000n, 1_900_000_000n]; // the first is read as the origin
    let w = 0;
    let m = 0;
    setClocks({
      wall: () => walls[Math.min(w++, walls.length - 1)]!,
      mono: () => monos[Math.min(m++, monos.length - 1)]!,
    });
    try {
      const start = now();
      const end = now();
      expect(Duration.string(end.sub(start))).toBe('800ms');
      expect(Duration.string(end.round(0n).sub(start.round(0n)))).toBe('-800ms');
      expect(start.before(end)).toBe(true);
      expect(start.round(0n).before(end.round(0n))).toBe(false);
      expect(Duration.string(since(start))).toBe('900ms');
      expect(start.string()).toBe('2016-12-31 23:59:59.9 +0000 UTC m=+1.000000001');
    } finally {
      setClocks();
    }
  });
});
