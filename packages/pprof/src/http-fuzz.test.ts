// The HTTP handler under fuzzed request targets, sent as raw request lines over
// a real socket (issue 13, defect 1: one malformed target used to throw out of
// the handler and kill the server). Properties, for every target:
//   - the handler never throws, and every request gets an answer;
//   - a target whose path is outside the prefix never gets a pprof answer
//     (only 404 "404 page not found", or 400 when it cannot be parsed);
//   - the server still serves a normal request at the end.
import http from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from './http';
import { methods, targets } from './testdata/request-targets';

let server: http.Server;
let port = 0;
const thrown: [target: string, err: unknown][] = [];
const reached = new Set<string>();

beforeAll(async () => {
  // maxSeconds 1: a fuzzed /profile gets 400 or a 1 s profile, never a 30 s one.
  const h = handler({ maxSeconds: 1 });
  // A 1 MiB header limit lets huge targets reach the handler instead of Node's 431.
  server = http.createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    const id = String(req.headers['x-id']);
    reached.add(id);
    // Mode "injected": the target arrives base64-encoded in a header and
    // replaces req.url, as a framework rewriting req.url could (any string,
    // including what Node's parser would refuse in a request line).
    const injected = req.headers['x-target'];
    if (typeof injected === 'string') req.url = Buffer.from(injected, 'base64').toString('utf8');
    try {
      h(req, res);
    } catch (e) {
      thrown.push([req.url ?? '', e]);
      res.destroy();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

interface Answer {
  status: number;
  headers: string;
  body: string;
}

let ids = 0;

/** Sends one raw request and reads the whole answer (the server closes the connection). */
function send(method: string, target: string, injected?: string): Promise<Answer | undefined> {
  const id = String(++ids);
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no answer within 10 s to ${method} ${JSON.stringify(target)}`));
    }, 10_000);
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', () => {}); // a reset after the answer is fine; no answer is caught below
    sock.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3}) /.exec(raw);
      if (!m) {
        resolve(undefined);
        return;
      }
      const cut = raw.indexOf('\r\n\r\n');
      resolve({ status: Number(m[1]), headers: raw.slice(0, cut), body: raw.slice(cut + 4) });
    });
    let head = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Id: ${id}\r\n`;
    if (injected !== undefined) head += `X-Target: ${Buffer.from(injected, 'utf8').toString('base64')}\r\n`;
    sock.write(Buffer.from(`${head}\r\n`, 'latin1')); // no half-close: a client that half-closes looks gone to a running profile
  }).then((a) => {
    if (a === undefined) throw new Error(`no HTTP answer to ${method} ${JSON.stringify(injected ?? target)}`);
    return Object.assign(a as Answer, { reachedHandler: reached.has(id) });
  });
}

/**
 * The oracle for "inside the prefix": the decoded path segments of a target,
 * worked out independently of the handler (origin form or absolute form; the
 * query cut off; %XX decoded; null when the path is not there at all).
 */
function oracleSegments(target: string): string[] | null {
  let p = target;
  const abs = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?]*/.exec(p);
  if (abs) p = p.slice(abs[0].length);
  else if (!p.startsWith('/')) return null;
  p = p.split('?')[0] ?? '';
  return p
    .split('/')
    .map((s) =>
      s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    );
}

/** True when the oracle sees /debug/pprof/<one segment> with no dot segments: the only things served. */
function insidePrefix(target: string): boolean {
  const s = oracleSegments(target);
  if (s === null || s.some((x) => x === '.' || x === '..')) return false;
  return s.length >= 3 && s[0] === '' && s[1] === 'debug' && s[2] === 'pprof';
}

function check(target: string, a: Answer & { reachedHandler: boolean }, method = 'GET'): void {
  if (!a.reachedHandler) {
    // Node's own parser refused the request line: it still answers.
    expect([400, 414, 431], `${target}: ${a.status}`).toContain(a.status);
    return;
  }
  expect([200, 400, 404, 500], `${target}: ${a.status}`).toContain(a.status);
  if (!insidePrefix(target)) {
    // Never a pprof answer outside the prefix: 404 (HEAD: without a body) or 400.
    const msg = `outside the prefix: ${method} ${JSON.stringify(target)}`;
    expect([400, 404], msg).toContain(a.status);
    if (a.status === 404 && method !== 'HEAD') expect(a.body, msg).toBe('404 page not found\n');
  }
}

