// A throwaway Verdaccio on loopback for the release rehearsal, and the one way the rehearsal talks to it.
//
// Every request opens its own connection and closes it (node:http with agent: false), never a kept-alive
// one. The rehearsal blocks its event loop in execFileSync while `changeset publish` runs; on a loaded
// machine that takes longer than Verdaccio's keep-alive timeout (5 s, Node's default, sent as
// `Keep-Alive: timeout=5`). Verdaccio then closes the idle connection, but a blocked client cannot see
// it, and fetch (undici's pool) sent the next request down the dead socket: `fetch failed`, cause
// UND_ERR_SOCKET `other side closed` (issue 13, defect 9). A connection per request has no idle socket
// to go stale, whatever blocks in between; the rehearsal makes a handful of requests, so the cost is nil.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

/**
 * What an error says, with its chain of causes (code, message, syscall, address): "fetch failed" alone
 * names nothing.
 * @param {unknown} err
 */
export function describeError(err) {
  const parts = [];
  for (let e = /** @type {any} */ (err), depth = 0; e != null && depth < 8; e = e.cause, depth++) {
    if (!(e instanceof Error)) {
      parts.push(String(e));
      break;
    }
    const code = /** @type {any} */ (e).code;
    parts.push(`${depth ? 'cause: ' : ''}${code ? `${code} ` : ''}${e.message}`);
  }
  return parts.join('\n  ');
}

/**
 * One HTTP request on a connection of its own. Resolves to the status, headers and body text; rejects
 * with an Error naming the step, the method and the URL, whose cause is the socket error.
 * @param {string} step what the rehearsal was doing, e.g. "check the published metadata"
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: string, timeoutMs?: number }} [init]
 * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, text: string }>}
 */
export function registryRequest(step, url, { method = 'GET', headers = {}, body, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const fail = (/** @type {Error} */ err) =>
      reject(new Error(`${step}: ${method} ${url} failed`, { cause: err }));
    const req = http.request(url, { method, headers, agent: false, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', fail);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', fail);
    req.end(body);
  });
}

/**
 * The JSON body of a request that must answer 2xx; otherwise an Error naming step, URL and status.
 * @param {string} step
 * @param {string} url
 * @param {Parameters<typeof registryRequest>[2]} [init]
 */
export async function registryJSON(step, url, init) {
  const res = await registryRequest(step, url, init);
  if (res.status < 200 || res.status > 299)
    throw new Error(
      `${step}: ${init?.method ?? 'GET'} ${url} answered ${res.status}: ${res.text.slice(0, 500)}`,
    );
  try {
    return JSON.parse(res.text);
  } catch (err) {
    throw new Error(`${step}: ${url} answered ${res.status} with no JSON: ${res.text.slice(0, 500)}`, {
      cause: err,
    });
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Starts Verdaccio (the devDependency) with its storage under dir, waits until it answers, and adds a
 * user that may publish @gostd packages. The caller kills `child` when done.
 * @param {string} verdaccioBin path of the verdaccio executable
 * @param {string} dir an empty folder for its config and storage
 */
export async function startRegistry(verdaccioBin, dir) {
  const port = await freePort();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'config.yaml'),
    `storage: ${dir}/storage
auth:
  htpasswd:
    file: ${dir}/htpasswd
uplinks: {}
packages:
  '@gostd/*':
    access: $all
    publish: $authenticated
  '**':
    access: $all
log: { type: stdout, format: pretty, level: warn }
`,
  );
  const child = spawn(
    process.execPath,
    [verdaccioBin, '--config', `${dir}/config.yaml`, '--listen', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (let lastErr = ''; ; ) {
    if (child.exitCode !== null) throw new Error(`start Verdaccio: it exited:\n${output}`);
    try {
      const res = await registryRequest('start Verdaccio', `${url}-/ping`, { timeoutMs: 5_000 });
      if (res.status === 200) break;
      lastErr = `answered ${res.status}`;
    } catch (err) {
      lastErr = describeError(err);
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`start Verdaccio: ${url}-/ping gave no 200 in 60 s (last: ${lastErr}):\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    const { token } = await registryJSON(
      'add the publishing user',
      `${url}-/user/org.couchdb.user:rehearsal`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'rehearsal', password: crypto.randomUUID() }),
      },
    );
    if (!token) throw new Error(`add the publishing user: Verdaccio at ${url} gave no token`);
    return { url, token, child, output: () => output };
  } catch (err) {
    child.kill();
    throw err;
  }
}
