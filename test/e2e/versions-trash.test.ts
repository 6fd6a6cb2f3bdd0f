/**
 * Versions and the trash on a real server: list and read versions, restore an old one (a new
 * ready version, searchable at once), delete a file (gone from find, describe and listings at
 * once, shown in the trash with its purge date) and restore it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpTestClient } from '../support/mcp-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let apiKey: string;

beforeAll(async () => {
  server = await startTestServer({ env: { SCAN_POLICY: 'optional' } });
  apiKey = (await server.createTenant('versions-trash')).apiKey;
});
afterAll(async () => {
  await server?.stop();
});

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
};

async function findIds(client: McpTestClient, query: string): Promise<string[]> {
  const found = await client.callTool('find', { query });
  return ((found.data.results ?? []) as Array<{ file_id: string }>).map((r) => r.file_id);
}

describe('versions and the trash (PGlite server)', () => {
  it('lists, reads and restores versions; deletes to the trash and restores from it', async () => {
    const first = await server.upload(apiKey, 'Walrus Budget.txt', 'walrus budget for the aquarium');
    expect(first.status).toBe(201);
    const fileId = String(first.json.file_id);
    await server.settled(apiKey, fileId);
    const second = await server.upload(apiKey, 'Walrus Budget.txt', 'penguin forecast instead', { file_id: fileId });
    expect(second.json).toMatchObject({ file_id: fileId, version: 2 });
    await server.settled(apiKey, fileId);

    const listed = await call('GET', `/v1/files/${fileId}/versions`);
    expect(listed.status).toBe(200);
    expect(listed.json.current_version).toBe(2);
    expect(listed.json.versions).toHaveLength(2);
    expect(listed.json.versions[0]).toMatchObject({ version: 1, current: false, status: 'unscanned', size: 30, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), uploaded_by: expect.stringMatching(/^key:/), restored_from: null });
    expect(listed.json.versions[1]).toMatchObject({ version: 2, current: true });
    expect((await call('GET', `/v1/files/${fileId}/versions/1`)).json).toMatchObject({ file_id: fileId, version: 1, metadata: expect.any(Object) });
    expect((await call('GET', `/v1/files/${fileId}/versions/7`)).json).toMatchObject({ error: { code: 'version_not_found' } });
    expect((await call('GET', `/v1/files/${fileId}/versions/0`)).status).toBe(400);

    const client = await McpTestClient.connect(server.url, await server.sessionToken(apiKey, { role: 'staff' }));
    await client.initialize();
    try {
      expect(await findIds(client, 'penguin forecast')).toEqual([fileId]);
      const restored = await call('POST', `/v1/files/${fileId}/versions/1/restore`);
      expect(restored.status).toBe(201);
      expect(restored.json).toMatchObject({ file_id: fileId, version: 3, current: true, status: 'unscanned', restored_from: 1 });
      // Kept its state and is searchable at once, with version 1's text.
      expect(await findIds(client, 'walrus aquarium')).toEqual([fileId]);
      expect(await findIds(client, 'penguin forecast')).toEqual([]);
      expect((await call('GET', `/v1/files/${fileId}`)).json).toMatchObject({ version: 3, version_count: 3, trashed_at: null, purge_after: null });

      const deleted = await call('DELETE', `/v1/files/${fileId}`);
      expect(deleted.status).toBe(200);
      const days = (Date.parse(deleted.json.purge_after) - Date.parse(deleted.json.trashed_at)) / 86_400_000;
      expect(days).toBeCloseTo(30, 5);
      expect(await findIds(client, 'walrus aquarium')).toEqual([]);
      expect((await client.callTool('describe', { file_id: fileId })).isError).toBe(true);
      expect((await call('GET', '/v1/files')).json.files.map((f: { file_id: string }) => f.file_id)).not.toContain(fileId);
      expect((await call('GET', '/v1/files?trashed=true')).json.files.map((f: { file_id: string }) => f.file_id)).toEqual([fileId]);
      expect((await call('GET', `/v1/files/${fileId}`)).json).toMatchObject({ file_id: fileId, trashed_at: deleted.json.trashed_at, purge_after: deleted.json.purge_after });
      expect((await call('DELETE', `/v1/files/${fileId}`)).json).toMatchObject({ error: { code: 'conflict' } });
      expect((await server.upload(apiKey, 'Walrus Budget.txt', 'no new versions in the trash', { file_id: fileId })).json).toMatchObject({ error: { code: 'file_not_found' } });

      const back = await call('POST', `/v1/files/${fileId}/restore`);
      expect(back.status).toBe(200);
      expect(back.json).toMatchObject({ file_id: fileId, trashed_at: null, purge_after: null, version: 3 });
      expect(await findIds(client, 'walrus aquarium')).toEqual([fileId]);
      expect((await call('POST', `/v1/files/${fileId}/restore`)).json).toMatchObject({ error: { code: 'not_in_trash' } });
      expect((await call('GET', '/v1/files?trashed=true')).json.files).toEqual([]);

      const audit = (await call('GET', `/v1/audit?target=${fileId}`)).json.events.map((e: { action: string }) => e.action);
      expect(audit).toEqual(expect.arrayContaining(['file.version_restore', 'file.trash', 'file.restore']));
    } finally {
      await client.close();
    }
  });

  it('legal holds on a file, a customer and the tenant refuse the delete with their reason until released; placing and releasing are audited', async () => {
    const up = await server.upload(apiKey, 'Held Contract.txt', 'contract under litigation', { visibility: 'customer', customer_id: 'cust-42' });
    const fileId = String(up.json.file_id);
    const targets = [{ file_id: fileId }, { customer_id: 'cust-42' }, { tenant: true }];
    for (const target of targets) {
      const placed = await call('POST', '/v1/holds', { ...target, reason: `Case ${JSON.stringify(target)}` });
      expect(placed.status).toBe(201);
      expect(placed.json).toMatchObject({ id: expect.any(String), active: true, reason: `Case ${JSON.stringify(target)}`, placed_by: expect.stringMatching(/^key:/) });
      const refused = await call('DELETE', `/v1/files/${fileId}`);
      expect(refused.status).toBe(409);
      expect(refused.json.error).toMatchObject({ code: 'on_hold', details: { hold_id: placed.json.id } });
      expect(refused.json.error.message).toContain(`Case ${JSON.stringify(target)}`);
      expect((await call('GET', '/v1/holds?active=true')).json.holds.map((h: { id: string }) => h.id)).toEqual([placed.json.id]);
      const released = await call('DELETE', `/v1/holds/${placed.json.id}`);
      expect(released.json).toMatchObject({ id: placed.json.id, active: false, released_by: expect.stringMatching(/^key:/) });
    }
    expect((await call('GET', '/v1/holds')).json.holds).toHaveLength(3);
    expect((await call('POST', '/v1/holds', { file_id: fileId, tenant: true, reason: 'two targets' })).json).toMatchObject({ error: { code: 'validation_failed' } });
    expect((await call('POST', '/v1/holds', { file_id: '00000000-0000-4000-8000-000000000000', reason: 'no file' })).json).toMatchObject({ error: { code: 'file_not_found' } });
    expect((await call('DELETE', '/v1/holds/00000000-0000-4000-8000-000000000000')).json).toMatchObject({ error: { code: 'hold_not_found' } });
    expect((await call('DELETE', `/v1/files/${fileId}`)).status).toBe(200);
    const actions = (await call('GET', '/v1/audit?limit=50')).json.events.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'hold.place')).toHaveLength(3);
    expect(actions.filter((a: string) => a === 'hold.release')).toHaveLength(3);
  });
});
