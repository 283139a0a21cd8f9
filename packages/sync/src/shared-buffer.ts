// Every shared primitive of this package lives in a SharedArrayBuffer. Browsers define SharedArrayBuffer
// only on cross-origin isolated pages, and without it the engine's own error ("SharedArrayBuffer is not
// defined") does not say what the page is missing; newSharedBuffer does.

/** isolationMessage is the error text for a runtime without SharedArrayBuffer; what names the call. */
export function isolationMessage(what: string): string {
  return (
    `sync: ${what} needs SharedArrayBuffer, which this runtime does not provide; a browser page has it only ` +
    'when cross-origin isolated (serve it with the headers Cross-Origin-Opener-Policy: same-origin and ' +
    'Cross-Origin-Embedder-Policy: require-corp)'
  );
}

/**
 * newSharedBuffer returns a new SharedArrayBuffer of byteLength bytes (growable up to maxByteLength when
 * given), or throws an Error naming what the page needs when SharedArrayBuffer does not exist.
 */
export function newSharedBuffer(what: string, byteLength: number, maxByteLength?: number): SharedArrayBuffer {
  if (typeof SharedArrayBuffer !== 'function') throw new Error(isolationMessage(what));
  return maxByteLength === undefined
    ? new SharedArrayBuffer(byteLength)
    : new SharedArrayBuffer(byteLength, { maxByteLength });
}
