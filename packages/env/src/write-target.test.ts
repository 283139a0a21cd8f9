// What -w and -u do when the env file is not a plain file of the writer's own (issue 13, defect 5b): they
// never replace a device, fifo, socket or directory, nor a file the user may not write; they fail with Go's
// words where Go has them. The cases run in a child process (the built package), so that a fifo cannot
// hang the test and so that, when the tests run as root, a case can run as the unprivileged uid 65534.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { goPath, requireGo } from '@gostd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const posix = process.platform !== 'win32';
const root = process.getuid?.() === 0;
const nobody = 65534;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-env-target-'));
let server: net.Server | undefined;
afterAll(() => {
  server?.close();
  removeAll(work);
});

/**
 * removeAll removes dir, trying five times 100 ms apart: once in a CI run on Node 22.23 rmSync failed with
 * ENOTEMPTY here (cause unknown; not reproduced with a fifo, a device, a closed socket and a read-only
 * directory in it). If it still fails, the error names what is left.
 */
function removeAll(dir: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      return;
    } catch (e) {
      if (attempt === 5) {
        let left: string;
        try {
          left = JSON.stringify(fs.readdirSync(dir, { recursive: true }));
        } catch (e2) {
          left = String(e2);
        }
        throw new Error(`removing ${dir}: ${e}; left: ${left}`, { cause: e });
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}
// The built package, copied where uid 65534 can read it whatever the checkout's permissions.
const dist = pathToFileURL(path.join(work, 'dist/index.js')).href;
// The running node, copied there too: a Node from scripts/runtimes.mjs lives under root's home, which uid
// 65534 may not enter.
const node = path.join(work, 'node');
beforeAll(() => {
  fs.cpSync(path.resolve(here, '../dist'), path.join(work, 'dist'), { recursive: true });
  fs.copyFileSync(process.execPath, node);
  fs.chmodSync(node, 0o755);
  fs.chmodSync(work, 0o777);
});

const writeScript = `
const { defineEnv } = await import(process.argv[1]);
const [file, op] = process.argv.slice(2);
const env = defineEnv({ name: 'w', file, vars: { CC: {} }, environ: {} });
try {
  if (op === 'unset') env.unset(['CC']); else env.write({ CC: 'x' });
  console.log(JSON.stringify({ ok: true }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, err: e.message }));
}`;

/** run writes CC=x (or unsets CC) in file from a child process, as uid when given; it gives up after 10 s. */
function run(
  file: string,
  opts: { op?: 'write' | 'unset'; uid?: number | undefined } = {},
): { ok: boolean; err?: string } {
  const r = spawnSync(
    opts.uid !== undefined ? node : process.execPath,
    ['--input-type=module', '-e', writeScript, dist, file, opts.op ?? 'write'],
    {
      encoding: 'utf8',
      timeout: 10_000,
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    },
  );
  if (r.error || r.status !== 0)
    throw new Error(`child: ${r.error?.message ?? r.stderr} (signal ${r.signal})`);
  return JSON.parse(r.stdout);
}

const kind = (p: string) => {
  const s = fs.lstatSync(p);
  return s.isFile()
    ? 'file'
    : s.isSymbolicLink()
      ? 'symlink'
      : s.isDirectory()
        ? 'directory'
        : s.isFIFO()
          ? 'fifo'
          : s.isCharacterDevice()
            ? 'character device'
            : s.isSocket()
              ? 'socket'
              : 'other';
};

let n = 0;
const fresh = (name: string) => {
  const dir = path.join(work, `c${n++}`);
  fs.mkdirSync(dir);
  fs.chmodSync(dir, 0o777);
  return path.join(dir, name);
};

describe.skipIf(!posix)('writing an env file that is not a regular file', () => {
  it('refuses a fifo, without waiting for a reader, and leaves it a fifo', () => {
    const f = fresh('fifo');
    execFileSync('mkfifo', [f]);
    for (const op of ['write', 'unset'] as const) {
      expect(run(f, { op })).toEqual({
        ok: false,
        err: `writing w config: ${f} is a fifo, not a regular file`,
      });
    }
    expect(kind(f)).toBe('fifo');
  });

  it('refuses a socket and leaves it a socket', async () => {
    const f = fresh('sock');
    server = net.createServer();
    await new Promise<void>((resolve) => server!.listen(f, resolve));
    expect(run(f)).toEqual({ ok: false, err: `writing w config: ${f} is a socket, not a regular file` });
    expect(kind(f)).toBe('socket');
  });

  it.skipIf(!root)('refuses a character device, named or through a symlink, as root and as a user', () => {
    const dev = fresh('null');
    execFileSync('mknod', ['-m', '666', dev, 'c', '1', '3']);
    const link = `${dev}-link`;
    fs.symlinkSync(dev, link);
    for (const uid of [undefined, nobody]) {
      for (const f of [dev, link]) {
        for (const op of ['write', 'unset'] as const) {
          expect(run(f, { op, uid }), `${f} ${op} uid ${uid}`).toEqual({
            ok: false,
            err: `writing w config: ${dev} is a character device, not a regular file`,
          });
        }
      }
    }
    expect(kind(dev)).toBe('character device');
    expect(kind(link)).toBe('symlink');
  });

  it('refuses a directory with the words of go env -w, and leaves it alone', () => {
    const d = fresh('dir');
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, 'keep'), 'x');
    expect(run(d)).toEqual({ ok: false, err: `reading w config: read ${d}: is a directory` });
    expect(fs.readdirSync(d)).toEqual(['keep']);
  });

  it('writes through a dangling symlink to a new file, as go env -w does, keeping the link', () => {
    const link = fresh('dangling');
    const target = path.join(path.dirname(link), 'target');
    fs.symlinkSync('target', link);
    expect(run(link)).toEqual({ ok: true });
    expect(kind(link)).toBe('symlink');
    expect(fs.readFileSync(target, 'utf8')).toBe('CC=x\n');
  });

  it('fails on a loop of symlinks in the words of go env -w', () => {
    const a = fresh('loop-a');
    const b = path.join(path.dirname(a), 'loop-b');
    fs.symlinkSync(b, a);
    fs.symlinkSync(a, b);
    expect(run(a)).toEqual({
      ok: false,
      err: `reading w config: open ${a}: too many levels of symbolic links`,
    });
    expect([kind(a), kind(b)]).toEqual(['symlink', 'symlink']);
  });

  it('writes through a chain of symlinks to the file at its end', () => {
    const target = fresh('target');
    fs.writeFileSync(target, 'A=1\n');
    fs.symlinkSync(target, `${target}-1`);
    fs.symlinkSync(`${target}-1`, `${target}-2`);
    expect(run(`${target}-2`)).toEqual({ ok: true });
    expect(fs.readFileSync(target, 'utf8')).toBe('A=1\nCC=x\n');
    expect([kind(`${target}-1`), kind(`${target}-2`)]).toEqual(['symlink', 'symlink']);
  });
});

