// The built command, dist/cli.js, run as a user runs it (npx tsup first; turbo builds before tests).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const cli = path.join(dist, 'cli.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-env-cli-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const envFile = path.join(work, 'gostd/env');
const env = { PATH: process.env.PATH, HOME: work, GOSTDENV: envFile };

function gostdEnv(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
}

describe('gostd-env', () => {
  it('is an executable script that starts with a node shebang', () => {
    expect(fs.readFileSync(cli, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('imports only node built-ins and its own chunks, so it starts fast', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of fs
        .readFileSync(file, 'utf8')
        .matchAll(/(?:^|\s)(?:import|from)\s*\(?\s*['"]([^'"]+)['"]/gm)) {
        const spec = m[1]!;
        if (spec.startsWith('./')) visit(path.join(path.dirname(file), spec));
        else expect(isBuiltin(spec), `${path.basename(file)} imports ${spec}`).toBe(true);
      }
    };
    visit(cli);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('prints JSON, writes and unsets settings, with Go exit statuses', () => {
    const json = gostdEnv('-json');
    expect(json.status).toBe(0);
    const all = JSON.parse(json.stdout);
    expect(all.NODE_VERSION).toBe(process.version);
    expect(all.GOSTDENV).toBe(envFile);
    expect(gostdEnv('-w', 'TZ=Europe/Paris', 'NODE_ENV=production').status).toBe(0);
    expect(fs.readFileSync(envFile, 'utf8')).toBe('NODE_ENV=production\nTZ=Europe/Paris\n');
    expect(gostdEnv('TZ', 'NODE_ENV').stdout).toBe('Europe/Paris\nproduction\n');
    expect(gostdEnv('-u', 'TZ').status).toBe(0);
    const bad = gostdEnv('-w', 'NODE_VERSION=1');
    expect([bad.status, bad.stderr]).toEqual([1, 'gostd-env: NODE_VERSION cannot be modified\n']);
    expect(gostdEnv('-nope').status).toBe(2);
  });

  it('ends quietly when its reader has gone', async () => {
    const child = spawn(process.execPath, [cli, '-json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  it.skipIf(process.platform === 'win32')('prints a listing that sh can eval', () => {
    const nasty = `it's "$HOME" \`id\` \\ $(id) ; & | * ~ ! é 日本 😀`;
    expect(gostdEnv('-w', `NODE_OPTIONS=${nasty}`).status).toBe(0);
    const script = `eval "$("$NODE" "$CLI")"; printf '%s\\n%s' "$NODE_VERSION" "$NODE_OPTIONS"`;
    const r = spawnSync('sh', ['-c', script], {
      env: { ...env, NODE: process.execPath, CLI: cli },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${process.version}\n${nasty}`);
  });
});
