// Test helper: the other Nodes the tests run fixtures under, from
// scripts/runtimes.mjs' cache.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runtimesScript = fileURLToPath(new URL('../../../../scripts/runtimes.mjs', import.meta.url));

/**
 * The executable of a Node from scripts/runtimes.mjs (installed into its cache
 * when missing). Under CI a runtime that cannot be had fails the test; else
 * it is skipped.
 */
export function runtime(name: string): string | undefined {
  try {
    return execFileSync(process.execPath, [runtimesScript, name], {
      encoding: 'utf8',
      timeout: 300_000,
    }).trim();
  } catch (e) {
    if (process.env.CI === 'true') throw e;
    return undefined;
  }
}

/** This Node and Node 22, 24 and 26, by name; a Node that cannot be had is undefined. */
export function nodes(): [string, string | undefined][] {
  return [
    ['this node', process.execPath],
    ...['node22', 'node24', 'node26'].map((n): [string, string | undefined] => [n, runtime(n)]),
  ];
}

/**
 * The result a fixture prints as its last line of JSON, run as `exe ...args` (it fails after timeoutMs).
 */
export function runFixture<T>(exe: string, args: string[], timeoutMs: number): T {
  const stdout = execFileSync(exe, args, { encoding: 'utf8', timeout: timeoutMs });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as T;
}
