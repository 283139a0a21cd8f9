// @gostd/pprof/http: Go's net/http/pprof for node:http, Express and Connect.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { startCPUProfile, stopCPUProfile } from './cpu-profile';
import { writeHeapProfile } from './heap-profile';
import { setLongTimeout } from './long-timer';
import { parseRequestTarget } from './request-target';
import { describe } from './validate';

/** Options of handler. */
export interface HandlerOptions {
  /** The path the endpoints live under (default '/debug/pprof', as in Go). */
  prefix?: string;
  /** The longest CPU profile a request may ask for, in seconds (default 300); longer ones get 400. */
  maxSeconds?: number;
  /** The CPU sampling rate in Hz (default 100, Go's). */
  hz?: number;
}

/** A request handler for node:http and Express/Connect-style servers. */
export type Handler = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

const descriptions: Record<string, string> = {
  cmdline: 'The command line invocation of the current program',
  heap: 'A sampling of memory allocations of live objects. You can specify the gc GET parameter to run GC before taking the heap sample.',
  profile:
    'CPU profile. You can specify the duration in the seconds GET parameter. After you get the profile file, use the go tool pprof command to investigate the profile.',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function index(prefix: string): string {
  const names = Object.keys(descriptions).sort();
  let b = `<html>\n<head>\n<title>${prefix}/</title>\n</head>\n<body>\n${prefix}/<br>\n<br>\nTypes of profiles available:\n<table>\n<thead><td>Profile</td></thead>\n`;
  for (const n of names) b += `<tr><td><a href='${n}'>${n}</a></td></tr>\n`;
  b += '</table>\n<p>\nProfile Descriptions:\n<ul>\n';
  for (const n of names)
    b += `<li><div class=profile-name>${n}: </div> ${escapeHtml(descriptions[n] ?? '')}</li>\n`;
  return `${b}</ul>\n</p>\n</body>\n</html>`;
}

function serveError(res: ServerResponse, status: number, txt: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.removeHeader('Content-Disposition');
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('X-Go-Pprof', '1');
  res.statusCode = status;
  res.end(`${txt}\n`);
}

/** Parses a positive decimal integer the way Go's strconv.ParseInt(s, 10, 64) would accept it; NaN otherwise. */
function positiveInt(s: string): number {
  if (!/^\+?[0-9]+$/.test(s)) return Number.NaN;
  const n = Number(s);
  return Number.isSafeInteger(n) && n > 0 ? n : Number.NaN;
}

function serveProfile(res: ServerResponse, q: URLSearchParams, max: number, hz: number): void {
  const raw = q.get('seconds') ?? '';
  const sec = raw === '' ? 30 : positiveInt(raw);
  if (Number.isNaN(sec)) {
    serveError(res, 400, `invalid value for "seconds" - must be a positive integer`);
    return;
  }
  if (sec > max) {
    serveError(res, 400, `profile duration exceeds the limit of ${max} seconds`);
    return;
  }
  const chunks: Uint8Array[] = [];
  try {
    startCPUProfile({ write: (c: Uint8Array) => chunks.push(c) }, { hz });
  } catch (e) {
    serveError(res, 500, `Could not enable CPU profiling: ${(e as Error).message}`);
    return;
  }
  let finished = false;
  const finish = (send: boolean): void => {
    if (finished) return;
    finished = true;
    timer.clear();
    res.off('close', onClose);
    stopCPUProfile().then(
      () => {
        if (!send) return;
        res.setHeader('Content-Type', 'application/octet-stream');
        res.setHeader('Content-Disposition', 'attachment; filename="profile"');
        res.end(Buffer.concat(chunks));
      },
      (e: unknown) => serveError(res, 500, `Could not write CPU profile: ${(e as Error).message}`),
    );
  };
  const onClose = (): void => {
    if (!res.writableEnded) finish(false);
  };
  const timer = setLongTimeout(() => finish(true), sec * 1000, false);
  // The response closes before it has ended only when the client went away.
  res.on('close', onClose);
}

function serveHeap(res: ServerResponse, q: URLSearchParams): void {
  if ((q.get('seconds') ?? '') !== '') {
    serveError(res, 400, `"seconds" parameter is not supported for this profile type`);
    return;
  }
  const debug = q.get('debug') ?? '';
  if (debug !== '' && debug !== '0') {
    serveError(res, 400, `debug=${debug} is not supported: only debug=0 (the protobuf format)`);
    return;
  }
  const gc = q.get('gc') ?? '';
  if (gc !== '' && !/^[+-]?[0-9]+$/.test(gc)) {
    serveError(res, 400, `invalid value for "gc" - must be an integer`);
    return;
  }
  const chunks: Uint8Array[] = [];
  writeHeapProfile({ write: (c: Uint8Array) => chunks.push(c) }, { gc: Number(gc) > 0 }).then(
    () => {
      res.setHeader('Content-Type', 'application/octet-stream');
      res.setHeader('Content-Disposition', 'attachment; filename="heap"');
      res.end(Buffer.concat(chunks));
    },
    (e: unknown) => serveError(res, 500, `Could not write heap profile: ${(e as Error).message}`),
  );
}

/**
 * Handler returns a request handler serving Go's net/http/pprof endpoints under
 * options.prefix (default /debug/pprof): `/` (an index), `/profile?seconds=N`
 * (a CPU profile of N seconds, default 30), `/heap` (`?gc=1` collects garbage
 * first) and `/cmdline`, in the format `go tool pprof` reads. One CPU profile
 * runs at a time: a second request gets 500 "Could not enable CPU profiling: cpu
 * profiling already in use", as in Go. Bad parameters get 400 with the reason,
 * other names 404 "Unknown profile". Requests outside the prefix go to next when
 * given (Express, Connect), else get 404 "404 page not found". The target is
 * parsed as Go's url.ParseRequestURI does ("%68eap" is "heap"); one that does
 * not parse gets 400 with Go's reason when it is aimed at the prefix or there is
 * no next, and a path with "." or ".." segments is never served. The handler
 * never throws into the server. Nothing is served until it is mounted.
 *
 * @example
 * ```ts
 * import http from 'node:http';
 * import { handler } from '@gostd/pprof/http';
 * const server = http.createServer(handler());
 * await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
 * const { port } = server.address() as { port: number };
 * const res = await fetch(`http://127.0.0.1:${port}/debug/pprof/profile?seconds=-1`);
 * console.log(res.status, await res.text());
 * server.close();
 * // Output:
 * // 400 invalid value for "seconds" - must be a positive integer
 * //
 * ```
 */
export function handler(options: HandlerOptions = {}): Handler {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`pprof: handler options must be an object, got ${describe(options)}`);
  const rawPrefix = options.prefix ?? '/debug/pprof';
  if (typeof rawPrefix !== 'string' || !rawPrefix.startsWith('/'))
    throw new TypeError(`pprof: prefix must be a string starting with '/', got ${describe(rawPrefix)}`);
  const prefix = rawPrefix.replace(/\/+$/, '');
  const prefixSegments = prefix.split('/');
  const max = options.maxSeconds ?? 300;
  const hz = options.hz ?? 100;
  if (typeof max !== 'number')
    throw new TypeError(`pprof: maxSeconds must be a number, got ${describe(max)}`);
  if (typeof hz !== 'number') throw new TypeError(`pprof: hz must be a number, got ${describe(hz)}`);
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`pprof: maxSeconds must be a positive integer, got ${max}`);
  if (!Number.isInteger(hz) || hz < 1 || hz > 10000) {
    throw new RangeError(`pprof: hz must be an integer from 1 to 10000, got ${hz}`);
  }
  const serve = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): void => {
    const raw = (req as { originalUrl?: unknown }).originalUrl ?? req.url ?? '/';
    const target = parseRequestTarget(typeof raw === 'string' ? raw : '');
    const outside = (): void => {
      if (next) next();
      else serveError(res, 404, '404 page not found');
    };
    if (target.error !== null) {
      // Aimed at the prefix, or no one else to ask: 400 with Go's reason.
      const ours = target.rawPath === prefix || target.rawPath.startsWith(`${prefix}/`);
      if (next && !ours) next();
      else serveError(res, 400, `400 Bad Request: ${target.error}`);
      return;
    }
    const segs = target.segments;
    if (
      segs === null ||
      segs.length < prefixSegments.length ||
      !prefixSegments.every((p, i) => segs[i] === p) ||
      segs.some((s) => s === '.' || s === '..')
    ) {
      outside();
      return;
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const name = segs.slice(prefixSegments.length).join('/');
    const q = new URLSearchParams(target.query);
    switch (name) {
      case '':
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(index(prefix));
        return;
      case 'profile':
        serveProfile(res, q, max, hz);
        return;
      case 'heap':
        serveHeap(res, q);
        return;
      case 'cmdline':
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end(process.argv.join('\x00'));
        return;
      default:
        serveError(res, 404, 'Unknown profile');
    }
  };
  return (req, res, next) => {
    try {
      serve(req, res, typeof next === 'function' ? next : undefined);
    } catch (e) {
      // Nothing escapes into the server: an unexpected failure is this request's 500.
      try {
        serveError(res, 500, `pprof: ${e instanceof Error ? e.message : String(e)}`);
      } catch {
        res.destroy?.();
      }
    }
  };
}
