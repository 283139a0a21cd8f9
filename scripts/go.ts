// Runs small Go programs for differential tests against the real toolchain.
// Tests call `goOrSkip()` in a describe and skip, saying so, when `go` is not
// on PATH; .ci/run installs Debian's golang-go so CI never skips.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let found: string | null | undefined;

/** The path of the `go` command, or null when there is none on PATH. */
export function goPath(): string | null {
  if (found === undefined) {
    const r = spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' });
    found = r.status === 0 ? r.stdout.trim() || null : null;
  }
  return found;
}

/** True when Go is available; otherwise prints why the caller's Go tests skip. */
export function hasGo(what: string): boolean {
  if (goPath()) return true;
  console.warn(
    `SKIP ${what}: the go toolchain is not on PATH (apt-get install golang-go); these tests did not run`,
  );
  return false;
}

const built = new Map<string, string>();

/** Builds the single-file Go program at file once per process and returns the binary's path. */
export function goBuild(file: string): string {
  const have = built.get(file);
  if (have) return have;
  const go = goPath();
  if (!go) throw new Error('go is not on PATH');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-go-'));
  const out = path.join(dir, path.basename(file, '.go'));
  execFileSync(go, ['build', '-o', out, file], {
    cwd: dir,
    env: { ...process.env, GO111MODULE: 'off' },
    stdio: 'pipe',
  });
  built.set(file, out);
  return out;
}

/** Runs the Go program at file with args and stdin, returning its stdout; throws on a non-zero exit. */
export function goRun(file: string, args: readonly string[] = [], input = ''): string {
  return execFileSync(goBuild(file), args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
}
