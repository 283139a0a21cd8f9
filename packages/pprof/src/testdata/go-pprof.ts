// Test helper: runs `go tool pprof` with its temporary files in dir. HOME is
// moved to dir (pprof writes ~/pprof), but Go's build cache stays where it is:
// with an empty cache `go tool pprof` is rebuilt on every call (3 minutes on a
// loaded 2-core machine instead of half a second).
import { execFile, execFileSync } from 'node:child_process';
import { goPath } from '../../../../scripts/go.ts';

let cache: string | undefined;

export function goPprof(dir: string, ...args: string[]): Promise<string> {
  const go = goPath() ?? 'go';
  cache ??= execFileSync(go, ['env', 'GOCACHE'], { encoding: 'utf8' }).trim();
  return new Promise((resolve, reject) => {
    execFile(
      go,
      ['tool', 'pprof', ...args],
      {
        env: { ...process.env, PPROF_TMPDIR: dir, HOME: dir, GOCACHE: cache },
        maxBuffer: 1 << 26,
        timeout: 120_000,
      },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}
