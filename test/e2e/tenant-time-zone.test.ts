/**
 * The tenant time zone on a real server (the Postgres server when reachable, else PGlite): set
 * at creation and by PATCH, an IANA name only (offsets and abbreviations refused with a stable
 * code and a sentence, nothing changed), default UTC, audited, and carried into the sessions
 * the tenant issues (so find reads "yesterday" on the tenant's calendar).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../support/services.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const onServer = await postgresAvailable();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ engine: onServer ? 'postgres' : 'pglite', env: { PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional' } });
});
afterAll(async () => {
  await server?.stop();
});

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('tenant time zone', () => {
  it('defaults to UTC; is set at creation by IANA name, in the runtime spelling', async () => {
    expect((await admin('POST', '/v1/tenants', { slug: 'tz-default' })).body).toMatchObject({ slug: 'tz-default', time_zone: 'UTC' });
    const created = await admin('POST', '/v1/tenants', { slug: 'tz-auckland', time_zone: 'pacific/auckland' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ time_zone: 'Pacific/Auckland' });
    expect((await admin('GET', '/v1/tenants/tz-auckland')).body).toMatchObject({ time_zone: 'Pacific/Auckland' });
  });

  it('refuses what is not a zone name with invalid_time_zone and a sentence, creating and changing nothing', async () => {
    for (const bad of ['+02:00', 'PST', 'CET', 'Mars/Olympus', 'Europe/Berlin ', 'x'.repeat(65)]) {
      const refused = await admin('POST', '/v1/tenants', { slug: 'tz-bad', time_zone: bad });
      expect(refused.status, bad).toBe(400);
      const code = (refused.body.error as { code: string }).code;
      // Longer than the schema allows is caught by the input gate, before the use case.
      expect(code, bad).toBe(bad.length > 64 ? 'validation_failed' : 'invalid_time_zone');
    }
    expect((await admin('GET', '/v1/tenants/tz-bad')).status).toBe(404);
    await admin('POST', '/v1/tenants', { slug: 'tz-change' });
    const refused = await admin('PATCH', '/v1/tenants/tz-change', { time_zone: 'PST', trash_days: 3 });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'invalid_time_zone', message: expect.stringMatching(/"PST" is not a time zone name .*IANA name such as Europe\/Berlin/), details: { time_zone: expect.any(String) } } } });
    expect((await admin('GET', '/v1/tenants/tz-change')).body).toMatchObject({ time_zone: 'UTC', trash_days: 30 });
  });

  it('is changed by PATCH, audited with before and after, and carried into the sessions the tenant issues', async () => {
    const created = await admin('POST', '/v1/tenants', { slug: 'tz-la' });
    const changed = await admin('PATCH', '/v1/tenants/tz-la', { time_zone: 'America/Los_Angeles' });
    expect(changed).toMatchObject({ status: 200, body: { time_zone: 'America/Los_Angeles' } });
    const apiKey = String(created.body.api_key);
    const audit = await fetch(`${server.url}/v1/audit?action=tenant.update`, { headers: { authorization: `Bearer ${apiKey}` } });
    const events = ((await audit.json()) as { events?: Array<{ action: string; detail?: Record<string, Record<string, unknown>> }> }).events ?? [];
    expect(events.find((e) => e.action === 'tenant.update')?.detail).toMatchObject({ before: { time_zone: 'UTC' }, after: { time_zone: 'America/Los_Angeles' } });
    const issued = await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'staff' }) });
    expect(issued.status).toBe(201);
    const { token } = (await issued.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims.tz).toBe('America/Los_Angeles');
  });
});
