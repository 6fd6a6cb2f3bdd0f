import { createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../adapters/postgres/migrate.ts';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { PostgresTenantStore } from '../../adapters/postgres/postgres.tenant-store.ts';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/main.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';
import { upgradeStatus } from '../support/http-probe.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../support/services.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const onServer = await postgresAvailable();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const post = (url: string, token: string, body: unknown) => fetch(url, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe(`API keys: names, expiry, listing, revocation (${onServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  let server: TestServer;
  let tenantKey: string;
  beforeAll(async () => {
    server = await startTestServer({ engine: onServer ? 'postgres' : 'pglite', env: { PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional' } });
    tenantKey = (await server.createTenant('acme')).apiKey;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('makes a named key with an expiry, lists it, and a revoked key stops working at once', async () => {
    const made = await post(`${server.url}/v1/tenants/acme/keys`, server.adminToken, { name: 'billing backend', expires_in_days: 30 });
    expect(made.status).toBe(201);
    const key = (await made.json()) as { key_id: string; api_key: string; name: string; status: string; expires_at: string };
    expect(key).toMatchObject({ name: 'billing backend', status: 'active' });
    expect(Date.parse(key.expires_at) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect((await fetch(`${server.url}/v1/files`, { headers: bearer(key.api_key) })).status).toBe(200);

    const listed = (await (await fetch(`${server.url}/v1/tenants/acme/keys`, { headers: bearer(server.adminToken) })).json()) as { keys: Array<{ key_id: string; name: string | null; status: string }> };
    expect(listed.keys.map((k) => k.name)).toEqual(['billing backend', null]);
    expect(JSON.stringify(listed)).not.toContain(key.api_key);

    const revoked = await fetch(`${server.url}/v1/tenants/acme/keys/${key.key_id}`, { method: 'DELETE', headers: bearer(server.adminToken) });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ key_id: key.key_id, status: 'revoked', revoked_at: expect.any(String) });
    expect((await fetch(`${server.url}/v1/files`, { headers: bearer(key.api_key) })).status).toBe(401);
    expect((await fetch(`${server.url}/v1/tenants/acme/keys/${key.key_id}`, { method: 'DELETE', headers: bearer(server.adminToken) })).status).toBe(200);
    expect((await fetch(`${server.url}/v1/files`, { headers: bearer(tenantKey) })).status).toBe(200);
  });

  it("refuses another tenant's key id, an unknown one, and a malformed one", async () => {
    await server.createTenant('globex');
    const other = (await (await post(`${server.url}/v1/tenants/globex/keys`, server.adminToken, { name: 'x' })).json()) as { key_id: string; api_key: string };
    const foreign = await fetch(`${server.url}/v1/tenants/acme/keys/${other.key_id}`, { method: 'DELETE', headers: bearer(server.adminToken) });
    expect(await foreign.json()).toMatchObject({ error: { code: 'key_not_found' } });
    expect((await fetch(`${server.url}/v1/files`, { headers: bearer(other.api_key) })).status).toBe(200);
    const unknown = await fetch(`${server.url}/v1/tenants/acme/keys/${randomUUID()}`, { method: 'DELETE', headers: bearer(server.adminToken) });
    expect(unknown.status).toBe(404);
    const malformed = await fetch(`${server.url}/v1/tenants/acme/keys/not-a-key`, { method: 'DELETE', headers: bearer(server.adminToken) });
    expect(await malformed.json()).toMatchObject({ error: { code: 'validation_failed', details: { 'path.key_id': expect.any(String) } } });
  });

  it('validates the key request: name length, expiry range, unknown fields', async () => {
    const bad = await post(`${server.url}/v1/tenants/acme/keys`, server.adminToken, { name: '', expires_in_days: 0, owner: 'me' });
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed', details: { name: 'must not be empty', expires_in_days: 'must be at least 1', owner: 'is not a known field' } } });
  });

  it('the admin token opens administration; an API key, the root key or a near miss do not', async () => {
    for (const wrong of [tenantKey, `${server.adminToken}x`, server.adminToken.slice(0, -1)]) {
      expect((await fetch(`${server.url}/v1/tenants/acme`, { headers: bearer(wrong) })).status).toBe(401);
    }
    expect((await fetch(`${server.url}/v1/tenants/acme`, { headers: bearer(server.adminToken) })).status).toBe(200);
  });
});

describe('session tokens can be revoked before they expire', () => {
  it('on the node that revoked at once, and on another node within SESSION_REVOCATION_CACHE_SECONDS', async ({ skip }) => {
    if (!onServer) skip('two nodes need the PostgreSQL server');
    const database = await createScratchDatabase(TEST_DATABASE_URL, 'vf_revoke');
    const shared = { DATABASE_URL: database.url, VOICEFILES_ROOT_KEY: randomBytes(32).toString('base64url'), VOICEFILES_ADMIN_TOKEN: `vfadmin_${randomBytes(32).toString('base64url')}`, SESSION_REVOCATION_CACHE_SECONDS: '1', PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional' };
    const a = await startTestServer({ env: shared });
    const b = await startTestServer({ env: shared });
    try {
      const { apiKey } = await a.createTenant('acme');
      const issued = (await (await post(`${a.url}/v1/sessions`, apiKey, { role: 'staff' })).json()) as { token: string; session_id: string };
      expect(await upgradeStatus(a.url, issued.token)).toEqual({ status: 101, code: null });
      expect(await upgradeStatus(b.url, issued.token)).toEqual({ status: 101, code: null });

      const revoked = await fetch(`${a.url}/v1/sessions/${issued.session_id}`, { method: 'DELETE', headers: bearer(apiKey) });
      expect(revoked.status).toBe(204);
      const at = Date.now();
      expect(await upgradeStatus(a.url, issued.token)).toEqual({ status: 401, code: 'unauthenticated' });
      let refusedOnB: number | null = null;
      while (refusedOnB === null && Date.now() - at < 5000) {
        if ((await upgradeStatus(b.url, issued.token)).status === 401) refusedOnB = Date.now() - at;
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(refusedOnB).not.toBeNull();
      // The documented bound is the cache lifetime (1 s here); allow for a loaded machine.
      expect(refusedOnB!).toBeLessThan(3000);

      const other = (await (await post(`${a.url}/v1/sessions`, apiKey, {})).json()) as { token: string };
      expect(await upgradeStatus(b.url, other.token)).toEqual({ status: 101, code: null });
      expect((await fetch(`${a.url}/v1/sessions/not-a-session`, { method: 'DELETE', headers: bearer(apiKey) })).status).toBe(400);
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});

describe('upgrading a data dir from the single master key', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vf-upgrade-'));
  const master = randomBytes(32).toString('base64url');
  const oldApiKey = `vf_${randomBytes(32).toString('base64url')}`;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps old API keys working, retires master.key, and the old key can neither administer nor sign sessions', async () => {
    // The data dir as the previous version left it: master.key, and an API key hashed under it.
    const db = await PgliteDatabase.open(path.join(dataDir, 'pglite'));
    await migrate(db);
    const hashing = Buffer.from(hkdfSync('sha256', master, 'voicefiles', 'api-key-hashing', 32));
    const tenant = await new PostgresTenantStore(db).createTenant({ slug: 'legacy', name: 'Legacy', locale: 'en', apiKeyId: randomUUID(), apiKeyHash: createHmac('sha256', hashing).update(oldApiKey).digest('hex') });
    await db.close();
    writeFileSync(path.join(dataDir, 'master.key'), `${master}\n`, { mode: 0o600 });

    const running = await startServer(loadConfig({ PORT: '0', VOICEFILES_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional' }));
    try {
      expect(existsSync(path.join(dataDir, 'master.key'))).toBe(false);
      expect((await fetch(`${running.url}/v1/files`, { headers: bearer(oldApiKey) })).status).toBe(200);
      expect((await fetch(`${running.url}/v1/tenants/legacy`, { headers: bearer(master) })).status).toBe(401);
      const adminToken = readFileSync(path.join(dataDir, 'admin.token'), 'utf8').trim();
      expect((await fetch(`${running.url}/v1/tenants/legacy`, { headers: bearer(adminToken) })).status).toBe(200);

      // Someone who kept the old master key forges a session token the way the old version signed them.
      const oldSigning = new Uint8Array(hkdfSync('sha256', master, 'voicefiles', 'session-signing', 32));
      const now = Math.floor(Date.now() / 1000);
      const forged = await new SignJWT({ tid: tenant.id, role: 'staff', scp: ['read'], clr: {}, loc: 'en' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('voicefiles')
        .setAudience('voicefiles-agent')
        .setJti(randomUUID())
        .setSubject('key')
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(oldSigning);
      expect(await upgradeStatus(running.url, forged)).toEqual({ status: 401, code: 'unauthenticated' });
      const fresh = (await (await post(`${running.url}/v1/sessions`, oldApiKey, {})).json()) as { token: string };
      expect(await upgradeStatus(running.url, fresh.token)).toEqual({ status: 101, code: null });
    } finally {
      await running.close();
    }
  });
});
