/** `voicefiles rm` and `voicefiles trash list|restore|empty` against a real server, as a user runs them. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_METRICS_TOKEN, type TestServer } from '../support/server.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let server: TestServer;
let configDir: string;
let apiKey: string;

beforeAll(async () => {
  server = await startTestServer({ env: { SCAN_POLICY: 'optional' } });
  apiKey = (await server.createTenant('cli-trash')).apiKey;
  configDir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-cli-trash-'));
});
afterAll(async () => {
  await server?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

function voicefiles(...args: string[]) {
  return run(process.execPath, [path.join(root, 'bin/voicefiles.js'), ...args], {
    cwd: root,
    env: { ...process.env, VOICEFILES_URL: server.url, VOICEFILES_ADMIN_TOKEN: server.adminToken, VOICEFILES_CONFIG_DIR: configDir },
  }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('voicefiles rm and trash (CLI against a PGlite server)', () => {
  it('deletes, lists the trash, restores, refuses a held file with its reason, and empties the trash', async () => {
    const ids = [];
    for (const name of ['one.txt', 'two.txt', 'held.txt']) ids.push(String((await server.upload(apiKey, name, `content of ${name}`)).json.file_id));
    const [one, two, held] = ids as [string, string, string];
    await fetch(`${server.url}/v1/holds`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ file_id: held, reason: 'Tax audit 2026' }) });

    const removed = await voicefiles('rm', '--tenant', 'cli-trash', one, two, '--json');
    expect(removed.code, removed.stderr).toBe(0);
    expect((JSON.parse(removed.stdout) as Array<{ file_id: string; trashed_at: string }>).map((f) => f.file_id)).toEqual([one, two]);
    const refused = await voicefiles('rm', '--tenant', 'cli-trash', held);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Tax audit 2026.*on_hold/);

    const listed = await voicefiles('trash', 'list', '--tenant', 'cli-trash');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.trim().split('\n').map((l) => l.split('\t')[0]).sort()).toEqual([one, two].sort());

    const restored = await voicefiles('trash', 'restore', '--tenant', 'cli-trash', one);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`${one}\tone.txt\trestored`);

    const emptied = await voicefiles('trash', 'empty', '--tenant', 'cli-trash', '--json');
    expect(emptied.code, emptied.stderr).toBe(0);
    expect(JSON.parse(emptied.stdout)).toMatchObject({ purged_files: 1, deleted_blobs: 1, held: 0 });
    const after = await voicefiles('trash', 'list', '--tenant', 'cli-trash', '--json');
    expect(JSON.parse(after.stdout)).toEqual([]);
    expect((await fetch(`${server.url}/v1/files/${two}`, { headers: { authorization: `Bearer ${apiKey}` } })).status).toBe(404);
    expect((await voicefiles('trash', 'list')).code).not.toBe(0);
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(/^voicefiles_lifecycle_removed_total\{kind="files"\} 1$/m);
    expect(metrics).toMatch(/^voicefiles_lifecycle_removed_total\{kind="blobs"\} 1$/m);
  });
});
