// A writer for the concurrency tests (concurrent-write.test.ts): run as a process or a worker thread, it
// writes its own keys K_<id>_<i> (and, with shared, the key SHARED) to an env file through the built
// @gostd/env, unsets every third of its keys, and prints "<i>\n" to process.stdout (a worker's goes to its
// parent) after each write or unset returns. With a log file, it records "<id> enter" and "<id> exit" from
// inside the critical section (EnvOptions.check runs there, between reading the file and replacing it), so
// the test can see two writers in it at once.
//
// argv: <dist index.js URL> <env file> <id> <writes, or 0 for no end> <shared 0|1> <log file or ->
import fs from 'node:fs';

const [url, file, id, count, shared, log] = process.argv.slice(2);
const { defineEnv } = await import(url);
const n = Number(count);
const vars = { SHARED: {} };
for (let i = 0; i < (n || 100_000); i++) vars[`K_${id}_${i}`] = {};
const check =
  log === '-'
    ? undefined
    : () => {
        fs.appendFileSync(log, `${id} enter\n`);
        const until = Date.now() + 1;
        while (Date.now() < until);
        fs.appendFileSync(log, `${id} exit\n`);
        return undefined;
      };
const env = defineEnv({ name: 'writer', file, vars, environ: {}, check });
for (let i = 0; i < (n || 100_000); i++) {
  const key = `K_${id}_${i}`;
  env.write(shared === '1' ? { [key]: `v${i}`, SHARED: `${id}-${i}` } : { [key]: `v${i}` });
  if (i % 3 === 0) env.unset([key]);
  process.stdout.write(`${i}\n`);
}
