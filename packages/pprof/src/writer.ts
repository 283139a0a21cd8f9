// Go's io.Writer as the profile writers take it.

/**
 * Writer is where a profile goes: a node:stream Writable (a file stream, an
 * http.ServerResponse) or any object with a write method. Profiles are written
 * with one write call; a writer that returns false and has `once` is waited on
 * for 'drain'.
 */
export interface Writer {
  write(chunk: Uint8Array): unknown;
  once?(event: 'drain', listener: () => void): unknown;
}

/** Writes buf to w, waiting for 'drain' when w asks for it. */
export async function writeAll(w: Writer, buf: Uint8Array): Promise<void> {
  const ok = w.write(buf);
  if (ok === false && typeof w.once === 'function') {
    await new Promise<void>((resolve) => w.once?.('drain', resolve));
  }
}
