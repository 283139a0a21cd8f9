// Parsing an HTTP request target the way Go's url.ParseRequestURI does, for
// the handler: it never throws, whatever string arrives in req.url.
import { isIPv4, isIPv6 } from 'node:net';
import { quote } from '@gostd/internal';

/** A request target parsed as Go's url.ParseRequestURI would, or why it cannot be. */
export interface RequestTarget {
  /** Go's error for a target that does not parse (Go's server answers it 400); null when it parses. */
  error: string | null;
  /**
   * The path, split at '/' and each segment %-decoded (so an escaped '/' stays
   * inside its segment); null for "*", an opaque form ("host:443") or an error.
   */
  segments: string[] | null;
  /** The raw path before decoding ('' when there is none), to tell where an unparsable target was aimed. */
  rawPath: string;
  /** The raw query, without its '?'. */
  query: string;
}

const hexDigit = /^[0-9A-Fa-f]$/;
// The ASCII characters Go leaves unescaped in a host (net/url encoding_table.go, encodeHost).
const hostChar = /^[A-Za-z0-9!"$&'()*+,\-.:;<=>[\]_~]$/;
const userinfoChars = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

const strictUTF8 = new TextDecoder('utf-8', { fatal: true });

/** Go's unescape error for the bad escape at i: its first 3 bytes ("%zz", or what is left), quoted as Go does. */
function escapeError(s: string, i: number): string {
  const b = Buffer.from(s.slice(i, i + 3), 'utf8').subarray(0, 3);
  // A character cut by the 3-byte window: Go quotes its bytes as \xNN.
  let q = '';
  for (let j = 0; j < b.length; ) {
    const lead = b[j] as number;
    const n = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    try {
      q += quote(strictUTF8.decode(b.subarray(j, j + n))).slice(1, -1);
      if (j + n > b.length) throw new Error('cut');
      j += n;
    } catch {
      q += `\\x${lead.toString(16).padStart(2, '0')}`;
      j++;
    }
  }
  return `invalid URL escape "${q}"`;
}

/** The first bad %-escape in s as Go's error, or null. host adds Go's host rules. */
function checkEscapes(s: string, host = false): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '%') {
      if (i + 2 >= s.length || !hexDigit.test(s[i + 1] as string) || !hexDigit.test(s[i + 2] as string))
        return escapeError(s, i);
      // In a host, %-encoding is only for non-ASCII bytes (and %25 for a zone).
      if (host && Number.parseInt(s[i + 1] as string, 16) < 8 && s.slice(i, i + 3) !== '%25')
        return escapeError(s, i);
      i += 2;
    } else if (host && c < '\x80' && !hostChar.test(c)) {
      return `invalid character ${quote(c)} in host name`;
    }
  }
  return null;
}

/** Decodes one path segment's %XX bytes (already checked) and reads the bytes as UTF-8. */
function decodeSegment(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%') {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(s[i] as string, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

/** Go's parseHost: an error or null. */
function checkHost(scheme: string, host: string): string | null {
  const open = host.lastIndexOf('[');
  if (open > 0) return 'invalid IP-literal';
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const port = host.slice(close + 1);
    if (!validOptionalPort(port)) return `invalid port ${quote(port)} after host`;
    const name = host.slice(1, close);
    const zone = name.indexOf('%25');
    const addr = zone >= 0 ? name.slice(0, zone) : name;
    const bad = checkEscapes(addr, true);
    if (bad) return bad;
    if (zone >= 0 && name.length === zone + 3) return 'invalid host: missing zone';
    if (isIPv4(decodeSegment(addr))) return 'invalid IP-literal';
    if (!isIPv6(decodeSegment(addr))) return `invalid host: ParseAddr(${quote(name)}): unable to parse IP`;
    return null;
  }
  const first = host.indexOf(':');
  if (first >= 0) {
    // Go 1.26 allows a second colon only outside http and https (urlstrictcolons).
    const i = scheme === 'http' || scheme === 'https' ? first : host.lastIndexOf(':');
    const port = host.slice(i);
    if (!validOptionalPort(port)) return `invalid port ${quote(port)} after host`;
  }
  return checkEscapes(host, true);
}

/** Go's parseAuthority: an error or null. */
function checkAuthority(scheme: string, authority: string): string | null {
  const at = authority.lastIndexOf('@');
  const bad = checkHost(scheme, authority.slice(at + 1));
  if (bad || at < 0) return bad;
  const userinfo = authority.slice(0, at);
  if (!userinfoChars.test(userinfo)) return 'net/url: invalid userinfo';
  // Go unescapes the user name and the password (after the first ':') apart.
  const colon = userinfo.indexOf(':');
  if (colon < 0) return checkEscapes(userinfo);
  return checkEscapes(userinfo.slice(0, colon)) ?? checkEscapes(userinfo.slice(colon + 1));
}

/**
 * parseRequestTarget parses the target of an HTTP request line (req.url) as
 * Go's url.ParseRequestURI does: origin form ("/a?b", where "//x" is a path),
 * absolute form ("http://host/a"), "*", and opaque forms ("host:443"). The
 * path is %-decoded per segment; a bad escape, a bad host or port, a control
 * character or an empty target is an error in Go's words. It never throws.
 */
export function parseRequestTarget(raw: string): RequestTarget {
  const fail = (error: string, rawPath = ''): RequestTarget => ({
    error,
    segments: null,
    rawPath,
    query: '',
  });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Go refuses these bytes in a URL.
  if (/[\x00-\x1f\x7f]/.test(raw)) return fail('net/url: invalid control character in URL');
  if (raw === '') return fail('empty url');
  if (raw === '*') return { error: null, segments: null, rawPath: '', query: '' };
  // Go's getScheme: letters, then letters, digits, '+', '-' or '.', up to ':'.
  let scheme = '';
  let rest = raw;
  const m = /^[A-Za-z][A-Za-z0-9+.-]*(?=:)/.exec(raw) ?? (raw.startsWith(':') ? [''] : null);
  if (m) {
    if (m[0] === '') return fail('missing protocol scheme');
    scheme = m[0].toLowerCase();
    rest = raw.slice(m[0].length + 1);
  }
  const q = rest.indexOf('?');
  const query = q >= 0 ? rest.slice(q + 1) : '';
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { error: null, segments: null, rawPath: '', query }; // opaque
    return fail('invalid URI for request');
  }
  if (scheme !== '' && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash >= 0 ? rest.slice(2, slash) : rest.slice(2);
    rest = slash >= 0 ? rest.slice(slash) : '';
    const bad = checkAuthority(scheme, authority);
    if (bad) return fail(bad, rest);
  }
  const bad = checkEscapes(rest);
  if (bad) return fail(bad, rest);
  return {
    error: null,
    segments: rest === '' ? [''] : rest.split('/').map(decodeSegment),
    rawPath: rest,
    query,
  };
}
