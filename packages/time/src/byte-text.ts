// Bytes as a JavaScript string of one character per byte, the form Go's byte strings take here (layouts
// and values as UTF-8, zone abbreviations and rules as read from TZif data). Internal.

/**
 * The bytes p as text, one character a byte, 8,192 at a time: a call takes at most about 120,000
 * arguments (String.fromCharCode(...p) of a longer array throws "Maximum call stack size exceeded").
 */
export function byteText(p: Uint8Array): string {
  if (p.length <= 8192) return String.fromCharCode(...p);
  let text = '';
  for (let i = 0; i < p.length; i += 8192) text += String.fromCharCode(...p.subarray(i, i + 8192));
  return text;
}
