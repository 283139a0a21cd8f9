// Adversarial suite: many writers of one env file at once — processes, worker threads, the command itself,
// writers killed mid-write — and every write that returned is in the file afterwards (issue 13, defect 5).
// The writers are src/testdata/writer.mjs running the built package (npx tsup first; turbo builds before tests).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { defineEnv } from './define-env';
import { parseEnvFile } from './env-file';
import { lockDir, lockHost } from './lock-file';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = pathToFileURL(path.resolve(here, '../dist/index.js')).href;
const writer = path.join(here, 'testdata/writer.mjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-env-concurrent-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

let files = 0;
const newFile = () => path.join(work, `f${files++}`, 'env');

interface Run {
  /** The last i each writer printed, -1 when it printed none. */
  acked: number[];
  codes: (number | null)[];
}

/** startWriter runs writer.mjs as a process (or a worker thread) and tracks the last write it reported. */
function startWriter(kind: 'process' | 'worker', argv: string[], acked: number[], id: number) {
  let buf = '';
  const onData = (d: Buffer | string) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop()!;
    if (lines.length > 0) acked[id] = Number(lines[lines.length - 1]);
  };
  if (kind === 'process') {
    const child = spawn(process.execPath, [writer, ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', onData);
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, done };
  }
  const w = new Worker(writer, { argv, stdout: true });
  w.stdout.on('data', onData);
  w.on('error', (e) => console.error(`worker ${id}: ${e.message}`));
  const done = new Promise<number | null>((resolve) => w.on('exit', (code) => resolve(code)));
  return { child: undefined, done };
}

async function runWriters(
  kind: 'process' | 'worker',
  file: string,
  writers: number,
  writes: number,
  shared: boolean,
  log = '-',
): Promise<Run> {
  const acked = Array.from({ length: writers }, () => -1);
  const runs = Array.from({ length: writers }, (_, id) =>
    startWriter(kind, [dist, file, String(id), String(writes), shared ? '1' : '0', log], acked, id),
  );
  const codes = await Promise.all(runs.map((r) => r.done));
  return { acked, codes };
}

/** missing lists what the file lacks of what writer id did in its writes 0..last (K_id_i=v<i>, every third unset). */
function missing(m: Map<string, string>, id: number, last: number, inFlight = -1): string[] {
  const out: string[] = [];
  for (let i = 0; i <= last; i++) {
    const key = `K_${id}_${i}`;
    const want = i % 3 === 0 ? undefined : `v${i}`;
    if (m.get(key) !== want) out.push(`${key}=${m.get(key)} (want ${want})`);
  }
  // Keys never written, beyond the write in flight when a writer was killed, must be absent.
  for (const key of m.keys()) {
    const mm = /^K_(\d+)_(\d+)$/.exec(key);
    if (mm && Number(mm[1]) === id && Number(mm[2]) > Math.max(last, inFlight))
      out.push(`${key} never written`);
  }
  return out;
}

function checkAll(file: string, run: Run, writes: number, shared: boolean): void {
  const m = parseEnvFile(fs.readFileSync(file, 'utf8'), file);
  expect(run.codes).toEqual(run.acked.map(() => 0));
  // Each writer reported its last write: it returned, so it must be in the file.
  expect(run.acked).toEqual(run.acked.map(() => writes - 1));
  const lost = run.acked.flatMap((_, id) => missing(m, id, writes - 1));
  expect(lost.length, `${lost.length} of ${run.acked.length * writes} writes lost: ${lost.slice(0, 5)}`).toBe(
    0,
  );
  if (shared) {
    // SHARED ends as the last write of one of the writers.
    expect(run.acked.map((_, id) => `${id}-${writes - 1}`)).toContain(m.get('SHARED'));
  }
  // No temporary file is left beside the env file.
  expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

/** overlaps returns the places where the log of enter/exit lines shows two writers in the critical section. */
function overlaps(log: string): string[] {
  const out: string[] = [];
  let inside: string | undefined;
  for (const line of fs.readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const [id, what] = line.split(' ');
    if (what === 'enter') {
      if (inside !== undefined) out.push(`${id} entered while ${inside} was inside`);
      inside = id;
    } else if (inside === id) inside = undefined;
  }
  return out;
}

describe('concurrent writers', () => {
  it('4 processes writing and unsetting distinct keys lose nothing', async () => {
    const file = newFile();
    const run = await runWriters('process', file, 4, 60, false);
    checkAll(file, run, 60, false);
  });

  it('4 processes writing one shared key and distinct keys lose nothing, one at a time', async () => {
    const file = newFile();
    const log = path.join(work, 'shared.log');
    const run = await runWriters('process', file, 4, 30, true, log);
    checkAll(file, run, 30, true);
    expect(overlaps(log)).toEqual([]);
  });

  it('4 processes finding the lock of a crashed writer at once: one succeeds it, then one at a time', async () => {
    const file = newFile();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.mkdirSync(lockDir(file), { recursive: true });
    fs.writeFileSync(
      path.join(lockDir(file), '41'),
      JSON.stringify({ pid: dead, host: lockHost(), time: Date.now(), nonce: 'crashed' }),
    );
    const log = path.join(work, 'stale.log');
    const run = await runWriters('process', file, 4, 15, true, log);
    checkAll(file, run, 15, true);
    expect(overlaps(log)).toEqual([]);
  });

  it('4 worker threads of one process writing distinct and shared keys lose nothing', async () => {
    const file = newFile();
    const run = await runWriters('worker', file, 4, 60, true);
    checkAll(file, run, 60, true);
  });

  it('3 command loops (Env.cli -w, one process per write) lose nothing', async () => {
    const loops = 3;
    const each = 8;
    const file2 = newFile();
    const codes2 = await Promise.all(
      Array.from({ length: loops }, (_, id) => {
        const script = `for i in $(seq 0 ${each - 1}); do "$0" "$1" -w K_${id}_$i=v$i || exit 1; done`;
        const child = spawn('sh', ['-c', script, process.execPath, writerCli], {
          env: { PATH: process.env.PATH, HOME: work, GOSTDENV: file2, DIST: dist },
          stdio: 'inherit',
        });
        return new Promise((resolve) => child.on('close', resolve));
      }),
    );
    expect(codes2).toEqual(Array.from({ length: loops }, () => 0));
    const m = parseEnvFile(fs.readFileSync(file2, 'utf8'));
    const lost: string[] = [];
    for (let id = 0; id < loops; id++)
      for (let i = 0; i < each; i++) if (m.get(`K_${id}_${i}`) !== `v${i}`) lost.push(`K_${id}_${i}`);
    expect(lost, `${lost.length} of ${loops * each} lost`).toEqual([]);
  });

  it('a writer killed at any moment, even holding the lock, loses no acknowledged write and blocks nobody', async () => {
    const file = newFile();
    for (let round = 0; round < 4; round++) {
      const acked = [-1];
      const { child, done } = startWriter('process', [dist, file, '0', '0', '0', '-'], acked, 0);
      // Let it write a while, then kill it at a random moment.
      let exited = false;
      void done.then(() => {
        exited = true;
      });
      while (acked[0]! < 5 * (round + 1) && !exited) await new Promise((r) => setTimeout(r, 5));
      expect(exited, 'the writer ended before it was killed').toBe(false);
      await new Promise((r) => setTimeout(r, Math.random() * 20));
      (child as ChildProcess).kill('SIGKILL');
      await done;
      const last = acked[0]!;
      // The next writer gets in at once: the holder's process is gone.
      const lockDir = path.join(path.dirname(file), '.env.lock');
      const lockState = fs.existsSync(lockDir)
        ? fs.readdirSync(lockDir).map((f) => `${f}: ${fs.readFileSync(path.join(lockDir, f), 'utf8')}`)
        : 'none';
      const t0 = performance.now();
      const env = defineEnv({ name: 'w', file, vars: { OTHER: {} }, environ: {} });
      env.write({ OTHER: String(round) });
      const waited = performance.now() - t0;
      expect(waited, `ms the next writer waited; the lock was ${lockState}`).toBeLessThan(5000);
      const m = parseEnvFile(fs.readFileSync(file, 'utf8'));
      expect(m.get('OTHER')).toBe(String(round));
      // Everything acknowledged is there; the write in flight may or may not be.
      const inFlight = last + 1;
      expect(missing(m, 0, last, inFlight)).toEqual([]);
      // Start the next round from a clean file, so the writer's keys start again from 0.
      fs.writeFileSync(file, '');
    }
  });
});

// A tiny command over the built library that takes `-w K=V` with any key, for the command-line test above.
const writerCli = path.join(work, 'writer-cli.mjs');
fs.writeFileSync(
  writerCli,
  `const { defineEnv } = await import(process.env.DIST);
const argv = process.argv.slice(2);
const vars = {};
for (const a of argv) if (a.includes('=')) vars[a.slice(0, a.indexOf('='))] = {};
process.exitCode = defineEnv({ name: 'w', file: process.env.GOSTDENV, vars, environ: {} }).cli(argv);
`,
);
