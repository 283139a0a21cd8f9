// Request targets for the fuzz tests of the HTTP handler and the differential
// test of parseRequestTarget against Go: random bytes, origin and absolute
// forms, dot segments, %-escapes good and bad, odd hosts and ports, huge paths.
import fc from 'fast-check';

const hex = '0123456789abcdefABCDEF';
const targetByte = fc.integer({ min: 0x21, max: 0xff }).map((b) => String.fromCharCode(b)); // no SP, CR, LF
const segment = fc.oneof(
  fc.constantFrom('debug', 'pprof', 'heap', 'cmdline', 'profile', '', '.', '..', '%2e%2e', '%2E', 'x', '%2F'),
  fc.constantFrom('%68eap', 'debu%67', '%zz', '%', '%4', '%%', '%00', '%ff', '[', ']', '::1', '@', ':'),
  fc.string({ unit: fc.constantFrom(...`${hex}%./:[]@?#&=;gxz-_~`.split('')), maxLength: 12 }),
);
const path = fc.array(segment, { maxLength: 7 }).map((s) => `/${s.join('/')}`);
const prefixed = fc
  .tuple(fc.array(segment, { maxLength: 3 }), fc.constantFrom('', '?gc=1', '?seconds=1', '?debug=1', '?%zz'))
  .map(([s, q]) => `/debug/pprof/${s.join('/')}${q}`);
const authority = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abc019:[]@%.-_zZ{ '.split('')), maxLength: 16 }),
  fc.constantFrom(
    '[::1]',
    '[::1]:80',
    '[fe80::1%25en0]',
    '[fe80::1%25]',
    '[1.2.3.4]',
    '[::ffff:1.2.3.4]',
    '[x]',
  ),
  fc.constantFrom('u:p@h', 'u@h:1', 'u{@h', 'a%41', 'h%C3%A9', 'h%25', 'a:1:2', 'ex.com:', '%zz'),
);
const absolute = fc
  .tuple(fc.constantFrom('http', 'https', 'HTTP', 'ftp', 'x+y'), authority, fc.oneof(path, prefixed))
  .map(([scheme, a, p]) => `${scheme}://${a}${p}`);
export const targets = fc.oneof(
  { arbitrary: fc.string({ unit: targetByte, minLength: 1, maxLength: 40 }), weight: 3 }, // random bytes
  { arbitrary: path, weight: 3 },
  { arbitrary: prefixed, weight: 3 },
  { arbitrary: absolute, weight: 3 },
  {
    arbitrary: fc.constantFrom('//[', '//a:99999/', '//%zz/', 'http://[/', '//[::1/debug/pprof/', '*', 'a:1'),
    weight: 1,
  },
  {
    arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((n) => `/debug/pprof/${'a'.repeat(n)}`),
    weight: 1,
  }, // huge
);
export const methods = fc.constantFrom(
  'GET',
  'GET',
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'PROPFIND',
  'M-SEARCH',
  'FOO',
  'get',
);
