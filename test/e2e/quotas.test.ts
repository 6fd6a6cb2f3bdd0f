/**
 * Quotas on a real server (the Postgres server when reachable, else PGlite): set at creation
 * and by PATCH, refused before streaming and mid-stream with nothing left behind, two
 * concurrent uploads that cannot both fit, warnings in the audit trail and the metrics.
 */
import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../support/services.ts';
import { startTestServer, TEST_METRICS_TOKEN, type TestServer } from '../support/server.ts';

const onServer = await postgresAvailable();
let server: TestServer;
/** The tenant's own system: receives the webhook notifications. */
let receiver: http.Server;
const received: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(text) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  server = await startTestServer({ engine: onServer ? 'postgres' : 'pglite', env: { PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' } });
});
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

async function tenantWithQuota(slug: string, settings: Record<string, number>): Promise<{ id: string; apiKey: string }> {
  const res = await admin('POST', '/v1/tenants', { slug, ...settings });
  const body = (await res.json()) as Record<string, unknown>;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return { id: String(body.id), apiKey: String(body.api_key) };
}

const usage = async (apiKey: string) => (await (await fetch(`${server.url}/v1/usage`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as Record<string, unknown>;

/** An upload streamed without a declared length (chunked), so only the mid-stream bound can stop it. */
function chunkedUpload(apiKey: string, name: string, chunks: Buffer[]): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(`/v1/files?name=${encodeURIComponent(name)}`, server.url), { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'transfer-encoding': 'chunked' } });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const blobFiles = (tenantId: string) => {
  const dir = path.join(server.dataDir, 'blobs', 'tenants', tenantId, 'blobs');
  return existsSync(dir) ? readdirSync(dir) : [];
};
const incomingFiles = () => {
  const dir = path.join(server.dataDir, 'blobs', '.incoming');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe(`quotas (${onServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('set at creation and by PATCH with the admin token, shown by GET /v1/tenants/<slug> and GET /v1/usage', async () => {
    const { apiKey } = await tenantWithQuota('quota-settings', { quota_bytes: 1000, trash_days: 14 });
    expect(await (await admin('GET', '/v1/tenants/quota-settings')).json()).toMatchObject({ quota_bytes: 1000, quota_files: null, trash_days: 14 });
    const patched = await admin('PATCH', '/v1/tenants/quota-settings', { quota_files: 10 });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ quota_bytes: 1000, quota_files: 10, trash_days: 14 });
    expect(await usage(apiKey)).toEqual({ bytes: 0, files: 0, quota_bytes: 1000, quota_files: 10, bytes_percent: 0, files_percent: 0, last_warning: null });
    const unset = await admin('PATCH', '/v1/tenants/quota-settings', { unset: ['quota_bytes'] });
    expect(await unset.json()).toMatchObject({ quota_bytes: null, quota_files: 10 });
    expect((await admin('PATCH', '/v1/tenants/quota-settings', { quota_bytes: -1 })).status).toBe(400);
    expect((await admin('PATCH', '/v1/tenants/no-such-tenant', { quota_bytes: 1 })).status).toBe(404);
    const withKey = await fetch(`${server.url}/v1/tenants/quota-settings`, { method: 'PATCH', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: '{"quota_bytes": 1}' });
    expect(withKey.status).toBe(401);
    const audit = (await (await fetch(`${server.url}/v1/audit?action=tenant.update`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { events: Array<{ detail: unknown }> };
    expect(audit.events).toHaveLength(2);
  });

  it('warns at 80% and 95% (audit, metric, usage), refuses at 100% with 413 quota_exceeded, before streaming and mid-stream, leaving nothing behind', async () => {
    const { id, apiKey } = await tenantWithQuota('quota-full', { quota_bytes: 1000 });
    const webhook = await fetch(`${server.url}/v1/webhook`, { method: 'PUT', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: 's'.repeat(32) }) });
    expect(webhook.status, await webhook.clone().text()).toBeLessThan(300);
    expect((await server.upload(apiKey, 'a.txt', 'a'.repeat(500))).status).toBe(201);
    expect((await server.upload(apiKey, 'b.txt', 'b'.repeat(300))).status).toBe(201);
    expect(await usage(apiKey)).toMatchObject({ bytes: 800, files: 2, bytes_percent: 80, last_warning: { percent: 80, measure: 'bytes', bytes: 800 } });
    expect((await server.upload(apiKey, 'c.txt', 'c'.repeat(160))).status).toBe(201);
    expect(await usage(apiKey)).toMatchObject({ bytes: 960, last_warning: { percent: 95 } });
    const warnings = (await (await fetch(`${server.url}/v1/audit?action=quota.warning`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { events: Array<{ detail: { percent: number } }> };
    expect(warnings.events.map((e) => e.detail.percent).sort()).toEqual([80, 95]);
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(/voicefiles_quota_warnings_total\{percent="95",measure="bytes"\} [1-9]/);
    // The tenant's webhook heard of both, in its language.
    for (let i = 0; i < 50 && received.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(JSON.stringify(received)).toContain('quota.warning');
    expect(JSON.stringify(received)).toMatch(/Storage is 95% used/);

    // Declared length past what is left: refused before the body is read.
    const declared = await server.upload(apiKey, 'd.txt', 'd'.repeat(100));
    expect(declared.status).toBe(413);
    expect(declared.json).toMatchObject({ error: { code: 'quota_exceeded', message: expect.stringMatching(/would exceed the storage quota: 960 bytes of 1000 bytes are used, 40 bytes are left/) } });
    // No declared length: the stream is cut off once it passes the quota.
    const streamed = await chunkedUpload(apiKey, 'e.txt', [Buffer.from('e'.repeat(30)), Buffer.from('e'.repeat(30))]);
    expect(streamed.status).toBe(413);
    expect(streamed.json).toMatchObject({ error: { code: 'quota_exceeded' } });
    // What still fits is accepted; then it is full and even a small upload is refused.
    expect((await server.upload(apiKey, 'f.txt', 'f'.repeat(40))).status).toBe(201);
    expect(await server.upload(apiKey, 'g.txt', 'g')).toMatchObject({ status: 413, json: { error: { code: 'quota_exceeded', message: expect.stringContaining('is used up') } } });
    expect(await usage(apiKey)).toMatchObject({ bytes: 1000, files: 4, bytes_percent: 100 });
    expect(blobFiles(id)).toHaveLength(4);
    expect(incomingFiles()).toEqual([]);
    const refused = (await (await fetch(`${server.url}/v1/audit?action=file.upload`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { events: Array<{ outcome: string; detail: { code?: string } }> };
    expect(refused.events.filter((e) => e.outcome === 'denied' && e.detail.code === 'quota_exceeded')).toHaveLength(3);
  });

  it('two concurrent uploads that each fit but not together: one is stored, the other answers 413 and leaves no blob', async () => {
    const { id, apiKey } = await tenantWithQuota('quota-race', { quota_bytes: 1000 });
    for (let round = 0; round < 3; round++) {
      const [a, b] = await Promise.all([server.upload(apiKey, `x${round}.txt`, `x${round}`.repeat(300)), server.upload(apiKey, `y${round}.txt`, `y${round}`.repeat(300))]);
      if (round === 0) expect([a.status, b.status].sort()).toEqual([201, 413]);
      else expect([a.status, b.status]).toEqual([413, 413]);
    }
    expect(await usage(apiKey)).toMatchObject({ bytes: 600, files: 1 });
    expect(blobFiles(id)).toHaveLength(1);
    expect(incomingFiles()).toEqual([]);
  });

  it('a file-count quota refuses a new file but accepts a new version of a stored one', async () => {
    const { apiKey } = await tenantWithQuota('quota-files', { quota_files: 1 });
    const first = await server.upload(apiKey, 'one.txt', 'first');
    expect(first.status).toBe(201);
    expect(await server.upload(apiKey, 'two.txt', 'second')).toMatchObject({ status: 413, json: { error: { code: 'quota_exceeded', message: expect.stringContaining('file quota is used up: 1 of 1 files') } } });
    expect((await server.upload(apiKey, 'one.txt', 'first, revised', { file_id: String(first.json.file_id) })).status).toBe(201);
  });
});
