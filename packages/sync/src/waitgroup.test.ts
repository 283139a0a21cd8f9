// WaitGroup in one thread: Go's src/sync/waitgroup_test.go (TestWaitGroup, TestWaitGroupMisuse,
// TestWaitGroupRace, TestWaitGroupGo, TestIssue76126) as scenarios of async tasks, plus Go's reuse check.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WaitGroup } from './index';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('WaitGroup (src/sync/waitgroup_test.go)', () => {
  it('TestWaitGroup: a two-WaitGroup barrier, 8 rounds of 16 tasks', async () => {
    const wg1 = new WaitGroup();
    const wg2 = new WaitGroup();
    for (let round = 0; round < 8; round++) {
      const n = 16;
      wg1.add(n);
      wg2.add(n);
      let exited = 0;
      const tasks = Array.from({ length: n }, async () => {
        wg1.done();
        await wg2.wait();
        exited++;
      });
      await wg1.wait();
      for (let i = 0; i < n; i++) {
        await tick();
        expect(exited).toBe(0); // released too soon
        wg2.done();
      }
      await Promise.all(tasks);
      expect(exited).toBe(n);
    }
  });

  it("TestWaitGroupMisuse: a negative counter throws Go's message", () => {
    const wg = new WaitGroup();
    wg.add(1);
    wg.done();
    expect(() => wg.done()).toThrow(new Error('sync: negative WaitGroup counter'));
  });

  it('TestWaitGroupRace: wait never returns before both done calls (1000 rounds)', async () => {
    for (let i = 0; i < 1000; i++) {
      const wg = new WaitGroup();
      let n = 0;
      wg.add(1);
      setImmediate(() => {
        n++;
        wg.done();
      });
      wg.add(1);
      void Promise.resolve().then(() => {
        n++;
        wg.done();
      });
      await wg.wait();
      expect(n).toBe(2);
    }
  });

  it('TestWaitGroupGo: go runs f and wait waits for it', async () => {
    const wg = new WaitGroup();
    let i = 0;
    wg.go(() => {
      i++;
    });
    await wg.wait();
    expect(i).toBe(1);
    wg.go(async () => {
      await tick();
      i++;
    });
    await wg.wait();
    expect(i).toBe(2);
  });

  // Go 1.25.x: a panic in f must end the program without unblocking Wait. Here: an exception in f is an
  // unhandled rejection (which ends Node), and wait never resolves.
  it('TestIssue76126: an exception in go(f) ends the process and does not release wait', () => {
    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npx tsup\` in packages/sync first`);
    const src = `
      import { WaitGroup } from ${JSON.stringify(dist)};
      const wg = new WaitGroup();
      wg.go(() => { throw new Error('panic: test'); });
      await wg.wait();
      console.log('wait returned');`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', src], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('panic: test');
    expect(r.stdout).not.toContain('wait returned');
  });

  it("a wait still pending when the WaitGroup is reused throws Go's message", async () => {
    const wg = new WaitGroup();
    wg.add(1);
    const w = wg.wait();
    wg.done();
    wg.add(1); // before the wait has returned
    await expect(w).rejects.toThrow('sync: WaitGroup is reused before previous Wait has returned');
    wg.done();
  });

  it("an add from zero while a waiter is registered throws Go's misuse message", () => {
    const buffer = new SharedArrayBuffer(16);
    new BigInt64Array(buffer, 0, 1)[0] = 1n; // counter 0, one waiter: what a racing Wait leaves
    const wg = WaitGroup.from({ type: 'sync.WaitGroup', buffer });
    expect(() => wg.add(1)).toThrow('sync: WaitGroup misuse: Add called concurrently with Wait');
  });

  it('checks its arguments', () => {
    const wg = new WaitGroup();
    expect(() => wg.add(1.5)).toThrow(TypeError);
    expect(() => wg.add('1' as never)).toThrow(
      'sync: WaitGroup.add needs an int delta (a safe integer), not the string "1"',
    );
    expect(() => wg.add(2 ** 53)).toThrow(TypeError);
    expect(() => wg.go(1 as never)).toThrow(TypeError);
    expect(() => WaitGroup.from({} as never)).toThrow(TypeError);
  });
});
