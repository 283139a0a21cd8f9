// The Go every differential test, linearizability check and bench answers to, and the runner for the
// programs under packages/*/testdata and bench/.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The oldest Go whose API every package implements (sync.Map.Clear and `go env -changed` are Go 1.23). */
export const minGo = '1.23';

/**
 * The places Go is looked for, in order: $GOSTD_GO alone when set (a test can point it at a Go, or at
 * nothing), else the toolchain installed from go.dev, the `go` on PATH, and Debian's golang-go last.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string[]}
 */
export function goCandidates(env = process.env) {
  if (env.GOSTD_GO !== undefined) return [env.GOSTD_GO];
  const onPath = spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8', env });
  const fromPath = onPath.status === 0 ? onPath.stdout.trim() : '';
  return ['/usr/local/go/bin/go', fromPath, '/usr/lib/go/bin/go'].filter(Boolean);
}

/**
 * The first of candidates that is an executable file, or null.
 * @param {readonly string[]} candidates
 * @returns {string | null}
 */
export function findGo(candidates) {
  for (const c of candidates) {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      if (fs.statSync(c).isFile()) return c;
    } catch {}
  }
  return null;
}

/** @type {string | null | undefined} */
let found;

/**
 * The path of the go command the tests use, or null when there is none.
 * @returns {string | null}
 */
export function goPath() {
  if (found === undefined) found = findGo(goCandidates());
  return found;
}

/** @type {Map<string, string>} */
const versions = new Map();

/**
 * The version of the Go at go (default goPath()), as `go version` names it: "go1.26.8".
 * @param {string | null} [go]
 * @returns {string}
 */
export function goVersion(go = goPath()) {
  if (!go)
    throw new Error('no go command: install Go >= 1.23 (https://go.dev/dl/) or apt-get install golang-go');
  let v = versions.get(go);
  if (v === undefined) {
    v = execFileSync(go, ['env', 'GOVERSION'], { encoding: 'utf8', env: goEnv() }).trim();
    versions.set(go, v);
  }
  return v;
}

/**
 * Whether Go version v ("go1.26.8", "go1.23rc1", "devel go1.27-abc") is at least min ("1.23").
 * @param {string} v
 * @param {string} min
 * @returns {boolean}
 */
export function goAtLeast(v, min) {
  const m = /go(\d+)\.(\d+)/.exec(v);
  if (!m) return v.startsWith('devel');
  const [maj = 0, minr = 0] = min.split('.').map(Number);
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a > maj || (a === maj && b >= minr);
}

/**
 * Why the differential tests cannot run with this machine's Go (none, or older than min), or null when
 * they can.
 * @param {string} [min]
 * @param {string | null} [go]
 * @returns {string | null}
 */
export function whyNoGo(min = minGo, go = goPath()) {
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
 * @param {string} what
 * @param {string} [min]
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {boolean}
 */
export function requireGo(what, min = minGo, env = process.env) {
  const why = whyNoGo(min);
  if (why === null) return true;
  if (env.CI === 'true') throw new Error(`${what} cannot run under CI=true: ${why}`);
  console.warn(`SKIP ${what}: ${why}; these tests did not run`);
  return false;
}

/**
 * The environment Go runs in: this one, without settings of the caller's that change what go builds.
 * @param {NodeJS.ProcessEnv} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function goEnv(extra = {}) {
  return { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local', ...extra };
}

/** Runs the go command with args and returns its stdout; throws, with go's stderr, on a non-zero exit. */
/**
 * @param {readonly string[]} args
 * @param {import('node:child_process').ExecFileSyncOptions} [opts]
 * @returns {string}
 */
export function go(args, opts = {}) {
  const bin = goPath();
  if (!bin) throw new Error(whyNoGo() ?? 'no go command');
  return execFileSync(bin, args, {
    encoding: 'utf8',
    stdio: 'pipe',
    maxBuffer: 1 << 28,
    ...opts,
    env: opts.env ?? goEnv(),
  }).toString();
}

/** @type {Map<string, string>} */
const built = new Map();

/**
 * The path of the Go tool name (`go tool -n name`). Since Go 1.24 tools such as pprof are built on first
 * use, which takes a minute or more on a busy machine: call this in a beforeAll with a long timeout, then
 * run the binary.
 * @param {string} name
 * @returns {string}
 */
export function goTool(name) {
  const key = `tool:${name}`;
  let bin = built.get(key);
  if (!bin) {
    bin = go(['tool', '-n', name]).trim();
    built.set(key, bin);
  }
  return bin;
}

/** @returns {string} */
function outDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-go-'));
}

/**
 * Builds the Go program at file (standard library only, built outside any module) once per process and
 * returns the binary's path. The files in more, package main too, are built with it (`go build` wants
 * its files in one directory, so they are copied into one).
 * @param {string} file
 * @param {readonly string[]} [more]
 * @returns {string}
 */
export function goBuild(file, more = []) {
  const key = [file, ...more].join('\n');
  const have = built.get(key);
  if (have) return have;
  const dir = outDir();
  const out = path.join(dir, path.basename(file, '.go'));
  let files = [file];
  if (more.length > 0) {
    files = [file, ...more].map((f, i) => {
      const copy = path.join(dir, `${i}-${path.basename(f)}`);
      fs.copyFileSync(f, copy);
      return copy;
    });
  }
  go(['build', '-o', out, ...files], { cwd: dir, env: goEnv({ GO111MODULE: 'off' }) });
  built.set(key, out);
  return out;
}

/**
 * Builds the main package in dir, a module with its own go.mod and go.sum (its requirements come through
 * the Go module proxy), once per process, and returns the binary's path.
 * @param {string} dir
 * @returns {string}
 */
export function goBuildModule(dir) {
  const have = built.get(dir);
  if (have) return have;
  const out = path.join(outDir(), path.basename(dir));
  go(['build', '-mod=readonly', '-buildvcs=false', '-o', out, '.'], {
    cwd: dir,
    env: goEnv({ GO111MODULE: 'on' }),
  });
  built.set(dir, out);
  return out;
}

/**
 * Runs the Go program at file (a .go file, or a module's directory) with args and stdin; returns stdout.
 * @param {string} file
 * @param {readonly string[]} [args]
 * @param {string} [input]
 * @returns {string}
 */
export function goRun(file, args = [], input = '') {
  const bin = file.endsWith('.go') ? goBuild(file) : goBuildModule(file);
  return execFileSync(bin, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
}
