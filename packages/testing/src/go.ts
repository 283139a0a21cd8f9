// The Go every differential test, linearizability check and bench answers to, and the runner for the
// programs under packages/*/testdata and bench/.
import { type ExecFileSyncOptions, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The oldest Go whose API every package implements (sync.Map.Clear and `go env -changed` are Go 1.23). */
export const minGo = '1.23';

/**
 * The places Go is looked for, in order: $GOSTD_GO alone when set (a test can point it at a Go, or at
 * nothing), else the toolchain installed from go.dev, the `go` on PATH, and Debian's golang-go last.
 */
export function goCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.GOSTD_GO !== undefined) return [env.GOSTD_GO];
  const onPath = spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8', env });
  const fromPath = onPath.status === 0 ? onPath.stdout.trim() : '';
  return ['/usr/local/go/bin/go', fromPath, '/usr/lib/go/bin/go'].filter(Boolean);
}

/** The first of candidates that is an executable file, or null. */
export function findGo(candidates: readonly string[]): string | null {
  for (const c of candidates) {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      if (fs.statSync(c).isFile()) return c;
    } catch {}
  }
  return null;
}

let found: string | null | undefined;

/** The path of the go command the tests use, or null when there is none. */
export function goPath(): string | null {
  if (found === undefined) found = findGo(goCandidates());
  return found;
}

const versions = new Map<string, string>();

/** The version of the Go at go (default goPath()), as `go version` names it: "go1.26.8". */
export function goVersion(go = goPath()): string {
  if (!go)
    throw new Error('no go command: install Go >= 1.23 (https://go.dev/dl/) or apt-get install golang-go');
  let v = versions.get(go);
  if (v === undefined) {
    v = execFileSync(go, ['env', 'GOVERSION'], { encoding: 'utf8', env: goEnv() }).trim();
    versions.set(go, v);
  }
  return v;
}

/** Whether Go version v ("go1.26.8", "go1.23rc1", "devel go1.27-abc") is at least min ("1.23"). */
export function goAtLeast(v: string, min: string): boolean {
  const m = /go(\d+)\.(\d+)/.exec(v);
  if (!m) return v.startsWith('devel');
  const [maj, minr] = min.split('.').map(Number) as [number, number];
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a > maj || (a === maj && b >= minr);
}

/**
 * Why the differential tests cannot run with this machine's Go (none, or older than min), or null when
 * they can.
 */
export function whyNoGo(min = minGo, go = goPath()): string | null {
  if (!go) {
    return `no go command (looked in ${goCandidates().join(', ') || 'nothing'}): install Go >= ${min} from https://go.dev/dl/`;
  }
  const v = goVersion(go);
  if (!goAtLeast(v, min)) return `${go} is ${v}; these tests need Go >= ${min} (https://go.dev/dl/)`;
  return null;
}

/**
 * True when the differential tests of what can run against Go >= min. When they cannot, it says why and
 * returns false so the caller skips, except under CI=true, where a differential test that cannot run is
 * a failure: it throws.
 */
export function requireGo(what: string, min = minGo, env: NodeJS.ProcessEnv = process.env): boolean {
  const why = whyNoGo(min);
  if (why === null) return true;
  if (env.CI === 'true') throw new Error(`${what} cannot run under CI=true: ${why}`);
  console.warn(`SKIP ${what}: ${why}; these tests did not run`);
  return false;
}

/** The environment Go runs in: this one, without settings of the caller's that change what go builds. */
export function goEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local', ...extra };
  return env;
}

/** Runs the go command with args and returns its stdout; throws, with go's stderr, on a non-zero exit. */
export function go(
  args: readonly string[],
  opts: ExecFileSyncOptions & { env?: NodeJS.ProcessEnv } = {},
): string {
  const bin = goPath();
  if (!bin) throw new Error(whyNoGo() ?? 'no go command');
  return execFileSync(bin, args, {
    encoding: 'utf8',
    stdio: 'pipe',
    maxBuffer: 1 << 28,
    ...opts,
    env: opts.env ?? goEnv(),
  }) as string;
}

const built = new Map<string, string>();

/**
 * The path of the Go tool name (`go tool -n name`). Since Go 1.24 tools such as pprof are built on first
 * use, which takes a minute or more on a busy machine: call this in a beforeAll with a long timeout, then
 * run the binary.
 */
export function goTool(name: string): string {
  const key = `tool:${name}`;
  let bin = built.get(key);
  if (!bin) {
    bin = go(['tool', '-n', name]).trim();
    built.set(key, bin);
  }
  return bin;
}

function outDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-go-'));
}

/**
 * Builds the single-file Go program at file (standard library only, built outside any module) once per
 * process and returns the binary's path.
 */
export function goBuild(file: string): string {
  const have = built.get(file);
  if (have) return have;
  const out = path.join(outDir(), path.basename(file, '.go'));
  go(['build', '-o', out, file], { cwd: path.dirname(out), env: goEnv({ GO111MODULE: 'off' }) });
  built.set(file, out);
  return out;
}

/**
 * Builds the main package in dir, a module with its own go.mod and go.sum (its requirements come through
 * the Go module proxy), once per process, and returns the binary's path.
 */
export function goBuildModule(dir: string): string {
  const have = built.get(dir);
  if (have) return have;
  const out = path.join(outDir(), path.basename(dir));
  go(['build', '-mod=readonly', '-o', out, '.'], { cwd: dir, env: goEnv({ GO111MODULE: 'on' }) });
  built.set(dir, out);
  return out;
}

/** Runs the Go program at file (a .go file, or a module's directory) with args and stdin; returns stdout. */
export function goRun(file: string, args: readonly string[] = [], input = ''): string {
  const bin = file.endsWith('.go') ? goBuild(file) : goBuildModule(file);
  return execFileSync(bin, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
}
