// Uploads to Pyroscope's ingest API: a bounded queue (the oldest profile is
// dropped when full), one upload at a time, exponential backoff with full
// jitter on failure, timers and sockets unref'd, and no credential in any
// message.

import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { type LongTimer, setLongTimeout } from './long-timer';
import type { ResolvedConfig } from './pyroscope-config';
import { controlChars } from './validate';

/** One profile waiting for upload. */
export interface UploadJob {
  /** What it is, for messages ("cpu", "heap"). */
  kind: string;
  /** The ingest API's name: app{k=v,...}. */
  name: string;
  /** Start and end of the profiled span, Unix nanoseconds. */
  from: bigint;
  until: bigint;
  /** The gzipped pprof profile. */
  profile: Uint8Array;
  /** Pyroscope's sample_type_config, when the server's defaults do not fit. */
  sampleTypeConfig?: Record<string, { units?: string; aggregation?: string; 'display-name'?: string }>;
}

/** Counters of an Uploader. */
export interface UploadStats {
  /** Profiles the server accepted. */
  uploaded: number;
  /** Profiles dropped: the queue was full (oldest first) or the server refused them for good (4xx). */
  dropped: number;
  /** Failed attempts (each retried unless dropped). */
  failures: number;
  /** Profiles waiting now. */
  queued: number;
}

type Outcome = 'ok' | 'retry' | 'drop';

const backoffBaseMs = 500;
const backoffCapMs = 60_000;
/** Bytes of a refusal's body kept for the log. */
const bodyKept = 4096;

export class Uploader {
  private readonly queue: UploadJob[] = [];
  private readonly stats = { uploaded: 0, dropped: 0, failures: 0 };
  private busy = false;
  private closed = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private inflight: http.ClientRequest | undefined;
  private idle: (() => void)[] = [];
  private readonly secrets: string[];

  constructor(private readonly c: ResolvedConfig) {
    // Every header value may be a credential (Authorization, tokens): none may reach a message.
    this.secrets = Object.values(c.headers).filter((v) => v.length >= 4);
    const auth = c.headers.Authorization;
    if (auth?.startsWith('Basic ')) {
      const plain = Buffer.from(auth.slice(6), 'base64').toString();
      const colon = plain.indexOf(':');
      this.secrets.push(plain, plain.slice(colon + 1), auth.slice(6));
    }
    this.secrets = this.secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  }

  /** A message with every secret replaced by [redacted]. */
  redact(msg: string): string {
    let m = msg;
    for (const s of this.secrets) m = m.split(s).join('[redacted]');
    return m;
  }

  /**
   * The first 200 characters of a server's answer of size bytes, of which kept holds the first: redacted
   * before it is cut (a cut must not split a credential the server echoes), a credential's first
   * characters at the end of a truncated answer dropped, control characters blanked.
   */
  private bodyExcerpt(kept: Buffer, size: number): string {
    let text = this.redact(kept.subarray(0, bodyKept).toString('utf8'));
    if (size > bodyKept)
      for (const s of this.secrets)
        for (let n = Math.min(s.length - 1, text.length); n > 0; n--)
          if (text.endsWith(s.slice(0, n))) {
            text = text.slice(0, -n);
            break;
          }
    return text.slice(0, 200).replace(controlChars, ' ');
  }

  counts(): UploadStats {
    return { ...this.stats, queued: this.queue.length };
  }

  /** Queues a profile; when the queue is full the oldest waiting one is dropped and counted. */
  push(job: UploadJob): void {
    if (this.closed) return;
    if (this.queue.length >= this.c.maxQueue) {
      // The head may be in flight, and is then not dropped (it is being uploaded): the oldest waiting
      // profile is, or, when none waits (maxQueue 1), this new one.
      const inFlight = this.busy ? 1 : 0;
      const old = this.queue.length > inFlight ? this.queue.splice(inFlight, 1)[0] : job;
      this.stats.dropped++;
      this.c.logger.errorf(
        'pyroscope: upload queue full (%d profiles): dropped the %s (%s), %d dropped so far',
        this.c.maxQueue,
        old === job ? 'newest: the oldest is being uploaded' : 'oldest',
        old?.kind,
        this.stats.dropped,
      );
      if (old === job) return;
    }
    this.queue.push(job);
    this.pump();
  }

