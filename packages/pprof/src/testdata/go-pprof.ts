// Test helper: runs `go tool pprof` with its temporary files in dir. HOME is
// moved to dir (pprof writes ~/pprof), so the binary is found first through
// @gostd/testing's goTool, in this process's environment: Go's build cache
// stays where it is. With HOME moved and GOCACHE unset, `go tool pprof` would
// rebuild pprof in an empty cache on every call (3 minutes on a loaded 2-core
// machine instead of half a second).
import { execFile } from 'node:child_process';
import { goTool } from '@gostd/testing';

export function goPprof(dir: string, ...args: string[]): Promise<string> {
  const pprof = goTool('pprof');
  return new Promise((resolve, reject) => {
    execFile(
      pprof,
      args,
      { env: { ...process.env, PPROF_TMPDIR: dir, HOME: dir }, maxBuffer: 1 << 26, timeout: 120_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}
