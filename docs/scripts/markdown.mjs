// @ts-check
// The Markdown the docs site reads: front matter, fenced code, headings, the README's Benchmarks section
// and VitePress's @include lines.
import path from 'node:path';

/** The docs/ folder, where an @include path starting with @ resolves. */
export const docsDir = path.resolve(import.meta.dirname, '..');

/**
 * The flat `key: value` front matter of a Markdown text (quotes stripped), or {} when it has none.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function frontmatter(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  /** @type {Record<string, string>} */
  const out = {};
  if (!m) return out;
  for (const line of (m[1] ?? '').split(/\r?\n/)) {
    const kv = /^([A-Za-z][\w-]*):\s*(.*?)\s*$/.exec(line);
    if (!kv) continue;
    out[kv[1] ?? ''] = (kv[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** Lines of a Markdown text that are outside fenced code blocks, as [index, line] pairs. @param {string[]} lines */
export function* outsideFences(lines) {
  let fence = '';
  for (const [i, line] of lines.entries()) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (m) {
      const marker = m[1] ?? '';
      if (!fence) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && /^\s*[`~]+\s*$/.test(line))
        fence = '';
      continue;
    }
    if (!fence) yield/** @type {[number, string]} */ ([i, line]);
  }
}

/**
 * The body of the `## Benchmarks` section of a README (without its heading), or undefined when it
 * has none. The section ends at the next heading of level 1 or 2.
 * @param {string} text
 */
export function benchmarksSection(text) {
  const lines = text.split(/\r?\n/);
  let start = -1;
  let end = lines.length;
  for (const [i, line] of outsideFences(lines)) {
    if (start < 0 && /^##\s+Benchmarks?\b/i.test(line)) start = i + 1;
    else if (start >= 0 && /^#{1,2}\s/.test(line)) {
      end = i;
      break;
    }
  }
  if (start < 0) return undefined;
  return lines.slice(start, end).join('\n').trim();
}

/** Markdown with every heading outside code blocks one level deeper. @param {string} text */
export function demoteHeadings(text) {
  const lines = text.split('\n');
  for (const [i, line] of outsideFences(lines)) {
    if (/^#{1,5}\s/.test(line)) lines[i] = `#${line}`;
  }
  return lines.join('\n');
}

/**
 * `<!--@include: path-->` targets of a Markdown page, resolved like VitePress does (relative to the
 * page; a leading @ means the docs root), without any #region or {range} suffix.
 * @param {string} file
 * @param {string} text
 */
export function includeTargets(file, text) {
  const out = [];
  for (const m of text.matchAll(/<!--\s*@include:\s*(.*?)\s*-->/g)) {
    const raw = (m[1] ?? '').replace(/\{\d*,\d*\}$/, '').replace(/#[\w-]+$/, '');
    out.push(
      raw.startsWith('@')
        ? path.join(docsDir, raw.slice(raw[1] === '/' ? 2 : 1))
        : path.join(path.dirname(file), raw),
    );
  }
  return out;
}
