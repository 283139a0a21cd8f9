// @ts-check
// Running the tools the scripts drive (npm, tsc, publint, attw, changeset, git): one place that says how a
// command runs and what a failure reports.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { root } from './workspace.mjs';

/** The path of a command installed in the root node_modules/.bin. @param {string} name */
export const bin = (name) => path.join(root, 'node_modules/.bin', name);

/**
 * Runs cmd with args in cwd (env added to this process's environment) and returns what it printed on
 * stdout; on a non-zero exit throws an Error naming the command and folder, with everything it printed.
 * @param {string} cmd
 * @param {readonly string[]} args
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
export function run(cmd, args, cwd, env = {}) {
  try {
    return execFileSync(cmd, args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
    });
  } catch (err) {
    const e = /** @type {{ stdout?: string, stderr?: string }} */ (err);
    throw new Error(
      `${path.basename(cmd)} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
  }
}
