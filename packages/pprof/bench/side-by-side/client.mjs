// The side-by-side load: keep-alive requests to /a and /b (one of each in
// turn) from `concurrency` loops for `ms` milliseconds; prints the count.
import http from 'node:http';

const [port, ms, concurrency] = process.argv.slice(2).map(Number);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const until = Date.now() + ms;
let done = 0;
function get(path) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
      .on('error', reject);
  });
}
await Promise.all(
  Array.from({ length: concurrency }, async (_, i) => {
    for (let k = i; Date.now() < until; k++) {
      await get(k % 2 === 0 ? '/a' : '/b');
      done++;
    }
  }),
);
agent.destroy();
console.log(JSON.stringify({ done }));
