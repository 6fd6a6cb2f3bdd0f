/**
 * A purge killed halfway (SIGKILL, PGlite and local blobs in the data dir) is finished by the
 * restarted server, and nothing that should stay is gone: live files, held files and content a
 * live file shares with a purged one keep their records and their bytes, byte for byte.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../support/child-server.ts';

const children: ChildServer[] = [];
afterAll(() => {
  for (const child of children) child.process.kill('SIGKILL');
  if (children[0]) rmSync(children[0].dataDir, { recursive: true, force: true });
});

// A rare cron: the only runs are the one at start and the one the test asks for.
const settings = { PIPELINE_WORKERS: 'true', SCAN_POLICY: 'optional', LIFECYCLE_CRON: '0 0 1 1 *', PURGE_BATCH_SIZE: '2' };

async function call(server: ChildServer, method: string, route: string, auth: string, body?: string) {
  const res = await fetch(`${server.url}${route}`, { method, headers: { authorization: `Bearer ${auth}`, 'content-type': body?.startsWith('{') ? 'application/json' : 'application/octet-stream' }, ...(body ? { body } : {}) });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, any> };
}

const sha = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

/** How many blobs of the tenant are on disk (safe while the purge deletes them). */
function storedCount(dataDir: string, tenantId: string): number {
  const dir = path.join(dataDir, 'blobs', 'tenants', tenantId, 'blobs');
  return existsSync(dir) ? readdirSync(dir).filter((name) => !name.includes('.')).length : 0;
}

/** sha256 of every blob of the tenant on disk. */
function storedHashes(dataDir: string, tenantId: string): string[] {
  const dir = path.join(dataDir, 'blobs', 'tenants', tenantId, 'blobs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => !name.includes('.')).map((name) => sha(readFileSync(path.join(dir, name)))).sort();
}

describe('purge crash', () => {
  it('SIGKILL during a purge, restart: the purge completes and every file that should stay is intact', async () => {
    const first = await startChildServer(settings);
    children.push(first);
    const tenant = await call(first, 'POST', '/v1/tenants', first.masterKey, '{"slug":"crash-purge","trash_days":0}');
    const apiKey = String(tenant.json.api_key);
    const tenantId = String(tenant.json.id);
    const contents = new Map<string, string>();
    const upload = async (name: string, content: string) => {
      const res = await call(first, 'POST', `/v1/files?name=${name}`, apiKey, content);
      expect(res.status).toBe(201);
      contents.set(String(res.json.file_id), content);
      return String(res.json.file_id);
    };
    const doomed: string[] = [];
    for (let i = 0; i < 120; i++) doomed.push(await upload(`doomed-${i}.txt`, `doomed ${i} ${'x'.repeat(200)}`));
    const live: string[] = [];
    for (let i = 0; i < 10; i++) live.push(await upload(`live-${i}.txt`, `live ${i}`));
    // Content shared between a live file and a doomed one stays.
    live.push(await upload('shared-live.txt', `doomed 7 ${'x'.repeat(200)}`));
    // A file in the trash that a hold (placed after the delete) keeps from the purge.
    const held = await upload('held.txt', 'held content');
    expect((await call(first, 'DELETE', `/v1/files/${held}`, apiKey)).status).toBe(200);
    expect((await call(first, 'POST', '/v1/holds', apiKey, JSON.stringify({ file_id: held, reason: 'Crash case' }))).status).toBe(201);
    for (const id of doomed) expect((await call(first, 'DELETE', `/v1/files/${id}`, apiKey)).status).toBe(200);
    const keep = [...live, held].map((id) => sha(contents.get(id)!));
    const before = storedCount(first.dataDir, tenantId);
    expect(before).toBe(131);

    // Empty the trash and kill the server while it is at it.
    const emptying = call(first, 'POST', '/v1/trash/empty', apiKey).catch(() => null);
    const deadline = Date.now() + 60_000;
    while (storedCount(first.dataDir, tenantId) > before - 10) {
      if (Date.now() > deadline) throw new Error('the purge never started deleting');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    first.process.kill('SIGKILL');
    await first.exited;
    await emptying;
    const leftAtKill = storedCount(first.dataDir, tenantId);
    expect(leftAtKill).toBeGreaterThan(keep.length);

    // Restart on the same data dir: the run at start finishes the purge.
    const second = await startChildServer({ ...settings, VOICEFILES_DATA_DIR: first.dataDir, VOICEFILES_ADMIN_TOKEN: first.masterKey });
    children.push(second);
    const finish = Date.now() + 60_000;
    for (;;) {
      const trash = await call(second, 'GET', '/v1/files?trashed=true&limit=200', apiKey);
      const remaining = (trash.json.files as Array<{ file_id: string }>).map((f) => f.file_id);
      if (remaining.length === 1 && remaining[0] === held && storedCount(second.dataDir, tenantId) === new Set(keep).size) break;
      if (Date.now() > finish) throw new Error(`purge not finished: ${remaining.length} in the trash (1 held), ${storedCount(second.dataDir, tenantId)} blobs`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Exactly the contents that should stay are on disk, byte for byte.
    expect(storedHashes(second.dataDir, tenantId)).toEqual([...new Set(keep)].sort());
    for (const id of [...live, held]) expect((await call(second, 'GET', `/v1/files/${id}`, apiKey)).status).toBe(200);
    for (const id of doomed) expect((await call(second, 'GET', `/v1/files/${id}`, apiKey)).status).toBe(404);
    const purged = (await call(second, 'GET', '/v1/audit?action=file.purge&limit=1000', apiKey)).json.events as Array<{ target: string }>;
    expect(new Set(purged.map((e) => e.target))).toEqual(new Set(doomed));
    expect(purged.length).toBe(doomed.length);
  }, 240_000);
});