const batches = 200;
const perBatch = 50; // 200 x 50 = 10^4 targets in request lines, and as many again injected

// Targets that crashed the server (issue 13), and how Go's server would answer
// them: a path outside the prefix is 404; a target Go's url.ParseRequestURI
// refuses is 400; %XX in the path is decoded as in Go (r.URL.Path).
const targets13: [target: string, status: number, body: string][] = [
  ['//[', 404, '404 page not found\n'],
  ['//a:99999/', 404, '404 page not found\n'],
  ['//%zz/', 400, '400 Bad Request: invalid URL escape "%zz"\n'],
  ['http://[/', 400, `400 Bad Request: missing ']' in host\n`],
  ['//[::1/debug/pprof/cmdline', 404, '404 page not found\n'],
  ['/debug/pprof/%zz', 400, '400 Bad Request: invalid URL escape "%zz"\n'],
  ['/debug/pprof/heap%', 400, '400 Bad Request: invalid URL escape "%"\n'],
  ['/debug/pprof/../../etc/passwd', 404, '404 page not found\n'],
  ['/x/../debug/pprof/cmdline', 404, '404 page not found\n'],
  ['/debug/pprof/%2e%2e/x', 404, '404 page not found\n'],
  ['/debug%2Fpprof/cmdline', 404, '404 page not found\n'],
  ['/debug/pprof/heap/x', 404, 'Unknown profile\n'],
  ['/debug/pprof/heap#x', 404, 'Unknown profile\n'],
  ['*', 404, '404 page not found\n'],
  ['/debug/pprof/%63mdline', 200, process.argv.join('\x00')],
  ['http://h/debug/pprof/cmdline', 200, process.argv.join('\x00')],
  ['http://[::1]:8080/debug/pprof/cmdline', 200, process.argv.join('\x00')],
  ['http://a:99999/debug/pprof/cmdline', 200, process.argv.join('\x00')],
  ['http://a:b/debug/pprof/cmdline', 400, '400 Bad Request: invalid port ":b" after host\n'],
];

describe('handler on the targets that crashed it', () => {
  it.each(targets13)('GET %s -> %i', async (target, status, body) => {
    const a = await send('GET', target);
    expect([a?.status, a?.body]).toEqual([status, body]);
    expect(thrown).toEqual([]);
  });
});

describe('handler under fuzzed request targets over a socket', () => {
  it(`answers ${batches * perBatch} raw request lines and stays up`, { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(methods, targets), { minLength: perBatch, maxLength: perBatch }),
        async (batch) => {
          const answers = await Promise.all(batch.map(([m, t]) => send(m, t)));
          for (const [i, [m, t]] of batch.entries())
            check(t, answers[i] as Answer & { reachedHandler: boolean }, m);
          expect(thrown).toEqual([]);
        },
      ),
      { numRuns: batches },
    );
  });

  it(`answers ${batches * perBatch} injected req.url strings (any Unicode) and stays up`, {
    timeout: 600_000,
  }, async () => {
    const any = fc.oneof(
      targets,
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `/debug/pprof/${s}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(any, { minLength: perBatch, maxLength: perBatch }), async (batch) => {
        const answers = await Promise.all(batch.map((t) => send('GET', '/', t)));
        for (const [i, t] of batch.entries()) check(t, answers[i] as Answer & { reachedHandler: boolean });
        expect(thrown).toEqual([]);
      }),
      { numRuns: batches },
    );
  });

  it('still serves a normal request afterwards', async () => {
    const a = await send('GET', '/debug/pprof/cmdline');
    expect(a?.status).toBe(200);
    expect(thrown).toEqual([]);
  });
});
