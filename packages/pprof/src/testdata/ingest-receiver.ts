// Test helper: a hand-written receiver of Pyroscope's ingest API on
// 127.0.0.1, for the pusher's wire format and its failure handling (the real
// server is tested in pyroscope-server.test.ts when it can be built). It
// parses the multipart body and records every request; its answer is chosen
// per request by the test.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Ingest {
  at: number;
  /** The request's path and query, as sent. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The multipart fields by name. */
  fields: Map<string, Buffer>;
}

/** What to answer: a status, body and headers, 'hang' (never answer), or a delay before answering. */
export type Answer =
  | { status: number; body?: string; delayMs?: number; headers?: Record<string, string> }
  | 'hang';

export class Receiver {
  readonly ingests: Ingest[] = [];
  answer: (i: Ingest) => Answer = () => ({ status: 200 });
  private server = http.createServer((req, res) => this.handle(req, res));
  private sockets = new Set<import('node:net').Socket>();
  url = '';

  /** Listens on host (127.0.0.1; any address of the loopback net works on Linux). */
  async listen(host = '127.0.0.1'): Promise<this> {
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server.listen(0, host, r));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((r) => this.server.close(() => r()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/ingest') {
        res.statusCode = 404;
        res.end();
        return;
      }
      const i: Ingest = {
        at: Date.now(),
        path: req.url ?? '/',
        query: url.searchParams,
        headers: req.headers,
        fields: new Map(),
      };
      const m = /boundary=([^;]+)/.exec(req.headers['content-type'] ?? '');
      if (m) i.fields = parseMultipart(Buffer.concat(chunks), m[1] as string);
      this.ingests.push(i);
      const a = this.answer(i);
      if (a === 'hang') return;
      setTimeout(() => {
        res.statusCode = a.status;
        for (const [k, v] of Object.entries(a.headers ?? {})) res.setHeader(k, v);
        res.end(a.body ?? '');
      }, a.delayMs ?? 0);
    });
  }
}

/** Splits a multipart/form-data body into its fields. */
export function parseMultipart(body: Buffer, boundary: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const delim = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delim);
  while (pos >= 0) {
    const start = pos + delim.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delim, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // after CRLF, before CRLF
    const headEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headEnd).toString();
    const name = /name="([^"]+)"/.exec(head)?.[1];
    if (name) out.set(name, part.subarray(headEnd + 4));
    pos = next;
  }
  return out;
}
