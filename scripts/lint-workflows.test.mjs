// The workflow lint must catch what it is there for: a broken workflow, and CI drifting from .ci/run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintWorkflows, npmRuns } from './lint-workflows.mjs';

test('actionlint reports an unknown expression, a bad runner key and an undefined matrix value', async () => {
  const broken = `name: x
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20]
    steps:
      - run: echo \${{ matrix.nod }}
      - uses: actions/checkout@v4
        with:
          fetch-depth: \${{ github.nonexistent_context_field }}
  b:
    run-on: ubuntu-latest
    steps:
      - run: echo hi
`;
  const problems = await lintWorkflows({ 'broken.yml': broken });
  assert.ok(
    problems.some((p) => /nod/.test(p)),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((p) => /run-on|runs-on/.test(p)),
    problems.join('\n'),
  );
});

test('a clean workflow passes', async () => {
  const ok = `name: x
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm test
`;
  assert.deepEqual(await lintWorkflows({ 'ok.yml': ok }), []);
});

test('npmRuns finds the npm scripts a file runs', () => {
  assert.deepEqual(
    [...npmRuns('npm run a\n  run: npm run check:b && npm run docs:build')],
    ['a', 'check:b', 'docs:build'],
  );
});