describe.skipIf(!posix)('writing an env file the user may not write', () => {
  // When the tests run as root, the "user" is uid 65534; otherwise it is the user running them.
  const user = root ? nobody : undefined;
  const chownToUser = (f: string) => {
    if (root) fs.chownSync(f, nobody, nobody);
  };

  it('fails on a read-only file of the user, as go env -w does, leaving it as it was', () => {
    const f = fresh('ro');
    fs.writeFileSync(f, 'CC=a\n');
    fs.chmodSync(f, 0o444);
    chownToUser(f);
    expect(run(f, { uid: user })).toEqual({
      ok: false,
      err: `writing w config: open ${f}: permission denied`,
    });
    expect(fs.readFileSync(f, 'utf8')).toBe('CC=a\n');
    expect(fs.statSync(f).mode & 0o777).toBe(0o444);
  });

  it.skipIf(!root)(
    "fails on another user's file in a directory anyone may write, leaving it as it was",
    () => {
      const f = fresh('theirs');
      fs.writeFileSync(f, 'CC=a\n');
      fs.chmodSync(f, 0o644);
      expect(run(f, { uid: nobody })).toEqual({
        ok: false,
        err: `writing w config: open ${f}: permission denied`,
      });
      expect(fs.readFileSync(f, 'utf8')).toBe('CC=a\n');
      expect(fs.statSync(f).uid).toBe(0);
    },
  );

  it.skipIf(!root)('root rewrites a read-only file as go env -w does, keeping its mode and its owner', () => {
    const f = fresh('rootro');
    fs.writeFileSync(f, 'CC=a\n');
    fs.chmodSync(f, 0o444);
    fs.chownSync(f, nobody, nobody);
    expect(run(f)).toEqual({ ok: true });
    expect(fs.readFileSync(f, 'utf8')).toBe('CC=x\n');
    const st = fs.statSync(f);
    expect([st.mode & 0o777, st.uid, st.gid]).toEqual([0o444, nobody, nobody]);
  });

  it.skipIf(!root)(
    "fails, naming the lock's directory, where the user may write the file but not its directory",
    () => {
      // A deviation: go env -w writes such a file in place; here the lock and the rename need the directory.
      const f = fresh('dir-ro');
      fs.writeFileSync(f, 'CC=a\n');
      fs.chownSync(f, nobody, nobody);
      fs.chmodSync(path.dirname(f), 0o755);
      const lock = path.join(path.dirname(f), '.dir-ro.lock');
      expect(run(f, { uid: nobody })).toEqual({
        ok: false,
        err: `writing w config: mkdir ${lock}: permission denied`,
      });
      expect(fs.readFileSync(f, 'utf8')).toBe('CC=a\n');
    },
  );

  it('keeps a mode that the umask would narrow', () => {
    const f = fresh('wide');
    fs.writeFileSync(f, 'CC=a\n');
    fs.chmodSync(f, 0o666);
    expect(run(f)).toEqual({ ok: true });
    expect(fs.statSync(f).mode & 0o777).toBe(0o666);
  });
});

// The messages above that Go has words for, checked against the machine's go env -w.
describe.skipIf(!posix || !requireGo('go env -w errors'))('the refusals match go env -w', () => {
  const goEnvW = (file: string, uid?: number) => {
    const r = spawnSync(goPath() ?? 'go', ['env', '-w', 'CC=x'], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: work,
        GOCACHE: path.join(work, 'gocache'),
        GOENV: file,
        GOTOOLCHAIN: 'local',
      },
      ...(uid !== undefined ? { uid, gid: uid } : {}),
    });
    return r.stderr.trim().replace(/^go: /, '').replace('go env config', 'w config');
  };
  it('for a directory and for a read-only file', () => {
    const d = fresh('godir');
    fs.mkdirSync(d);
    expect(run(d).err).toBe(goEnvW(d));
    const f = fresh('goro');
    fs.writeFileSync(f, 'CC=a\n');
    fs.chmodSync(f, 0o444);
    const user = root ? nobody : undefined;
    if (root) fs.chownSync(f, nobody, nobody);
    expect(run(f, { uid: user }).err).toBe(goEnvW(f, user));
  });
});
