import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Holder, lockDir, lockFile, lockHost, newestGeneration, readHolder } from './lock-file';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-env-lock-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
const newFile = () => path.join(tmp, `d${n++}`, 'env');

/** deadPid returns the pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

/** plant makes generation g of file's lock, held by holder, as a writer that crashed would leave it. */
function plant(file: string, g: number, holder: Partial<Holder>, ageMs = 0): string {
  const dir = lockDir(file);
  fs.mkdirSync(dir, { recursive: true });
  const f = path.join(dir, String(g));
  fs.writeFileSync(
    f,
    JSON.stringify({ pid: process.pid, host: lockHost(), time: Date.now(), nonce: 'x', ...holder }),
  );
  if (ageMs > 0) {
    const t = (Date.now() - ageMs) / 1000;
    fs.utimesSync(f, t, t);
  }
  return f;
}

/** timed returns what f returns and the milliseconds it took. */
function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

describe('lockFile', () => {
  it('takes and gives back the lock, one generation after another, keeping the directory small', () => {
    const file = newFile();
    for (let i = 1; i <= 50; i++) {
      const lock = lockFile(file);
      expect(lock.generation).toBe(i);
      expect(readHolder(path.join(lock.dir, String(i)))?.pid).toBe(process.pid);
      expect(newestGeneration(lock.dir)).toEqual({ generation: i, free: false });
      lock.check();
      lock.release();
      expect(newestGeneration(lock.dir)).toEqual({ generation: i, free: true });
    }
    expect(fs.readdirSync(lockDir(file)).sort()).toEqual(['50', '50.free']);
  });

  it('succeeds at once a holder whose process is gone from this host', () => {
    const file = newFile();
    plant(file, 7, { pid: deadPid() });
    const [lock, ms] = timed(() => lockFile(file));
    expect(lock.generation).toBe(8);
    expect(ms).toBeLessThan(1000);
    expect(readHolder(path.join(lock.dir, '8'))?.host).toBe(lockHost());
    lock.release();
  });

  it('waits for a holder of another pid namespace of this host name, whose pid means nothing here', () => {
    const file = newFile();
    plant(file, 1, { host: `${os.hostname()} pid:[1]`, pid: deadPid() });
    const [lock, ms] = timed(() => lockFile(file, 300));
    expect(lock.generation).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(250);
    lock.release();
  });

  it('succeeds a holder whose record is still being written only after the bound', () => {
    const file = newFile();
    const dir = lockDir(file);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '3'), '');
    const [lock, ms] = timed(() => lockFile(file, 300));
    expect(lock.generation).toBe(4);
    expect(ms).toBeGreaterThanOrEqual(250);
    lock.release();
  });

  it('waits for a live holder, of this host or another, until the bound', () => {
    for (const host of [lockHost(), 'elsewhere.example']) {
      const file = newFile();
      plant(file, 1, { host, pid: process.pid });
      const [lock, ms] = timed(() => lockFile(file, 300));
      expect(lock.generation, host).toBe(2);
      expect(ms, host).toBeGreaterThanOrEqual(250);
      lock.release();
    }
  });

  it('succeeds at once a holder of another host older than the bound', () => {
    const file = newFile();
    plant(file, 1, { host: 'elsewhere.example', pid: 1 }, 60_000);
    const [lock, ms] = timed(() => lockFile(file, 30_000));
    expect(lock.generation).toBe(2);
    expect(ms).toBeLessThan(1000);
    lock.release();
  });

  it('tells a holder that was taken over, and its late release frees nothing', () => {
    const file = newFile();
    const a = lockFile(file);
    const t = (Date.now() - 60_000) / 1000;
    fs.utimesSync(path.join(a.dir, String(a.generation)), t, t);
    const b = lockFile(file, 30_000);
    expect(b.generation).toBe(a.generation + 1);
    expect(() => a.check()).toThrow(`lock ${a.dir} was taken over: this writer held it longer than 30000 ms`);
    a.release();
    expect(newestGeneration(b.dir)).toEqual({ generation: b.generation, free: false });
    b.check();
    b.release();
  });

  it('deletes the temporary files holders that crashed left behind', () => {
    const file = newFile();
    const dir = lockDir(file);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '3.123.tmp'), 'A=1\n');
    const old = path.join(dir, 'crashed.rec');
    fs.writeFileSync(old, '{}');
    const t = (Date.now() - 60_000) / 1000;
    fs.utimesSync(old, t, t);
    const young = path.join(dir, 'taking.rec');
    fs.writeFileSync(young, '{}');
    lockFile(file).release();
    expect(fs.readdirSync(dir).sort()).toEqual(['1', '1.free', 'taking.rec']);
  });

  it('ignores names that are not generations', () => {
    const file = newFile();
    const dir = lockDir(file);
    fs.mkdirSync(dir, { recursive: true });
    for (const name of ['0', '01', 'x', '5.free.bak', '-3']) fs.writeFileSync(path.join(dir, name), '');
    expect(newestGeneration(dir)).toEqual({ generation: 0, free: false });
    const lock = lockFile(file);
    expect(lock.generation).toBe(1);
    lock.release();
  });

  it('ignores numbers too long to be generations, which made every writer after the first spin forever', () => {
    // Before: a stray '99999999999999999999' (marked free) counted as generation 1e20; its successor's name
    // was '100000000000000000000', and the successor of that rounded to the same name, so the second write
    // spun at 100% CPU creating a file that existed (gostd-env -w hung until killed).
    const file = newFile();
    const dir = lockDir(file);
    fs.mkdirSync(dir, { recursive: true });
    const stray = [
      '99999999999999999999',
      '99999999999999999999.free',
      '9007199254740993',
      '1000000000000000',
    ];
    for (const name of stray) fs.writeFileSync(path.join(dir, name), '');
    expect(newestGeneration(dir)).toEqual({ generation: 0, free: false });
    for (let i = 1; i <= 3; i++) {
      const lock = lockFile(file);
      expect(lock.generation).toBe(i);
      lock.release();
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['3', '3.free', ...stray].sort());
    fs.writeFileSync(path.join(dir, '999999999999999'), ''); // 15 digits: a generation
    expect(newestGeneration(dir)).toEqual({ generation: 999_999_999_999_999, free: false });
  });

  it('refuses to count past the last generation, where a second writer took the lock while the first held it', () => {
    // Before: with a stray '999999999999999' marked free, the first writer made '1000000000000000', a name
    // of 16 digits that no writer sees as a generation, and removed the older ones; the next writer found no
    // generation and took generation 1 while the first still held the lock (tried: two holders at once).
    // No writer gets there by writing (one generation a write); now each says so and fails.
    const file = newFile();
    const dir = lockDir(file);
    fs.mkdirSync(dir, { recursive: true });
    for (const name of ['999999999999999', '999999999999999.free'])
      fs.writeFileSync(path.join(dir, name), '');
    for (let i = 0; i < 2; i++)
      expect(() => lockFile(file)).toThrow(
        `${dir} holds generation 999999999999999, the last one a lock can count to`,
      );
    expect(fs.readdirSync(dir).sort()).toEqual(['999999999999999', '999999999999999.free']);
    // One before the last is still a generation with a successor.
    const below = newFile();
    fs.mkdirSync(lockDir(below), { recursive: true });
    fs.writeFileSync(path.join(lockDir(below), '999999999999998.free'), '');
    fs.writeFileSync(path.join(lockDir(below), '999999999999998'), '');
    const lock = lockFile(below);
    expect(lock.generation).toBe(999_999_999_999_999);
    lock.release();
  });

  it('fails, naming the directory, where the lock cannot be made', () => {
    const file = newFile();
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(lockDir(file), 'a file in the way');
    expect(() => lockFile(file)).toThrow(/EEXIST|ENOTDIR/);
  });
});
