// Cold start of gostd-env, measured as a user sees it: wall time of a fresh `node dist/cli.js -json`
// against `node -e 0` (node starting and doing nothing) and, when Go is on PATH, `go env -json`. The runs
// are interleaved (A B C A B C ...) so that load from other processes hits every command alike; medians
// are reported. Usage: npx tsup && node bench/cold-start.mjs [rounds]
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');
// An env file that does not exist: what a user who never ran -w has.
const env = { ...process.env, GOSTDENV: path.join(os.tmpdir(), 'gostd-env-bench-none') };
const rounds = Number(process.argv[2] ?? 100);

const commands = [
  ['node -e 0', process.execPath, ['-e', '0']],
  ['gostd-env -json', process.execPath, [cli, '-json']],
  ['gostd-env GOOS', process.execPath, [cli, 'GOOS']],
];
if (spawnSync('go', ['version']).status === 0) commands.push(['go env -json', 'go', ['env', '-json']]);

const times = commands.map(() => []);
for (let r = 0; r < rounds + 3; r++) {
  commands.forEach(([name, cmd, args], i) => {
    const t = process.hrtime.bigint();
    const res = spawnSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (res.status !== 0) throw new Error(`${name} exited ${res.status}`);
    if (r >= 3) times[i].push(ms); // the first rounds warm the file cache
  });
}
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = median(times[0]);
console.log(
  `${rounds} interleaved rounds, node ${process.version}, ${os.cpus().length} CPUs, ${os.platform()} ${os.arch()}`,
);
commands.forEach(([name], i) => {
  const m = median(times[i]);
  console.log(
    `${name.padEnd(16)} median ${m.toFixed(1).padStart(6)} ms  ${(m / base).toFixed(2)}x node -e 0`,
  );
});
