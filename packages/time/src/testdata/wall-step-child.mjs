// Child process for wall-step.test.ts: takes now(), says "ready", waits for
// "go" on stdin (meanwhile the parent steps this process's wall clock back),
// takes now() again and prints what the monotonic and wall readings show.
import { createInterface } from 'node:readline';

const { now, since } = await import(process.argv[2]);
const t0 = now();
const date0 = Date.now();
console.log('ready');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line !== 'go') continue;
  const t1 = now();
  const date1 = Date.now();
  console.log(
    JSON.stringify({
      elapsed: String(t1.sub(t0)),
      wallElapsed: String(t1.round(0n).sub(t0.round(0n))),
      since: String(since(t0)),
      before: t0.before(t1),
      dateElapsed: date1 - date0,
      t0: t0.string(),
      t1: t1.string(),
    }),
  );
  break;
}
lines.close();
