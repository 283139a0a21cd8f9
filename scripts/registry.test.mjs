// The release rehearsal's registry client (registry.mjs). Issue 13, defect 9: after `changeset publish`
// blocked the event loop for longer than Verdaccio's 5 s keep-alive timeout, fetch sent the next request
// down the connection Verdaccio had closed meanwhile: `fetch failed`, cause UND_ERR_SOCKET `other side
// closed`. Run with `node --test scripts/registry.test.mjs` (.ci/run does).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { describeError, registryJSON, registryRequest, startRegistry } from './registry.mjs';
import { root } from './workspace.mjs';

/** @type {Awaited<ReturnType<typeof startRegistry>>} */
let registry;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-registry-test-'));

before(async () => {
  registry = await startRegistry(path.join(root, 'node_modules/.bin/verdaccio'), dir);
});
after(() => {
  registry?.child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a request after the event loop was blocked past the keep-alive timeout still gets its answer', async () => {
  // startRegistry's last request was the PUT that adds the user, as in the rehearsal before publish.
  const keepAlive = (await registryRequest('read the keep-alive timeout', `${registry.url}-/ping`)).headers[
    'keep-alive'
  ];
  const seconds = Number(/timeout=(\d+)/.exec(String(keepAlive))?.[1] ?? 5);
  // Block the event loop as execFileSync('changeset publish') does, one second past Verdaccio's timeout.
  execFileSync('sleep', [String(seconds + 1)]);
  const meta = await registryJSON('after a blocking step', `${registry.url}-/ping`);
  assert.deepEqual(meta, {});
});

test('a failed request names the step, the method, the URL and the socket error', async () => {
  const url = 'http://127.0.0.1:1/nothing-listens-here';
  const err = await registryRequest('check the published metadata', url).then(
    () => assert.fail('port 1 answered'),
    (e) => e,
  );
  const text = describeError(err);
  assert.match(
    text,
    /^check the published metadata: GET http:\/\/127\.0\.0\.1:1\/nothing-listens-here failed/,
  );
  assert.match(text, /\n {2}cause: ECONNREFUSED /);
});

test('an answer outside 2xx names the step, the URL and the status', async () => {
  const url = `${registry.url}@gostd%2fno-such-package`;
  await assert.rejects(registryJSON('check the published metadata', url), (/** @type {Error} */ err) => {
    assert.match(String(err.message), /^check the published metadata: GET .*no-such-package answered 404/);
    return true;
  });
});
