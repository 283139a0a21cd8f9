// The Pyroscope pusher against a hand-written ingest receiver on 127.0.0.1:
// the wire format, labels, back-to-back CPU profiles, and every failure mode
// (server down, slow, 4xx/5xx, full queue) without anything reaching the
// application. The real server: pyroscope-server.test.ts.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import * as pprof from './index';
import { type Config, type Logger, start } from './pyroscope';
import { shared } from './shared';
import { Receiver } from './testdata/ingest-receiver';
import { readProfile } from './testdata/read-profile';
import { routes } from './testdata/routes';

const second = 1_000_000_000n;
const nodeMajor = Number(process.versions.node.split('.')[0]);

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec =
    (level: string) =>
    (format: string, ...args: unknown[]) => {
      let i = 0;
      lines.push(`${level} ${format.replace(/%[sdv]/g, () => String(args[i++]))}`);
    };
  return { lines, infof: rec('INFO'), debugf: rec('DEBUG'), errorf: rec('ERROR') };
}

let rx: Receiver | undefined;
afterEach(async () => {
  await rx?.close();
  rx = undefined;
  expect(shared.cpuBusy).toBe(false);
});

describe('pyroscope pusher, wire format', () => {
  it('pushes labeled CPU profiles back to back, and every sample keeps its route', async () => {
    rx = await new Receiver().listen();
    const log = recordingLogger();
    const p = start({
      applicationName: 'gostd.test',
      serverAddress: `${rx.url}/`,
      tags: { env: 'test', region: 'eu-1' },
      uploadRate: second,
      hz: 1000,
      profileTypes: ['cpu'],
      logger: log,
    });
    const truth = await routes(3200);
    await p.stop();
    const cpu = rx.ingests;
    expect(cpu.length).toBeGreaterThanOrEqual(3);
    let users = 0;
    let orders = 0;
    let prevEnd = 0;
    const gapsMs: number[] = [];
    for (const i of cpu) {
      expect(i.query.get('name')).toBe('gostd.test{env=test,region=eu-1}');
      // No format parameter: a real server reads a format=pprof body as bare pprof (422 on the form).
      expect(i.query.has('format')).toBe(false);
      expect(i.query.get('spyName')).toBe('nodespy');
      expect(i.query.get('sampleRate')).toBe('1000');
      expect(BigInt(i.query.get('from') ?? 0)).toBeLessThan(BigInt(i.query.get('until') ?? 0));
      expect(i.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      const prof = readProfile(i.fields.get('profile') ?? Buffer.alloc(0));
      expect(prof.sampleTypes).toEqual(['samples/count', 'cpu/nanoseconds']);
      const start = Number(prof.raw.timeNanos) / 1e6;
      if (prevEnd) gapsMs.push(start - prevEnd);
      prevEnd = start + prof.durationNanos / 1e6;
      for (const s of prof.samples) {
        // A sample in a route's spin function carries that route (when V8 kept the frame).
        if (s.stack.some((f) => f.name === 'spin_users')) expect(s.labels.route).toBe('/users');
        if (s.stack.some((f) => f.name === 'spin_orders')) expect(s.labels.route).toBe('/orders');
        if (s.labels.route === '/users') users += s.values[0] ?? 0;
        if (s.labels.route === '/orders') orders += s.values[0] ?? 0;
      }
    }
    const share = (100 * users) / (users + orders);
    const want = (100 * (truth['/users'] ?? 0)) / ((truth['/users'] ?? 0) + (truth['/orders'] ?? 1));
    console.log(
      `pyroscope push: ${cpu.length} CPU profiles, /users ${share.toFixed(1)}% of ${users + orders} samples (truth ${want.toFixed(1)}%), gaps between profiles ${gapsMs.map((g) => g.toFixed(2)).join(', ')} ms, last cut ${p.stats().cpuGapMs.toFixed(2)} ms`,
    );
    expect(Math.abs(share - want)).toBeLessThan(5);
    expect(users + orders).toBeGreaterThan(250); // 1000 Hz for 3.2 s; fewer on a loaded machine
    for (const g of gapsMs) expect(g).toBeLessThan(250);
    expect(p.stats()).toMatchObject({ uploaded: cpu.length, dropped: 0, queued: 0 });
    expect(log.lines.filter((l) => l.startsWith('ERROR'))).toEqual([]);
  });

  it('uploads the heap profile with its sample_type_config', async () => {
    rx = await new Receiver().listen();
    const p = start({ applicationName: 'heap.test', serverAddress: rx.url, profileTypes: ['inuse_space'] });
    // Allocated before the first cut: start() must already sample the heap, or the
    // first profile is empty (a real server then stores nothing for the app's heap).
    const keep = Array.from({ length: 200_000 }, (_, i) => ({ i }));
    await p.flush();
    await p.stop();
    expect(keep.length).toBe(200_000);
    expect(rx.ingests.length).toBeGreaterThanOrEqual(1);
    const i = rx.ingests[0];
    const heap = readProfile(i?.fields.get('profile') ?? Buffer.alloc(0));
    expect(heap.sampleTypes).toEqual(['inuse_objects/count', 'inuse_space/bytes']);
    const inuse = heap.samples.reduce((a, s) => a + (s.values[1] ?? 0), 0);
    expect(inuse).toBeGreaterThan(1 << 20); // some 8 MB live, sampled every 512 KiB
    expect(JSON.parse(String(i?.fields.get('sample_type_config')))).toEqual({
      inuse_objects: { units: 'objects', aggregation: 'average' },
      inuse_space: { units: 'bytes', aggregation: 'average' },
    });
  });

  it('sends basic auth, the tenant and extra headers', async () => {
    rx = await new Receiver().listen();
    const p = start({
      applicationName: 'auth.test',
      serverAddress: rx.url,
      basicAuthUser: 'user',
      basicAuthPassword: 's3cret-pa55',
      tenantID: 'team-a',
      httpHeaders: { 'X-Token': 'tok-123456' },
      profileTypes: ['cpu'],
    });
    await p.stop();
    const h = rx.ingests[0]?.headers ?? {};
    expect(h.authorization).toBe(`Basic ${Buffer.from('user:s3cret-pa55').toString('base64')}`);
    expect(h['x-scope-orgid']).toBe('team-a');
    expect(h['x-token']).toBe('tok-123456');
  });
});

/** Runs an ES module script (with start imported from dist) in a child process; the receiver keeps answering meanwhile. */
async function runScript(body: string) {
  const dist = fileURLToPath(new URL('../dist/pyroscope.js', import.meta.url));
  const script = `const { start } = await import(${JSON.stringify(dist)});\n${body}`;
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c;
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c;
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [status, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.on('exit', (st, sig) => resolve([st, sig])),
  );
  clearTimeout(killer);
  return { status, signal, stdout, stderr, ms: Date.now() - t0 };
}

describe("pyroscope pusher, redirects (as Go's http.Client follows them)", () => {
  // Before: every 3xx was retried with backoff, forever: a serverAddress that a proxy redirects (http to
  // https with a 308, a moved ingest with a 307) uploaded nothing, while Go's client follows 307 and 308
  // with the same method and body.
  let rx2: Receiver | undefined;
  afterEach(async () => {
    await rx2?.close();
    rx2 = undefined;
  });
  const auth = {
    basicAuthUser: 'user',
    basicAuthPassword: 's3cret-pa55',
    tenantID: 'team-a',
    httpHeaders: { 'X-Token': 'tok-123456', Cookie: 'session=abcdef' },
  };
  /** A CPU pusher with the credentials above, uploading to serverAddress. */
  const pusher = (serverAddress: string, more: Partial<Config> = {}) =>
    start({ applicationName: 'redirect.test', serverAddress, profileTypes: ['cpu'], ...auth, ...more });

  it('follows 307 and 308 with the profile, keeping the credentials on the same host', async () => {
    rx2 = await new Receiver().listen();
    const target = rx2.url;
    rx = await new Receiver().listen();
    rx.answer = (i) => ({
      status: rx?.ingests.length === 1 ? 307 : 308,
      headers: { Location: rx?.ingests.length === 1 ? `/ingest?${i.query}` : `${target}${i.path}` },
    });
    const p = pusher(rx.url);
    await p.stop();
    expect(rx.ingests.length).toBe(2); // a 307 to itself, then a 308 to the other server
    expect(rx2.ingests.length).toBe(1);
    const got = rx2.ingests[0];
    expect(got?.query.get('name')).toBe(rx.ingests[0]?.query.get('name'));
    expect(got?.fields.get('profile')?.length).toBeGreaterThan(0);
    expect(got?.headers.authorization).toBe(`Basic ${Buffer.from('user:s3cret-pa55').toString('base64')}`);
    expect(got?.headers['x-token']).toBe('tok-123456');
    expect(got?.headers.cookie).toBe('session=abcdef');
    expect(p.stats()).toMatchObject({ uploaded: 1, failures: 0, dropped: 0 });
  });

  it('drops Authorization and Cookie on a redirect to another host, as Go does, and keeps the other headers', async () => {
    rx2 = await new Receiver().listen('127.0.0.2');
    const target = rx2.url;
    rx = await new Receiver().listen();
    rx.answer = (i) => ({ status: 308, headers: { Location: `${target}${i.path}` } });
    const p = pusher(rx.url);
    await p.stop();
    const h = rx2.ingests[0]?.headers ?? {};
    expect(rx2.ingests.length).toBe(1);
    expect(rx.ingests[0]?.headers.cookie).toBe('session=abcdef');
    expect(h.authorization).toBeUndefined();
    expect(h.cookie).toBeUndefined();
    expect(h['x-scope-orgid']).toBe('team-a');
    expect(h['x-token']).toBe('tok-123456');
  });

  it('301, 302 and 303 and a redirect loop drop the profile at once, saying where it was sent', async () => {
    for (const [status, loop] of [
      [301, false],
      [302, false],
      [303, false],
      [308, true],
    ] as const) {
      rx = await new Receiver().listen();
      const self = rx.url;
      rx.answer = (i) => ({
        status,
        headers: {
          Location: loop ? `${self}${i.path}` : 'https://user:pw@elsewhere.example:4040/ingest?token=x',
        },
      });
      const log = recordingLogger();
      const p = pusher(rx.url, { logger: log });
      await p.stop();
      const errors = log.lines.filter((l) => l.startsWith('ERROR'));
      expect(rx.ingests.length).toBe(loop ? 10 : 1); // Go's client makes 10 requests, then stops
      expect(p.stats()).toMatchObject({ uploaded: 0, failures: 1, dropped: 1 });
      expect(errors.length).toBe(1);
      expect(errors[0]).toContain(loop ? 'stopped after 10 redirects' : `HTTP ${status}`);
      if (!loop) expect(errors[0]).toContain('https://elsewhere.example:4040/ingest');
      for (const secret of [
        's3cret',
        'tok-123456',
        'session=abcdef',
        'pw@',
        'token=x',
        Buffer.from('user:s3cret-pa55').toString('base64'),
      ])
        expect(errors[0]).not.toContain(secret);
      await rx.close();
      rx = undefined;
    }
  });
});

describe('pyroscope pusher, failures never reach the application', () => {
  it('never logs a credential, even when the server echoes it', async () => {
    rx = await new Receiver().listen();
    rx.answer = (i) => ({ status: 401, body: `denied ${i.headers.authorization} ${i.headers['x-token']}` });
    const log = recordingLogger();
    const p = start({
      applicationName: 'secret.test',
      serverAddress: rx.url,
      basicAuthUser: 'user',
      basicAuthPassword: 's3cret-pa55',
      httpHeaders: { 'X-Token': 'tok-123456' },
      profileTypes: ['cpu'],
      logger: log,
    });
    await p.flush();
    await p.stop();
    const all = log.lines.join('\n');
    expect(all).toContain('HTTP 401');
    expect(all).toContain('[redacted]');
    for (const secret of ['s3cret-pa55', Buffer.from('user:s3cret-pa55').toString('base64'), 'tok-123456'])
      expect(all).not.toContain(secret);
    expect(p.stats().dropped).toBeGreaterThanOrEqual(1); // 401: never retried
  });

  it('never logs part of a credential that the cut of an echoed body would split', async () => {
    // The log shows the first 200 characters of a refusal, from the first 4 KiB of its body: a
    // credential echoed across either cut must not leave its first characters behind.
    const token = 'tok-9f8e7d6c5b4a39281706';
    const jwt = `ey${'J0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9'.repeat(28)}`; // a bearer token of 1 kB
    const basic = Buffer.from('user:pa55-0123456789abcdef').toString('base64');
    const log = recordingLogger();
    const dots = (n: number) => '.'.repeat(n);
    for (const body of [
      `${dots(190)}${basic}${dots(300)}`,
      `${dots(195)}${token}${dots(300)}`,
      `${dots(4090)}${token}${dots(300)}`,
      `${jwt} ${jwt} ${jwt} ${jwt} ${jwt} ${jwt}`, // past 4 KiB, yet short once redacted
    ]) {
      rx = await new Receiver().listen();
      rx.answer = () => ({ status: 400, body });
      const p = start({
        applicationName: 'secret.test',
        serverAddress: rx.url,
        basicAuthUser: 'user',
        basicAuthPassword: 'pa55-0123456789abcdef',
        httpHeaders: { 'X-Token': token, 'X-Jwt': jwt },
        profileTypes: ['cpu'],
        logger: log,
      });
      await p.flush();
      await p.stop();
      await rx.close();
      rx = undefined;
    }
    const all = log.lines.join('\n');
    expect(all).toContain('HTTP 400');
    for (const secret of [token, jwt, basic, 'pa55-0123456789abcdef'])
      for (let n = 4; n <= secret.length; n++) expect(all).not.toContain(secret.slice(0, n));
  });

  it('server down: flush and stop resolve within their bound, and the errors are logged', async () => {
    const gone = await new Receiver().listen();
    const url = gone.url;
    await gone.close();
    const log = recordingLogger();
    const p = start({
      applicationName: 'down.test',
      serverAddress: url,
      profileTypes: ['cpu'],
      stopTimeout: 300_000_000n,
      logger: log,
    });
    const t0 = performance.now();
    await p.flush();
    await p.stop();
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(4000);
    expect(log.lines.join('\n')).toMatch(/ECONNREFUSED/);
    expect(p.stats().failures).toBeGreaterThanOrEqual(1);
  });

  it('a server that never answers: stop() returns within stopTimeout, the request is abandoned', async () => {
    rx = await new Receiver().listen();
    rx.answer = () => 'hang';
    const p = start({
      applicationName: 'hang.test',
      serverAddress: rx.url,
      stopTimeout: 500_000_000n,
      profileTypes: ['cpu'],
    });
    const t0 = performance.now();
    await p.stop();
    const ms = performance.now() - t0;
    console.log(`stop() against a hanging server: ${ms.toFixed(0)} ms (bound 500 ms + the last cut)`);
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(2500);
  });

  it('5xx: retries with exponential backoff and jitter, not in a hot loop', async () => {
    rx = await new Receiver().listen();
    rx.answer = () => ({ status: 503, body: 'overloaded' });
    const p = start({
      applicationName: 'retry.test',
      serverAddress: rx.url,
      uploadRate: 60n * second,
      profileTypes: ['cpu'],
    });
    void p.flush();
    await new Promise((r) => setTimeout(r, 6000));
    const times = rx.ingests.map((i) => i.at);
    const from = new Set(rx.ingests.map((i) => i.query.get('from')));
    await p.stop();
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    console.log(`503 retries in 6 s: ${times.length} attempts, gaps ${gaps.join(', ')} ms`);
    expect(from.size).toBe(1); // the same profile, retried
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect(times.length).toBeLessThanOrEqual(16);
    expect(p.stats().failures).toBeGreaterThanOrEqual(2);
  });

  it('a full queue drops the oldest profiles and counts them', async () => {
    rx = await new Receiver().listen();
    rx.answer = () => 'hang';
    const log = recordingLogger();
    const p = start({
      applicationName: 'queue.test',
      serverAddress: rx.url,
      maxQueue: 2,
      timeout: 60n * second,
      stopTimeout: 100_000_000n,
      profileTypes: ['cpu'],
      logger: log,
    });
    for (let i = 0; i < 6; i++) await p.flush(); // each cuts a profile; none can be uploaded
    const s = p.stats();
    await p.stop();
    expect(s.queued).toBeLessThanOrEqual(2);
    expect(s.dropped).toBeGreaterThanOrEqual(3);
    expect(log.lines.join('\n')).toMatch(/upload queue full \(2 profiles\): dropped the oldest/);
  });

  it('never counts a profile in flight as dropped, even with room for one', async () => {
    // maxQueue 1: a profile cut while the only one is being uploaded. The one in flight was counted
    // dropped (and logged so) and then uploaded as well: 3 uploads and 1 drop for 3 profiles.
    rx = await new Receiver().listen();
    rx.answer = () => ({ status: 200, delayMs: 1000 });
    const log = recordingLogger();
    const p = start({
      applicationName: 'one.test',
      serverAddress: rx.url,
      maxQueue: 1,
      profileTypes: ['cpu'],
      logger: log,
    });
    const first = p.flush(); // cut 1, answered after 1 s
    while (rx.ingests.length === 0) await new Promise((r) => setTimeout(r, 10));
    await Promise.all([first, p.flush()]); // cut 2: no room while 1 is in flight
    await p.stop(); // cut 3
    const s = p.stats();
    expect(s.uploaded + s.dropped).toBe(3);
    expect(s.uploaded).toBe(rx.ingests.length);
    expect(s.dropped).toBe(1);
    expect(log.lines.join('\n')).toMatch(/dropped the newest: the oldest is being uploaded/);
  });

  it('never keeps the process alive: a process that never calls stop() exits by itself', async () => {
    rx = await new Receiver().listen();
    rx.answer = () => 'hang';
    const r = await runScript(`
      const p = start({ applicationName: 'exit.test', serverAddress: ${JSON.stringify(rx.url)}, uploadRate: 1000000000n });
      // At 1 s the pusher cuts a profile and uploads it to a server that never answers.
      setTimeout(() => console.log('main done'), 1500);
    `);
    expect([r.status, r.signal, r.stdout.trim()]).toEqual([0, null, 'main done']);
    expect(r.ms).toBeLessThan(5000);
    expect(rx.ingests.length).toBeGreaterThanOrEqual(1);
  });

  it('a logger that throws never reaches the application', async () => {
    // The pusher logs from its timers and sockets: a logger's exception there was uncaught (status 1), and
    // one from start's own message escaped start with the profiler left running.
    rx = await new Receiver().listen();
    rx.answer = () => ({ status: 503, body: 'down' });
    const r = await runScript(`
      const boom = () => { throw new Error('logger broke'); };
      const p = start({ applicationName: 'log.test', serverAddress: ${JSON.stringify(rx.url)}, profileTypes: ['cpu'],
        logger: { infof: boom, debugf: boom, errorf: boom } });
      await p.flush();
      await p.stop();
      console.log('stopped', p.stats().failures > 0);
    `);
    expect([r.status, r.signal, r.stdout.trim()]).toEqual([0, null, 'stopped true']);
    expect(r.stderr).toContain('pyroscope: the logger threw (logger broke)');
    expect(r.stderr.match(/the logger threw/g)?.length).toBe(1);
  });

  it('an awaited stop() or flush() finishes its upload before the process ends', async () => {
    // Its sockets and timers are unref'd: without a hold, a program whose last act is `await p.stop()`
    // ended (status 13, an unsettled top-level await) while the server was still answering.
    rx = await new Receiver().listen();
    rx.answer = () => ({ status: 200, delayMs: 300 });
    const r = await runScript(`
      const p = start({ applicationName: 'last.test', serverAddress: ${JSON.stringify(rx.url)}, profileTypes: ['cpu'] });
      await p.flush();
      console.log('flushed', p.stats().uploaded);
      await p.stop();
      console.log('stopped', p.stats().uploaded);
    `);
    expect([r.status, r.signal, r.stdout.trim()]).toEqual([0, null, 'flushed 1\nstopped 2']);
    expect(rx.ingests.length).toBe(2);
  });
});

describe('pyroscope pusher in a worker', () => {
  it('names its series with thread=<threadId> and worker=<name>, whatever the worker was named', async () => {
    rx = await new Receiver().listen();
    const dist = fileURLToPath(new URL('../dist/pyroscope.js', import.meta.url));
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      import(${JSON.stringify(dist)}).then(async ({ start }) => {
        const p = start({ applicationName: 'w.test', serverAddress: workerData, tags: { env: 'ci' }, profileTypes: ['cpu'] });
        await p.flush();
        await p.stop();
        parentPort.postMessage(p.stats().uploaded);
      });
    `;
    // A name is the worker creator's free text: it may hold what a series name cannot ('{', '}', ',',
    // '=', control characters), which would turn the name into other labels or one the server refuses.
    const names = [
      ['resize', 'resize'],
      ['pool{1}', 'pool_1_'],
      ['a,b=c', 'a_b_c'],
      ['tab\there', 'tab_here'],
      ['ünï', 'ünï'],
      ['', ''],
    ];
    const want: string[] = [];
    for (const [name, asTag] of names) {
      const w = new Worker(code, { eval: true, workerData: rx.url, ...(name ? { name } : {}) });
      const thread = w.threadId; // -1 once the worker has ended, which it may do as soon as it has posted
      const uploaded = await new Promise((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
      expect(uploaded).toBeGreaterThanOrEqual(1);
      // Node 20 tells a worker nothing of its name (no threadName): there the series has none.
      const shown = nodeMajor >= 22 ? asTag : '';
      want.push(`w.test{env=ci,thread=${thread}${shown ? `,worker=${shown}` : ''}}`);
      await w.terminate();
    }
    const got = [...new Set(rx.ingests.map((i) => i.query.get('name')))];
    expect(got).toEqual(want);
  });
});

describe('pyroscope config', () => {
  const ok: Config = { applicationName: 'app', serverAddress: 'http://127.0.0.1:4040' };
  it.each([
    ['no config', undefined, TypeError, /config must be an object/],
    ['empty name', { ...ok, applicationName: '' }, TypeError, /applicationName must be a non-empty string/],
    ['name with a brace', { ...ok, applicationName: 'a{b}' }, TypeError, /may hold only/],
    ['not a URL', { ...ok, serverAddress: 'not a url' }, TypeError, /serverAddress is not a URL/],
    ['ftp URL', { ...ok, serverAddress: 'ftp://h' }, TypeError, /must be http or https/],
    ['URL without scheme', { ...ok, serverAddress: 'pyroscope:4040' }, TypeError, /must be http or https/],
    ['non-string tag', { ...ok, tags: { a: 1 } }, TypeError, /tags.a must be a string, got number 1/],
    ['tag name with a dash', { ...ok, tags: { 'a-b': 'x' } }, TypeError, /tag name "a-b"/],
    ['tag value with a comma', { ...ok, tags: { a: 'x,y' } }, TypeError, /must not contain/],
    ['uploadRate a number', { ...ok, uploadRate: 15 }, TypeError, /uploadRate must be a Duration/],
    ['uploadRate too short', { ...ok, uploadRate: 1000n }, RangeError, /uploadRate must be at least 1000 ms/],
    [
      'unknown profile type',
      { ...ok, profileTypes: ['goroutine'] },
      TypeError,
      /unknown or unsupported profile type/,
    ],
    ['logger without errorf', { ...ok, logger: { infof() {}, debugf() {} } }, TypeError, /logger.errorf/],
    ['header with a newline', { ...ok, httpHeaders: { A: 'x\r\ny' } }, TypeError, /HTTP does not allow/],
    // Node's HTTP client refuses these at every request: every upload would be dropped.
    ['header past U+00FF', { ...ok, httpHeaders: { A: 'ok\u2713' } }, TypeError, /A holds a character HTTP/],
    ['header with a control', { ...ok, httpHeaders: { A: 'a\x01b' } }, TypeError, /HTTP does not allow/],
    ['header with DEL', { ...ok, httpHeaders: { A: 'a\x7fb' } }, TypeError, /HTTP does not allow/],
    ['tenantID past U+00FF', { ...ok, tenantID: 'team\u2713' }, TypeError, /tenantID holds a character/],
    ['tenantID with a newline', { ...ok, tenantID: 'a\nb' }, TypeError, /tenantID holds a character/],
    ['hz 0', { ...ok, hz: 0 }, RangeError, /hz must be an integer/],
  ])('%s', (_, config, type, message) => {
    expect(() => start(config as Config)).toThrow(type);
    expect(() => start(config as Config)).toThrow(message);
    expect(shared.cpuBusy).toBe(false);
  });

  it('never echoes credentials in a config error', () => {
    const e = (() => {
      try {
        start({ ...ok, serverAddress: 'http://user:hunter22@h:4040' });
      } catch (err) {
        return String(err);
      }
    })();
    expect(e).toMatch(/must not hold credentials/);
    expect(e).not.toContain('hunter22');
    const e2 = (() => {
      try {
        start({ ...ok, basicAuthPassword: 12345678 as never });
      } catch (err) {
        return String(err);
      }
    })();
    expect(e2).toMatch(/basicAuthPassword must be a string, got number/);
    expect(e2).not.toContain('12345678');
  });

  it('one at a time: a second start, or start while a CPU profile runs, throws', async () => {
    const p = start({ ...ok, serverAddress: 'http://127.0.0.1:9', stopTimeout: 0n });
    expect(() => start(ok)).toThrow('cpu profiling already in use');
    await p.stop();
    pprof.startCPUProfile({ write() {} });
    expect(() => start(ok)).toThrow('cpu profiling already in use');
    await pprof.stopCPUProfile();
  });
});
