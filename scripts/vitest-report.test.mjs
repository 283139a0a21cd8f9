// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failedTests } from './vitest-report.mjs';

const passing = { title: 'ok', fullName: 'a > ok', status: 'passed', failureMessages: [] };

test('names each failed test with the first lines of its message, colours stripped', () => {
  const report = {
    testResults: [
      { name: '/r/p/src/a.test.ts', status: 'passed', assertionResults: [passing] },
      {
        name: '/r/p/src/b.test.ts',
        status: 'failed',
        assertionResults: [
          passing,
          {
            fullName: 'workers > exits',
            status: 'failed',
            failureMessages: [
              'AssertionError: \x1b[31mexpected 10 to be greater than 10\x1b[39m\n at x\n at y\n at z',
            ],
          },
        ],
      },
    ],
  };
  assert.equal(
    failedTests(report, '/r/p', 2),
    '  failed: src/b.test.ts > workers > exits\n    AssertionError: expected 10 to be greater than 10\n     at x',
  );
});

test('names a file that failed outside any test', () => {
  const report = {
    testResults: [
      { name: '/r/p/src/c.test.ts', status: 'failed', message: 'Cannot find module x', assertionResults: [] },
    ],
  };
  assert.equal(failedTests(report, '/r/p'), '  failed: src/c.test.ts\n    Cannot find module x');
});

test('is empty for a passing report and for none', () => {
  assert.equal(
    failedTests({ testResults: [{ name: '/a', status: 'passed', assertionResults: [passing] }] }, '/'),
    '',
  );
  assert.equal(failedTests(null, '/'), '');
});