  /** Resolves once nothing is waiting or in flight, or after ms, whichever is first. */
  drain(ms: number): Promise<void> {
    if (this.queue.length === 0 && !this.busy) return Promise.resolve();
    // A pending backoff would outlast a short bound: try again now.
    if (this.retryTimer !== undefined) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      this.pump();
    }
    return new Promise((resolve) => {
      const t = setLongTimeout(done, ms, true);
      const self = this;
      function done(): void {
        t.clear();
        self.idle = self.idle.filter((f) => f !== done);
        resolve();
      }
      this.idle.push(done);
    });
  }

  /** Stops uploading: aborts what is in flight and forgets what waits. */
  close(): void {
    this.closed = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.inflight?.destroy(new Error('profiler stopped'));
    this.queue.length = 0;
    this.notifyIdle();
  }

  private notifyIdle(): void {
    const waiting = this.idle;
    this.idle = [];
    for (const f of waiting) f();
  }

  private pump(): void {
    if (this.busy || this.closed || this.retryTimer !== undefined) return;
    const job = this.queue[0];
    if (job === undefined) {
      this.notifyIdle();
      return;
    }
    this.busy = true;
    this.send(job).then((outcome) => {
      this.busy = false;
      this.inflight = undefined;
      if (this.closed) return;
      if (outcome === 'retry') {
        this.attempt++;
        // Full jitter: a random delay up to base * 2^attempt, capped.
        const ceiling = Math.min(backoffCapMs, backoffBaseMs * 2 ** Math.min(this.attempt, 20));
        const delay = Math.max(50, Math.floor(Math.random() * ceiling));
        this.c.logger.debugf('pyroscope: retrying the %s upload in %d ms', job.kind, delay);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.pump();
        }, delay);
        this.retryTimer.unref();
        return;
      }
      this.attempt = 0;
      if (this.queue[0] === job) this.queue.shift();
      if (outcome === 'ok') this.stats.uploaded++;
      else this.stats.dropped++;
      this.pump();
    });
  }

  /** One upload attempt; never rejects. */
  private send(job: UploadJob): Promise<Outcome> {
    const url = new URL(this.c.ingestURL.href);
    url.searchParams.set('name', job.name);
    url.searchParams.set('from', String(job.from));
    url.searchParams.set('until', String(job.until));
    // No format=pprof: with it a Pyroscope server (v0.37's and Grafana's ingest
    // handler alike) reads the whole body as a bare pprof and answers 422 to the
    // multipart form; the form's Content-Type is what selects the pprof parser,
    // and Go's client sends no format either.
    url.searchParams.set('spyName', 'nodespy');
    url.searchParams.set('sampleRate', String(this.c.hz));
    const boundary = `gostd${randomBytes(12).toString('hex')}`;
    const parts: Buffer[] = [];
    const part = (field: string, file: string, type: string, body: Uint8Array | string): void => {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        Buffer.from(body),
        Buffer.from('\r\n'),
      );
    };
    part('profile', 'profile.pprof', 'application/octet-stream', job.profile);
    if (job.sampleTypeConfig)
      part(
        'sample_type_config',
        'sample_type_config.json',
        'application/json',
        JSON.stringify(job.sampleTypeConfig),
      );
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const body = Buffer.concat(parts);
    let where = `${url.origin}${url.pathname}`;
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      let deadline: LongTimer | undefined;
      let req: http.ClientRequest | undefined;
      const finish = (outcome: Outcome, why?: string): void => {
        if (settled) return;
        settled = true;
        deadline?.clear();
        if (outcome !== 'ok') {
          this.stats.failures++;
          const what = outcome === 'retry' ? 'will retry' : 'dropped';
          this.c.logger.errorf(
            'pyroscope: upload of the %s profile to %s failed (%s): %s',
            job.kind,
            where,
            what,
            this.redact(why ?? ''),
          );
        } else {
          this.c.logger.debugf('pyroscope: uploaded the %s profile to %s', job.kind, where);
        }
        resolve(outcome);
      };
      /** POSTs the body to target; follows 307 and 308 as Go's http.Client does, 10 requests at most. */
      const post = (target: URL, headers: Record<string, string>, hops: number): void => {
        const lib = target.protocol === 'https:' ? https : http;
        let r: http.ClientRequest;
        try {
          r = lib.request(target, {
            method: 'POST',
            agent: false,
            headers: {
              ...headers,
              'Content-Type': `multipart/form-data; boundary=${boundary}`,
              'Content-Length': String(body.length),
              'User-Agent': 'gostd-pprof',
            },
          });
        } catch (e) {
          finish('drop', (e as Error).message);
          return;
        }
        req = r;
        this.inflight = r;
        // An upload in flight never keeps the process alive.
        r.on('socket', (s) => s.unref());
        // Only the request of the current hop settles the upload.
        r.on('error', (e: NodeJS.ErrnoException) => req === r && finish('retry', e.message));
        r.on('response', (res) => {
          const status = res.statusCode ?? 0;
          const location = res.headers.location;
          if (status >= 300 && status < 400 && location !== undefined) {
            res.resume();
            const next = redirectTarget(target, location);
            // Logged without its query, which may carry a token.
            const to =
              next === null
                ? 'a location that is not an http or https URL'
                : `${next.origin}${next.pathname}`;
            if (next === null || (status !== 307 && status !== 308)) {
              // Go's client repeats a POST only for 307 and 308; after 301, 302 and 303 it sends a GET
              // without the profile, which an ingest API cannot take.
              finish(
                'drop',
                `HTTP ${status}: redirected to ${to}; set serverAddress to where the ingest API is`,
              );
            } else if (hops === 9) {
              // Go's client stops when 10 requests were redirected (checked against Go 1.26).
              finish('drop', `stopped after 10 redirects (the last to ${to})`);
            } else {
              where = `${next.origin}${next.pathname}`;
              post(next, sameDomain(next, target) ? headers : withoutSensitiveHeaders(headers), hops + 1);
            }
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            if (size < bodyKept) chunks.push(c);
            size += c.length;
          });
          res.on('error', (e) => finish('retry', e.message));
          res.on('end', () => {
            if (status >= 200 && status < 300) return finish('ok');
            const text = this.bodyExcerpt(Buffer.concat(chunks), size);
            const why = `HTTP ${status}${text ? `: ${text}` : ''}`;
            // 4xx means this profile will never be taken (bad request, auth), except timeouts and rate limits.
            finish(status >= 400 && status < 500 && status !== 408 && status !== 429 ? 'drop' : 'retry', why);
          });
        });
        r.end(body);
      };
      // The whole exchange is bounded, redirects included, as is a server that trickles its answer.
      deadline = setLongTimeout(
        () => req?.destroy(new Error(`no answer within ${this.c.timeoutMs} ms`)),
        this.c.timeoutMs,
        true,
      );
      post(url, this.c.headers, 0);
    });
  }
}

/** The URL a redirect's Location names (relative to from), without credentials; null unless http(s). */
function redirectTarget(from: URL, location: string): URL | null {
  let u: URL;
  try {
    u = new URL(location, from);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // A user and password in a Location are not sent on (Node would turn them into Authorization), and the
  // URL is logged: neither goes anywhere.
  u.username = '';
  u.password = '';
  return u;
}

/**
 * Go's rule for sensitive headers on a redirect (net/http's shouldCopyHeaderOnRedirect and
 * isDomainOrSubdomain): Authorization (and a Cookie among httpHeaders) goes on only to the same host or a
 * subdomain of it, whatever the port or scheme (an IPv6 address only to itself); once dropped it stays
 * dropped.
 */
function sameDomain(to: URL, from: URL): boolean {
  const a = to.hostname.toLowerCase();
  const b = from.hostname.toLowerCase();
  return a === b || (!/[:%]/.test(a) && a.endsWith(`.${b}`));
}

/** The headers Go's client sends on a redirect only to the same domain (shouldCopyHeaderOnRedirect). */
const sensitive = new Set(['authorization', 'www-authenticate', 'cookie', 'cookie2']);

function withoutSensitiveHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!sensitive.has(k.toLowerCase())) out[k] = v;
  return out;
}
