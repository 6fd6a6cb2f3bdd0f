import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors.ts';
import { postgresAvailable } from '../support/services.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * Every HTTP input passes the one input gate. The outside attack's internal errors
 * (NUL reaching Postgres, an oversized cursor) are clean 400s with details, and
 * nothing is written for a refused request.
 */
const onServer = await postgresAvailable();
let server: TestServer;
let apiKey: string;
let fileId: string;

beforeAll(async () => {
  server = await startTestServer({ engine: onServer ? 'postgres' : 'pglite', env: { PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional' } });
  apiKey = (await server.createTenant('acme')).apiKey;
  fileId = String((await server.upload(apiKey, 'notes.txt', 'hello')).json.file_id);
});
afterAll(async () => {
  await server?.stop();
});

const key = () => ({ authorization: `Bearer ${apiKey}` });
const admin = () => ({ authorization: `Bearer ${server.adminToken}` });
const json = (headers: Record<string, string>, body: unknown) => ({ method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function auditCount(): Promise<number> {
  const res = await fetch(`${server.url}/v1/audit?limit=1000`, { headers: key() });
  return ((await res.json()) as { events: unknown[] }).events.length;
}

type Case = [label: string, path: string, init: () => RequestInit, field: string];
const NUL_CASES: Case[] = [
  ['an audit action filter', '/v1/audit?action=file.up%00load', () => ({ headers: key() }), 'query.action'],
  ['an audit target filter', '/v1/audit?target=a%00b', () => ({ headers: key() }), 'query.target'],
  ['a session call id', '/v1/sessions', () => json(key(), { call_id: 'call\u0000-1' }), 'call_id'],
  ["a session caller's customer id", '/v1/sessions', () => json(key(), { caller: { customer_id: 'C\u0000' } }), 'caller.customer_id'],
  ['a tenant slug in a body', '/v1/tenants', () => json(admin(), { slug: 'ab\u0000c' }), 'slug'],
  ['a tenant name', '/v1/tenants', () => json(admin(), { slug: 'nul-name', name: 'Acme\u0000' }), 'name'],
  ['a tenant slug in a path', '/v1/tenants/ac%00me', () => ({ headers: admin() }), 'path.slug'],
  ['a tenant slug in a key path', '/v1/tenants/ac%00me/keys', () => ({ method: 'POST', headers: admin() }), 'path.slug'],
  ['an upload file_id', '/v1/files?name=a.txt&file_id=00000000-0000-4000-8000-00000000000%00', () => ({ method: 'POST', headers: key(), body: 'x' }), 'query.file_id'],
  ['an upload customer_id', '/v1/files?name=a.txt&customer_id=C%00', () => ({ method: 'POST', headers: key(), body: 'x' }), 'query.customer_id'],
  ['an upload name', '/v1/files?name=a%00.txt', () => ({ method: 'POST', headers: key(), body: 'x' }), 'query.name'],
  ['a file id in a path', '/v1/files/%00', () => ({ headers: key() }), 'path.id'],
];

describe('NUL and other control characters are refused at the gate, never reach Postgres', () => {
  it.each(NUL_CASES)('in %s: 400 validation_failed naming the field, nothing written', async (_label, path, init, field) => {
    const before = await auditCount();
    const res = await fetch(`${server.url}${path}`, init());
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: Record<string, string> } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details[field], JSON.stringify(body)).toMatch(/control characters|expected format/);
    expect(body.error.message).toMatch(/\.$/);
    expect(await auditCount()).toBe(before);
  });
});

describe('other hostile input answers 4xx with a stable code', () => {
  const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    ['an oversized pagination cursor (past bigint)', `/v1/files?cursor=${cursor(['99999999999999999999'.slice(0, 19), '00000000-0000-4000-8000-000000000000'])}`, 400, 'validation_failed'],
    ['a cursor that is too long', `/v1/files?cursor=${'A'.repeat(5000)}`, 400, 'validation_failed'],
    ['a cursor that is not ours', `/v1/files?cursor=${cursor({ x: 1 })}`, 400, 'validation_failed'],
    ['a malformed percent-encoding in a path', '/v1/files/%E0%A4%A', 400, 'bad_request'],
    ['a malformed percent-encoding in a tenant path', '/v1/tenants/%ff', 400, 'bad_request'],
    ['a file id that is not a UUID', '/v1/files/not-a-uuid', 400, 'validation_failed'],
    ['an unknown query parameter', '/v1/files?limit=5&sort=name', 400, 'validation_failed'],
    ['a repeated query parameter', '/v1/files?limit=5&limit=6', 400, 'validation_failed'],
    ['a limit that is not a number', '/v1/audit?limit=lots', 400, 'validation_failed'],
    ['an audit action that is not an action name', '/v1/audit?action=DROP%20TABLE', 400, 'validation_failed'],
  ])('%s', async (_label, path, status, code) => {
    const res = await fetch(`${server.url}${path}`, { headers: path.startsWith('/v1/tenants') ? admin() : key() });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code, message: expect.any(String) } });
  });

  it('a __proto__ field in a body is an unknown field, and pollutes nothing', async () => {
    const res = await fetch(`${server.url}/v1/sessions`, json(key(), '{"__proto__":{"role":"staff"},"constructor":{"prototype":{"x":1}}}'));
    const { error } = (await res.json()) as { error: { code: string; details: Record<string, string> } };
    expect(error.code).toBe('validation_failed');
    expect(Object.entries(error.details).sort()).toEqual([['__proto__', 'is not a known field'], ['constructor', 'is not a known field']]);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('bodies that are not JSON objects, of the wrong type, or too deep in the wrong places', async () => {
    for (const [body, code] of [['[1,2]', 'validation_failed'], ['"text"', 'validation_failed'], ['{"ttl_seconds":"3600"}', 'validation_failed'], ['{"scopes":[]}', 'validation_failed'], ['{"scopes":["read","read","read","read"]}', 'validation_failed'], ['{"caller":{"phone":"+49 (30) 123","extra":1}}', 'validation_failed'], ['{bad json', 'invalid_json']] as const) {
      const res = await fetch(`${server.url}/v1/sessions`, json(key(), body));
      expect((await res.json()) as unknown, body).toMatchObject({ error: { code } });
    }
  });

  it('headers we read are bounded: Authorization, Idempotency-Key; an odd X-Request-Id is replaced, not echoed', async () => {
    const long = await fetch(`${server.url}/v1/files`, { headers: { authorization: `Bearer ${'x'.repeat(5000)}` } });
    expect(await long.json()).toMatchObject({ error: { code: 'validation_failed', details: { 'headers.authorization': expect.any(String) } } });
    const badKey = await fetch(`${server.url}/v1/files?name=a.txt`, { method: 'POST', headers: { ...key(), 'idempotency-key': 'has spaces in it' }, body: 'x' });
    expect(await badKey.json()).toMatchObject({ error: { code: 'validation_failed', details: { 'headers.idempotency-key': expect.any(String) } } });
    const odd = await fetch(`${server.url}/health/live`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('every error code answered here is in the table', async () => {
    const res = await fetch(`${server.url}/v1/files/${fileId}?x=1`, { headers: key() });
    const { error } = (await res.json()) as { error: { code: string } };
    expect(Object.keys(ERROR_CODES)).toContain(error.code);
  });
});
