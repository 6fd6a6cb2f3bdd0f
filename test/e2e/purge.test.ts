/**
 * The purge on real servers, one with blobs on local disk and one on S3 (s3rver), both with a
 * trash period of 0 days and the lifecycle job on a per-minute pg-boss cron: a deleted file is
 * purged by the scheduled run (record and bytes gone from disk and from the bucket), a held one
 * stays, content a live file shares stays; `POST /v1/trash/empty` purges the rest once released.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3rver, type RunningS3rver } from '../support/s3rver.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let s3: RunningS3rver;
const servers: Record<'local' | 's3', TestServer | undefined> = { local: undefined, s3: undefined };
const env = { SCAN_POLICY: 'optional', LIFECYCLE_CRON: '* * * * *' };

beforeAll(async () => {
  s3 = await startS3rver('purge-e2e');
  process.env.AWS_ACCESS_KEY_ID = s3.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = s3.credentials.secretAccessKey;
  [servers.local, servers.s3] = await Promise.all([
    startTestServer({ env }),
    startTestServer({ env: { ...env, S3_BUCKET: s3.bucket, S3_ENDPOINT: s3.endpoint, S3_REGION: s3.region, S3_FORCE_PATH_STYLE: 'true' } }),
  ]);
}, 120_000);
afterAll(async () => {
  await servers.local?.stop();
  await servers.s3?.stop();
  await s3?.cleanup();
});

async function api(server: TestServer, key: string, method: string, route: string, body?: unknown) {
  const res = await fetch(`${server.url}${route}`, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

/** The blob keys of a tenant in the store behind `server`. */
async function storedKeys(kind: 'local' | 's3', server: TestServer, tenantId: string): Promise<string[]> {
  const prefix = `tenants/${tenantId}/blobs/`;
  if (kind === 'local') {
    const dir = path.join(server.dataDir, 'blobs', prefix);
    return existsSync(dir) ? readdirSync(dir).filter((name) => !name.includes('.')).sort() : [];
  }
  const client = new S3Client({ endpoint: s3.endpoint, region: s3.region, forcePathStyle: true, credentials: s3.credentials });
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
    return (listed.Contents ?? []).map((o) => String(o.Key).slice(prefix.length)).sort();
  } finally {
    client.destroy();
  }
}

async function setUp(kind: 'local' | 's3') {
  const server = servers[kind]!;
  const created = await api(server, server.masterKey, 'POST', '/v1/tenants', { slug: `purge-${kind}`, trash_days: 0 });
  expect(created.status).toBe(201);
  const key = String(created.json.api_key);
  const tenantId = String(created.json.id);
  const up = async (name: string, content: string) => String((await server.upload(key, name, content)).json.file_id);
  const doomed = await up('Doomed.txt', `doomed content ${kind}`);
  const held = await up('Held.txt', `held content ${kind}`);
  const shared = await up('Shared.txt', `shared content ${kind}`);
  const copy = await up('Copy of shared.txt', `shared content ${kind}`);
  for (const id of [doomed, held, shared, copy]) await server.settled(key, id);
  expect(await storedKeys(kind, server, tenantId)).toHaveLength(3);
  const hold = await api(server, key, 'POST', '/v1/holds', { file_id: held, reason: 'Subpoena 2026-17' });
  expect(hold.status).toBe(201);
  for (const id of [doomed, copy]) expect((await api(server, key, 'DELETE', `/v1/files/${id}`)).status).toBe(200);
  return { server, key, tenantId, doomed, held, shared, copy, holdId: String(hold.json.id) };
}

describe('purge on real servers (PGlite; local disk and S3)', () => {
  it('the scheduled run purges what passed its period, bytes included; a hold blocks it; emptying the trash finishes once released', async () => {
    const tenants = await Promise.all((['local', 's3'] as const).map(async (kind) => {
      const t = await setUp(kind);
      // A hold refuses the delete; released, the file goes to the trash, and a new hold keeps it from the purge.
      expect((await api(t.server, t.key, 'DELETE', `/v1/files/${t.held}`)).json.error).toMatchObject({ code: 'on_hold' });
      await api(t.server, t.key, 'DELETE', `/v1/holds/${t.holdId}`);
      expect((await api(t.server, t.key, 'DELETE', `/v1/files/${t.held}`)).status).toBe(200);
      const again = await api(t.server, t.key, 'POST', '/v1/holds', { file_id: t.held, reason: 'Subpoena 2026-17' });
      return { kind, ...t, holdId: String(again.json.id) };
    }));

    // Wait for the cron tick (at most a minute plus pg-boss's monitor interval).
    const deadline = Date.now() + 110_000;
    for (const t of tenants) {
      while ((await api(t.server, t.key, 'GET', `/v1/files/${t.doomed}`)).status !== 404) {
        if (Date.now() > deadline) throw new Error(`${t.kind}: the scheduled purge did not run`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    for (const t of tenants) {
      // Doomed: record and bytes gone; the copy's record gone, its content kept for the live file.
      expect((await api(t.server, t.key, 'GET', `/v1/files/${t.copy}`)).status).toBe(404);
      expect((await api(t.server, t.key, 'GET', `/v1/files/${t.shared}`)).json).toMatchObject({ trashed_at: null });
      const held = await api(t.server, t.key, 'GET', `/v1/files/${t.held}`);
      expect(held.json).toMatchObject({ file_id: t.held, trashed_at: expect.any(String) });
      expect(await storedKeys(t.kind, t.server, t.tenantId)).toHaveLength(2);
      const audit = (await api(t.server, t.key, 'GET', '/v1/audit?action=file.purge')).json.events;
      expect(audit.map((e: { target: string }) => e.target).sort()).toEqual([t.doomed, t.copy].sort());
      expect(JSON.stringify(audit)).not.toMatch(/Doomed|content/);

      // Still held: emptying the trash keeps it and says so.
      expect((await api(t.server, t.key, 'POST', '/v1/trash/empty')).json).toMatchObject({ purged_files: 0, held: 1 });
      await api(t.server, t.key, 'DELETE', `/v1/holds/${t.holdId}`);
      expect((await api(t.server, t.key, 'POST', '/v1/trash/empty')).json).toMatchObject({ purged_files: 1, deleted_blobs: 1, held: 0 });
      expect((await api(t.server, t.key, 'GET', `/v1/files/${t.held}`)).status).toBe(404);
      expect(await storedKeys(t.kind, t.server, t.tenantId)).toHaveLength(1);
      expect((await api(t.server, t.key, 'GET', '/v1/files?trashed=true')).json.files).toEqual([]);
    }
  }, 180_000);
});
