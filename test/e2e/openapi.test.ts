import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors.ts';
import { FILE_KINDS, VERSION_STATUSES, VISIBILITIES } from '../../src/domain/file.ts';
import { LOCALES, TENANT_SLUG_PATTERN } from '../../src/domain/tenant.ts';
import { BODIES, PARAMS, QUERIES } from '../../src/transport/http/request-schemas.ts';
import { postgresAvailable } from '../support/services.ts';
import { startTestServer, TEST_METRICS_TOKEN, type TestServer } from '../support/server.ts';

/**
 * docs/openapi.json against the code: every route registered in
 * src/transport/http/routes is documented and nothing else is, the enums are
 * the domain's own, and real responses of a running server validate against
 * the documented schemas.
 */
type Schema = Record<string, unknown>;
type Operation = { security?: Array<Record<string, string[]>>; responses: Record<string, Schema>; 'x-websocket'?: boolean };

const doc = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Schema> };
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function resolve(ref: string): Schema {
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
  if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
  return target as Schema;
}

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The JSON Schema subset the document uses: $ref, type, const, enum, format, pattern, bounds, objects, arrays. */
function check(schema: Schema, value: unknown, at = '$'): string[] {
  if (typeof schema.$ref === 'string') return check(resolve(schema.$ref), value, at);
  if ('const' in schema && value !== schema.const) return [`${at} must be ${JSON.stringify(schema.const)}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return [`${at} = ${JSON.stringify(value)} is not one of the documented values`];
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const types = ([] as unknown[]).concat(schema.type);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return [`${at} is ${actual}, documented ${types.join('|')}`];
  }
  const problems: string[] = [];
  if (typeof value === 'string') {
    const format = FORMATS[schema.format as string];
    if (format && !format.test(value)) problems.push(`${at} is not a ${String(schema.format)}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) problems.push(`${at} does not match ${schema.pattern}`);
  }
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${at} is below ${schema.minimum}`);
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => problems.push(...check(schema.items as Schema, item, `${at}[${i}]`)));
  if (actual === 'object') {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in record)) problems.push(`${at}.${key} is required`);
    for (const [key, item] of Object.entries(record)) {
      if (properties[key]) problems.push(...check(properties[key], item, `${at}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${at}.${key} is not documented`);
      else if (typeof schema.additionalProperties === 'object') problems.push(...check(schema.additionalProperties as Schema, item, `${at}.${key}`));
    }
  }
  return problems;
}

/** `METHOD /path/{param}` for every `router.add(...)` in the route files. */
function codeRoutes(): string[] {
  const dir = new URL('../../src/transport/http/routes/', import.meta.url);
  const routes: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.routes.ts'))) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    for (const match of source.matchAll(/router\.add(?:<[^(]*?>)?\(\s*'([A-Z]+)',\s*'([^']+)'/g)) {
      routes.push(`${match[1]} ${(match[2] as string).replace(/:([a-z_]+)/g, '{$1}')}`);
    }
  }
  return routes.sort();
}

function operations(): Array<{ method: string; path: string; op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

describe('docs/openapi.json: the document itself', () => {
  it('is OpenAPI 3.1 and every $ref resolves', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(() => resolve(JSON.parse(`{${ref}}`).$ref as string), ref).not.toThrow();
  });

  it('documents exactly the routes registered in src/transport/http/routes (HEAD only beside a GET; the WebSocket upgrade flagged)', () => {
    const documented = operations().filter(({ method, path, op }) => !op['x-websocket'] && !(method === 'HEAD' && doc.paths[path]?.get));
    expect(documented.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(codeRoutes());
    expect(codeRoutes().length).toBeGreaterThanOrEqual(12);
    const socketSource = readFileSync(new URL('../../src/transport/mcp/agent-socket.server.ts', import.meta.url), 'utf8');
    const socketPath = /pathname !== '([^']+)'/.exec(socketSource)?.[1];
    expect(operations().filter(({ op }) => op['x-websocket']).map(({ method, path }) => `${method} ${path}`)).toEqual([`GET ${socketPath}`]);
  });

  it('takes its enums and patterns from the domain', () => {
    const schemas = doc.components.schemas;
    expect(schemas.ErrorCode?.enum).toEqual(Object.keys(ERROR_CODES));
    expect(schemas.VersionStatus?.enum).toEqual([...VERSION_STATUSES]);
    expect(schemas.FileKind?.enum).toEqual([...FILE_KINDS]);
    expect(schemas.Visibility?.enum).toEqual([...VISIBILITIES]);
    expect(schemas.Locale?.enum).toEqual([...LOCALES]);
    expect((resolve('#/components/parameters/Slug').schema as Schema).pattern).toBe(TENANT_SLUG_PATTERN.source);
  });

  it('documents the request schemas the input gate enforces: bodies, query strings and path parameters', () => {
    const UUID = (PARAMS.file.properties.id as { pattern: string }).pattern;
    /** The constraints that matter to a client, from either side, without prose. */
    const shape = (schema: Schema): Schema => {
      const resolved = typeof schema.$ref === 'string' ? resolve(schema.$ref) : schema;
      const out: Schema = {};
      for (const [key, value] of Object.entries(resolved)) {
        if (['description', 'default', 'x-multiline'].includes(key)) continue;
        if (key === 'format' && value === 'uuid') out.pattern = UUID;
        else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, inner]) => [name, shape(inner)]));
        else if (key === 'items') out.items = shape(value as Schema);
        else if (key === 'enum') out.enum = [...(value as unknown[])];
        else if (key === 'required') out.required = [...(value as string[])].sort();
        else out[key] = value;
      }
      return out;
    };
    const body = (path: string, method: string) => (doc.paths[path]?.[method] as unknown as { requestBody: { content: Record<string, { schema: Schema }> } }).requestBody.content['application/json']!.schema;
    expect(shape(body('/v1/tenants', 'post'))).toEqual(shape(BODIES.createTenant as unknown as Schema));
    expect(shape(body('/v1/tenants/{slug}/keys', 'post'))).toEqual(shape(BODIES.createKey as unknown as Schema));
    expect(shape(body('/v1/tenants/{slug}', 'patch'))).toEqual(shape(BODIES.updateTenant as unknown as Schema));
    expect(shape(body('/v1/files/{id}/tags', 'put'))).toEqual(shape(BODIES.setTags as unknown as Schema));
    expect(shape(body('/v1/sessions', 'post'))).toEqual(shape(BODIES.createSession(86400) as unknown as Schema));
    expect(shape(body('/v1/holds', 'post'))).toEqual(shape(BODIES.placeHold as unknown as Schema));
    expect(shape(body('/v1/retention-rules', 'post'))).toEqual(shape(BODIES.retentionRule as unknown as Schema));
    const params = (path: string, method: string, where: 'query' | 'path') => {
      const list = ((doc.paths[path]?.[method] as unknown as { parameters?: Schema[] }).parameters ?? []).map((p) => (typeof p.$ref === 'string' ? resolve(p.$ref) : p));
      return Object.fromEntries(list.filter((p) => p.in === where).map((p) => [p.name as string, shape(p.schema as Schema)]));
    };
    const codeProps = (schema: { properties: Record<string, unknown> }) => Object.fromEntries(Object.entries(schema.properties).map(([name, inner]) => [name, shape(inner as Schema)]));
    expect(params('/v1/files', 'post', 'query')).toEqual(codeProps(QUERIES.upload));
    expect(params('/v1/files', 'get', 'query')).toEqual(codeProps(QUERIES.listFiles));
    expect(params('/v1/audit', 'get', 'query')).toEqual(codeProps(QUERIES.audit));
    expect(params('/v1/holds', 'get', 'query')).toEqual(codeProps(QUERIES.holds));
    expect(params('/v1/holds/{id}', 'delete', 'path')).toEqual(codeProps(PARAMS.hold));
    expect(params('/v1/retention-rules/{id}', 'delete', 'path')).toEqual(codeProps(PARAMS.retentionRule));
    expect(params('/v1/tenants/{slug}', 'get', 'path')).toEqual(codeProps(PARAMS.tenant));
    expect(params('/v1/tenants/{slug}/keys/{key_id}', 'delete', 'path')).toEqual(codeProps(PARAMS.tenantKey));
    expect(params('/v1/files/{id}', 'get', 'path')).toEqual(codeProps(PARAMS.file));
    expect(params('/v1/files/{id}', 'delete', 'path')).toEqual(codeProps(PARAMS.file));
    expect(params('/v1/files/{id}/versions/{n}', 'get', 'path')).toEqual(codeProps(PARAMS.fileVersion));
    expect(params('/v1/files/{id}/versions/{n}/restore', 'post', 'path')).toEqual(codeProps(PARAMS.fileVersion));
    expect(params('/v1/sessions/{session_id}', 'delete', 'path')).toEqual(codeProps(PARAMS.session));
  });

  it('gives every operation responses and only declared security schemes', () => {
    for (const { method, path, op } of operations()) {
      expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      for (const requirement of op.security ?? [null]) {
        expect(requirement, `${method} ${path} must state its security`).not.toBeNull();
        for (const scheme of Object.keys(requirement ?? {})) expect(Object.keys(doc.components.securitySchemes)).toContain(scheme);
      }
    }
  });
});

const onServer = await postgresAvailable();
let server: TestServer;
let apiKey: string;
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  server = await startTestServer({ engine: onServer ? 'postgres' : 'pglite', env: { UPLOAD_MAX_MB_TEXT: '1', PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional' } });
  apiKey = (await server.createTenant('acme')).apiKey;
});
afterAll(async () => {
  await server?.stop();
});

/** Check a real response against the document's entry for this operation and status; returns the parsed body. */
async function expectDocumented(res: Response, method: string, path: string): Promise<unknown> {
  const op = doc.paths[path]?.[method.toLowerCase()];
  expect(op, `${method} ${path} is not documented`).toBeDefined();
  let response = op!.responses[String(res.status)];
  expect(response, `${method} ${path} answered ${res.status}, which is not documented`).toBeDefined();
  if (typeof response!.$ref === 'string') response = resolve(response!.$ref);
  expect(res.headers.get('x-request-id')).toBeTruthy();
  const content = response!.content as Record<string, { schema: Schema }>;
  const [mediaType, media] = Object.entries(content)[0]!;
  expect(res.headers.get('content-type')?.split(';')[0]).toBe(mediaType.split(';')[0]);
  if (!mediaType.startsWith('application/json')) return res.text();
  const body: unknown = await res.json();
  expect(check(media.schema, body), JSON.stringify(body)).toEqual([]);
  if (res.status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer');
  return body;
}

const json = (headers: Record<string, string>, body: unknown) => ({ method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe(`docs/openapi.json against a running server (${onServer ? 'PostgreSQL server' : 'PGlite: PostgreSQL server not available'})`, () => {
  it('tenants: 201 create, 200 get, 201 key, 409 taken, 400 invalid, 404 unknown', async () => {
    const base = server.url;
    const created = await fetch(`${base}/v1/tenants`, json(auth(server.masterKey), { slug: 'globex', name: 'Globex', locale: 'de' }));
    expect(created.status).toBe(201);
    expect(await expectDocumented(created, 'POST', '/v1/tenants')).toMatchObject({ slug: 'globex', locale: 'de' });
    const taken = await fetch(`${base}/v1/tenants`, json(auth(server.masterKey), { slug: 'globex' }));
    expect(taken.status).toBe(409);
    expect(await expectDocumented(taken, 'POST', '/v1/tenants')).toMatchObject({ error: { code: 'slug_taken' } });
    const invalid = await fetch(`${base}/v1/tenants`, json(auth(server.masterKey), { slug: '../etc', locale: 'fr' }));
    expect(await expectDocumented(invalid, 'POST', '/v1/tenants')).toMatchObject({ error: { code: 'validation_failed', details: { slug: expect.any(String), locale: expect.any(String) } } });
    const broken = await fetch(`${base}/v1/tenants`, { method: 'POST', headers: { ...auth(server.masterKey), 'content-type': 'application/json' }, body: '{"slug":' });
    expect(await expectDocumented(broken, 'POST', '/v1/tenants')).toMatchObject({ error: { code: 'invalid_json' } });
    await expectDocumented(await fetch(`${base}/v1/tenants/globex`, { headers: auth(server.masterKey) }), 'GET', '/v1/tenants/{slug}');
    const key = await fetch(`${base}/v1/tenants/globex/keys`, { method: 'POST', headers: auth(server.masterKey) });
    expect(key.status).toBe(201);
    await expectDocumented(key, 'POST', '/v1/tenants/{slug}/keys');
    const named = await fetch(`${base}/v1/tenants/globex/keys`, json(auth(server.masterKey), { name: 'backend', expires_in_days: 7 }));
    const { key_id: keyId } = (await expectDocumented(named, 'POST', '/v1/tenants/{slug}/keys')) as { key_id: string };
    const listed = await fetch(`${base}/v1/tenants/globex/keys`, { headers: auth(server.masterKey) });
    expect(await expectDocumented(listed, 'GET', '/v1/tenants/{slug}/keys')).toMatchObject({ keys: [{ key_id: keyId, name: 'backend', status: 'active' }, { name: null }, { name: null }] });
    const revoked = await fetch(`${base}/v1/tenants/globex/keys/${keyId}`, { method: 'DELETE', headers: auth(server.masterKey) });
    expect(await expectDocumented(revoked, 'DELETE', '/v1/tenants/{slug}/keys/{key_id}')).toMatchObject({ status: 'revoked' });
    const unknownKey = await fetch(`${base}/v1/tenants/globex/keys/00000000-0000-4000-8000-000000000000`, { method: 'DELETE', headers: auth(server.masterKey) });
    expect(await expectDocumented(unknownKey, 'DELETE', '/v1/tenants/{slug}/keys/{key_id}')).toMatchObject({ error: { code: 'key_not_found' } });
    const badKey = await fetch(`${base}/v1/tenants/globex/keys`, json(auth(server.masterKey), { name: 'x'.repeat(101) }));
    expect(await expectDocumented(badKey, 'POST', '/v1/tenants/{slug}/keys')).toMatchObject({ error: { code: 'validation_failed', details: { name: expect.any(String) } } });
    const badSlug = await fetch(`${base}/v1/tenants/Not_A_Slug`, { headers: auth(server.masterKey) });
    expect(await expectDocumented(badSlug, 'GET', '/v1/tenants/{slug}')).toMatchObject({ error: { code: 'validation_failed' } });
    const missing = await fetch(`${base}/v1/tenants/nobody`, { headers: auth(server.masterKey) });
    expect(await expectDocumented(missing, 'GET', '/v1/tenants/{slug}')).toMatchObject({ error: { code: 'tenant_not_found' } });
  });

  it('sessions: 201 issued, 400 with details per field', async () => {
    const issued = await fetch(`${server.url}/v1/sessions`, json(auth(apiKey), { role: 'staff', call_id: 'call-1', caller: { phone: '+49 30 1234567', verified: true }, scopes: ['read'], ttl_seconds: 600 }));
    expect(issued.status).toBe(201);
    const { session_id: sessionId } = (await expectDocumented(issued, 'POST', '/v1/sessions')) as { session_id: string };
    const invalid = await fetch(`${server.url}/v1/sessions`, json(auth(apiKey), { role: 'boss', ttl_seconds: 5, caller: { email: 'x' } }));
    expect(await expectDocumented(invalid, 'POST', '/v1/sessions')).toMatchObject({ error: { code: 'validation_failed', details: { role: expect.any(String), ttl_seconds: expect.any(String), 'caller.email': expect.any(String) } } });
    const revoked = await fetch(`${server.url}/v1/sessions/${sessionId}`, { method: 'DELETE', headers: auth(apiKey) });
    expect(revoked.status).toBe(204);
    const malformed = await fetch(`${server.url}/v1/sessions/nope`, { method: 'DELETE', headers: auth(apiKey) });
    expect(await expectDocumented(malformed, 'DELETE', '/v1/sessions/{session_id}')).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('files: 201 upload, 200 file, 200 pages, 404, 413, 415, 400', async () => {
    const upload = (name: string, body: string | Buffer, query = '') =>
      fetch(`${server.url}/v1/files?name=${encodeURIComponent(name)}${query}`, { method: 'POST', headers: { ...auth(apiKey), 'content-type': 'application/octet-stream' }, body });
    const stored = await upload('Q2 Financial Report.txt', 'Revenue grew in the second quarter.', '&visibility=customer&customer_id=cust-7');
    expect(stored.status).toBe(201);
    const { file_id: fileId } = (await expectDocumented(stored, 'POST', '/v1/files')) as { file_id: string };
    expect((await upload('notes.md', '# Notes')).status).toBe(201);
    const file = await fetch(`${server.url}/v1/files/${fileId}`, { headers: auth(apiKey) });
    expect(file.status).toBe(200);
    expect(await expectDocumented(file, 'GET', '/v1/files/{id}')).toMatchObject({ file_id: fileId, customer_id: 'cust-7', visibility: 'customer' });
    const first = await fetch(`${server.url}/v1/files?limit=1`, { headers: auth(apiKey) });
    const page = (await expectDocumented(first, 'GET', '/v1/files')) as { next_cursor: string | null };
    expect(page.next_cursor).toEqual(expect.any(String));
    const last = (await expectDocumented(await fetch(`${server.url}/v1/files?limit=1&cursor=${page.next_cursor}`, { headers: auth(apiKey) }), 'GET', '/v1/files')) as { next_cursor: null };
    expect(last.next_cursor).toBeNull();
    const unknown = await fetch(`${server.url}/v1/files/00000000-0000-4000-8000-000000000000`, { headers: auth(apiKey) });
    expect(await expectDocumented(unknown, 'GET', '/v1/files/{id}')).toMatchObject({ error: { code: 'file_not_found' } });
    const tooLarge = await upload('big.txt', Buffer.alloc(1024 * 1024 + 1, 'a'));
    expect(await expectDocumented(tooLarge, 'POST', '/v1/files')).toMatchObject({ error: { code: 'payload_too_large', details: { max_bytes: 1024 * 1024 } } });
    const mismatch = await upload('invoice.pdf', 'plain text, not a PDF');
    expect(await expectDocumented(mismatch, 'POST', '/v1/files')).toMatchObject({ error: { code: 'type_mismatch' } });
    expect(await expectDocumented(await upload('', 'x'), 'POST', '/v1/files')).toMatchObject({ error: { code: 'missing_file_name' } });
    const badLimit = await fetch(`${server.url}/v1/files?limit=0`, { headers: auth(apiKey) });
    expect(await expectDocumented(badLimit, 'GET', '/v1/files')).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('versions and the trash: 200 versions, 200 version, 201 restore, 200 delete, 200 trash, 200 restore, 404, 409', async () => {
    const headers = auth(apiKey);
    const upload = await fetch(`${server.url}/v1/files?name=Versioned.txt`, { method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: 'first words' });
    const { file_id: fileId } = (await upload.json()) as { file_id: string };
    const versions = await fetch(`${server.url}/v1/files/${fileId}/versions`, { headers });
    expect(await expectDocumented(versions, 'GET', '/v1/files/{id}/versions')).toMatchObject({ file_id: fileId, versions: [{ version: 1, current: true }] });
    expect(await expectDocumented(await fetch(`${server.url}/v1/files/${fileId}/versions/1`, { headers }), 'GET', '/v1/files/{id}/versions/{n}')).toMatchObject({ version: 1 });
    expect(await expectDocumented(await fetch(`${server.url}/v1/files/${fileId}/versions/2`, { headers }), 'GET', '/v1/files/{id}/versions/{n}')).toMatchObject({ error: { code: 'version_not_found' } });
    const restored = await fetch(`${server.url}/v1/files/${fileId}/versions/1/restore`, { method: 'POST', headers });
    expect(restored.status).toBe(201);
    expect(await expectDocumented(restored, 'POST', '/v1/files/{id}/versions/{n}/restore')).toMatchObject({ version: 2, restored_from: 1 });
    const deleted = await fetch(`${server.url}/v1/files/${fileId}`, { method: 'DELETE', headers });
    expect(await expectDocumented(deleted, 'DELETE', '/v1/files/{id}')).toMatchObject({ file_id: fileId, trashed_at: expect.any(String) });
    expect(await expectDocumented(await fetch(`${server.url}/v1/files/${fileId}`, { method: 'DELETE', headers }), 'DELETE', '/v1/files/{id}')).toMatchObject({ error: { code: 'conflict' } });
    expect(await expectDocumented(await fetch(`${server.url}/v1/files?trashed=true`, { headers }), 'GET', '/v1/files')).toMatchObject({ files: [{ file_id: fileId }] });
    expect(await expectDocumented(await fetch(`${server.url}/v1/files/${fileId}/restore`, { method: 'POST', headers }), 'POST', '/v1/files/{id}/restore')).toMatchObject({ trashed_at: null });
    expect(await expectDocumented(await fetch(`${server.url}/v1/files/${fileId}/restore`, { method: 'POST', headers }), 'POST', '/v1/files/{id}/restore')).toMatchObject({ error: { code: 'not_in_trash' } });
    const placed = await fetch(`${server.url}/v1/holds`, json(headers, { file_id: fileId, reason: 'Case 12' }));
    expect(placed.status).toBe(201);
    const hold = (await expectDocumented(placed, 'POST', '/v1/holds')) as { id: string };
    expect(await expectDocumented(await fetch(`${server.url}/v1/files/${fileId}`, { method: 'DELETE', headers }), 'DELETE', '/v1/files/{id}')).toMatchObject({ error: { code: 'on_hold' } });
    expect(await expectDocumented(await fetch(`${server.url}/v1/holds?active=true`, { headers }), 'GET', '/v1/holds')).toMatchObject({ holds: [{ id: hold.id }] });
    expect(await expectDocumented(await fetch(`${server.url}/v1/holds`, json(headers, { reason: 'nothing held' })), 'POST', '/v1/holds')).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await expectDocumented(await fetch(`${server.url}/v1/holds/${hold.id}`, { method: 'DELETE', headers }), 'DELETE', '/v1/holds/{id}')).toMatchObject({ active: false });
    expect(await expectDocumented(await fetch(`${server.url}/v1/holds/00000000-0000-4000-8000-000000000000`, { method: 'DELETE', headers }), 'DELETE', '/v1/holds/{id}')).toMatchObject({ error: { code: 'hold_not_found' } });
    expect(await expectDocumented(await fetch(`${server.url}/v1/trash/empty`, { method: 'POST', headers }), 'POST', '/v1/trash/empty')).toMatchObject({ purged_files: 0 });
    const rule = await fetch(`${server.url}/v1/retention-rules`, json(headers, { tag: 'Legal', min_days: 3650 }));
    expect(rule.status).toBe(201);
    const { id: ruleId } = (await expectDocumented(rule, 'POST', '/v1/retention-rules')) as { id: string };
    expect(await expectDocumented(await fetch(`${server.url}/v1/retention-rules`, json(headers, { tag: 'legal', max_days: 1 })), 'POST', '/v1/retention-rules')).toMatchObject({ error: { code: 'conflict' } });
    expect(await expectDocumented(await fetch(`${server.url}/v1/retention-rules`, json(headers, { category: 'invoice' })), 'POST', '/v1/retention-rules')).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await expectDocumented(await fetch(`${server.url}/v1/retention-rules`, { headers }), 'GET', '/v1/retention-rules')).toMatchObject({ rules: [{ id: ruleId, tag: 'legal', min_days: 3650 }] });
    const tagged = await fetch(`${server.url}/v1/files/${fileId}/tags`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ tags: ['legal'] }) });
    expect(tagged.status).toBe(200);
    expect(await expectDocumented(await fetch(`${server.url}/v1/files/${fileId}`, { method: 'DELETE', headers }), 'DELETE', '/v1/files/{id}')).toMatchObject({ error: { code: 'retention_period', details: { retained_until: expect.any(String) } } });
    expect(await expectDocumented(await fetch(`${server.url}/v1/retention-rules/${ruleId}`, { method: 'DELETE', headers }), 'DELETE', '/v1/retention-rules/{id}')).toMatchObject({ id: ruleId });
    expect(await expectDocumented(await fetch(`${server.url}/v1/retention-rules/${ruleId}`, { method: 'DELETE', headers }), 'DELETE', '/v1/retention-rules/{id}')).toMatchObject({ error: { code: 'not_found' } });
  });

  it('quotas: 201 create with a quota, 200 patch, 404 unknown, 200 usage, 413 quota_exceeded', async () => {
    const created = await fetch(`${server.url}/v1/tenants`, json(auth(server.masterKey), { slug: 'quota-doc', quota_bytes: 10, trash_days: 7 }));
    const { api_key: key } = (await expectDocumented(created, 'POST', '/v1/tenants')) as { api_key: string };
    const patch = (slug: string, body: unknown) => fetch(`${server.url}/v1/tenants/${slug}`, { ...json(auth(server.masterKey), body), method: 'PATCH' });
    expect(await expectDocumented(await patch('quota-doc', { quota_files: 5 }), 'PATCH', '/v1/tenants/{slug}')).toMatchObject({ quota_bytes: 10, quota_files: 5, trash_days: 7 });
    expect(await expectDocumented(await patch('nobody', { quota_files: 5 }), 'PATCH', '/v1/tenants/{slug}')).toMatchObject({ error: { code: 'tenant_not_found' } });
    expect(await expectDocumented(await patch('quota-doc', { quota_files: -1 }), 'PATCH', '/v1/tenants/{slug}')).toMatchObject({ error: { code: 'validation_failed' } });
    const full = await fetch(`${server.url}/v1/files?name=big.txt`, { method: 'POST', headers: auth(key), body: 'more than ten bytes' });
    expect(await expectDocumented(full, 'POST', '/v1/files')).toMatchObject({ error: { code: 'quota_exceeded' } });
    expect(await expectDocumented(await fetch(`${server.url}/v1/usage`, { headers: auth(key) }), 'GET', '/v1/usage')).toMatchObject({ bytes: 0, quota_bytes: 10 });
    const tagged = await fetch(`${server.url}/v1/files?name=tagged.txt`, { method: 'POST', headers: auth(apiKey), body: 'tag me' });
    const { file_id: fileId } = (await tagged.json()) as { file_id: string };
    const put = (body: unknown) => fetch(`${server.url}/v1/files/${fileId}/tags`, { ...json(auth(apiKey), body), method: 'PUT' });
    expect(await expectDocumented(await put({ tags: ['Q2', 'steuer'] }), 'PUT', '/v1/files/{id}/tags')).toMatchObject({ tags: ['q2', 'steuer'] });
    expect(await expectDocumented(await put({ tags: ['<b>'] }), 'PUT', '/v1/files/{id}/tags')).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await expectDocumented(await fetch(`${server.url}/v1/files/${fileId}/download`, { headers: auth(apiKey) }), 'GET', '/v1/files/{id}/download')).toMatchObject({ error: { code: 'conflict' } });
    expect(await expectDocumented(await fetch(`${server.url}/v1/files/${fileId}`, { headers: auth(apiKey) }), 'GET', '/v1/files/{id}')).toMatchObject({ downloads: 0, share_access: [] });
  });

  it('audit, health, metrics and signed downloads', async () => {
    const audit = (await expectDocumented(await fetch(`${server.url}/v1/audit?limit=5`, { headers: auth(apiKey) }), 'GET', '/v1/audit')) as { events: unknown[] };
    expect(audit.events.length).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/v1/audit?limit=0`, { headers: auth(apiKey) })).status).toBe(400);
    await expectDocumented(await fetch(`${server.url}/health/live`), 'GET', '/health/live');
    expect(await expectDocumented(await fetch(`${server.url}/health/ready`), 'GET', '/health/ready')).toMatchObject({ ready: true });
    expect(await expectDocumented(await fetch(`${server.url}/metrics`, { headers: auth(TEST_METRICS_TOKEN) }), 'GET', '/metrics')).toContain('voicefiles_http_requests_total');
    expect(await expectDocumented(await fetch(`${server.url}/metrics`), 'GET', '/metrics')).toMatchObject({ error: { code: 'unauthenticated' } });
    const forged = await fetch(`${server.url}/v1/blobs?k=tenants%2Fx%2Fblobs%2Fy&e=9999999999&s=${'A'.repeat(43)}`);
    expect(await expectDocumented(forged, 'GET', '/v1/blobs')).toMatchObject({ error: { code: 'link_invalid' } });
  });

  it('answers 401 with the error envelope on every secured operation, for no credential and for the other kind of key', async () => {
    let checked = 0;
    for (const { method, path, op } of operations()) {
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      if (op['x-websocket'] || schemes.length === 0) continue;
      const url = `${server.url}${path.replace('{slug}', 'acme').replace(/\{(id|key_id|session_id|blob_id)\}/g, '00000000-0000-4000-8000-000000000000').replace('{n}', '1')}`;
      const wrongKey = schemes.includes('adminToken') ? apiKey : server.masterKey;
      for (const headers of [{}, auth(wrongKey)]) {
        const res = await fetch(url, { method, headers, ...(method === 'POST' ? { body: 'x' } : {}) });
        expect(res.status, `${method} ${path}`).toBe(401);
        await expectDocumented(res, method, path);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(24);
  });

  it('/v1/agent: 401 before the upgrade and 404 for a plain GET, as documented', async () => {
    const refused = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = http.request(`${server.url}/v1/agent`, { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      });
      req.on('upgrade', () => reject(new Error('upgraded without a token')));
      req.on('error', reject);
      req.end();
    });
    expect(refused.status).toBe(401);
    expect(refused.type).toBe('application/json');
    const schema = ((resolve('#/components/responses/Unauthenticated').content as Record<string, { schema: Schema }>)['application/json'] as { schema: Schema }).schema;
    expect(check(schema, JSON.parse(refused.body))).toEqual([]);
    expect(await expectDocumented(await fetch(`${server.url}/v1/agent`), 'GET', '/v1/agent')).toMatchObject({ error: { code: 'not_found' } });
  });
});
