/**
 * A small stand-in for the Voicefiles HTTP API, for CLI tests: the endpoints the
 * CLI calls, real HTTP on 127.0.0.1, every request recorded with its body.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeFile {
  id: string;
  slug: string;
  name: string;
  customerId: string | null;
  visibility: string;
  sha256: string;
  size: number;
  status: string;
  statusReason: string | null;
  polls: number;
}

export interface FakeApiOptions {
  /** The admin token the fake accepts. */
  masterKey: string;
  /** What /health/ready reports. */
  pipeline?: boolean;
  /** With a pipeline: GETs of a file that still answer `scanning` before it settles. */
  pollsUntilSettled?: number;
  /** With a pipeline: where a file ends up; default ready. */
  settlesAs?: (name: string) => { status: string; reason?: string };
  /** An upload refused by name, answered before the body is read. */
  refuseUpload?: (name: string) => { status: number; code: string; message: string } | null;
  /** An upload answered with a 307 to this path, by name. */
  redirectUpload?: (name: string) => string | null;
  /** An upload attempt (1, 2, ...) of a name answered with this error after its body was read. */
  failUpload?: (name: string, attempt: number) => { status: number; code: string } | null;
  pageSize?: number;
}

export interface FakeApi {
  url: string;
  requests: RecordedRequest[];
  files: FakeFile[];
  /** API keys minted, in order. */
  mintedKeys: string[];
  /** Every key made, by key, with its id, name, expiry and whether it was revoked. */
  keyRecords: Map<string, { id: string; slug: string; name: string | null; expiresInDays: number | null; revoked: boolean }>;
  close(): Promise<void>;
}

export async function startFakeApi(options: FakeApiOptions): Promise<FakeApi> {
  const requests: RecordedRequest[] = [];
  const files: FakeFile[] = [];
  const mintedKeys: string[] = [];
  const tenants = new Map<string, { id: string; name: string; locale: string }>([['acme', { id: 't-acme', name: 'Acme', locale: 'en' }]]);
  const keys = new Map<string, string>();
  const keyRecords: FakeApi['keyRecords'] = new Map();
  const uploadAttempts = new Map<string, number>();

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: http.ServerResponse, status: number, code: string, message: string) => send(res, status, { error: { code, message } });
  const view = (f: FakeFile) => ({
    file_id: f.id,
    name: f.name,
    title: null,
    customer_id: f.customerId,
    visibility: f.visibility,
    version: 1,
    version_id: `${f.id}-v1`,
    status: f.status,
    status_reason: f.statusReason,
    size: f.size,
    mime_type: 'application/octet-stream',
    kind: 'document',
    version_count: 1,
    created_at: '2025-05-23T10:00:00.000Z',
    updated_at: '2025-05-23T10:00:00.000Z',
  });
  const mint = (slug: string, name: string | null = null, expiresInDays: number | null = null) => {
    const key = `vf_${slug}_${mintedKeys.length + 1}`;
    mintedKeys.push(key);
    keys.set(key, slug);
    keyRecords.set(key, { id: `k${mintedKeys.length}`, slug, name, expiresInDays, revoked: false });
    return key;
  };
  const keyView = (record: { id: string; name: string | null; expiresInDays: number | null; revoked: boolean }) => ({
    key_id: record.id,
    name: record.name,
    status: record.revoked ? 'revoked' : 'active',
    created_at: '2025-05-23T10:00:00.000Z',
    expires_at: record.expiresInDays === null ? null : new Date(Date.now() + record.expiresInDays * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00.000Z',
    revoked_at: record.revoked ? '2025-05-24T10:00:00.000Z' : null,
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record: RecordedRequest = { method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: Buffer.alloc(0) };
    requests.push(record);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const isMaster = bearer === options.masterKey;
    const tenantOfKey = bearer === undefined || keyRecords.get(bearer)?.revoked ? undefined : keys.get(bearer);
    const route = `${req.method} ${url.pathname}`;

    if (route === 'POST /v1/files') {
      if (!tenantOfKey) return fail(res, 401, 'unauthenticated', 'A valid credential is required.');
      const name = url.searchParams.get('name') ?? '';
      const refusal = options.refuseUpload?.(name);
      if (refusal) return fail(res, refusal.status, refusal.code, refusal.message);
      const location = options.redirectUpload?.(name);
      if (location) {
        res.writeHead(307, { location });
        return res.end();
      }
      record.body = await readBody(req);
      const attempt = (uploadAttempts.get(name) ?? 0) + 1;
      uploadAttempts.set(name, attempt);
      const failure = options.failUpload?.(name, attempt);
      if (failure) return fail(res, failure.status, failure.code, 'Failing on purpose.');
      const sha256 = createHash('sha256').update(record.body).digest('hex');
      const existing = files.find((f) => f.sha256 === sha256 && f.slug === tenantOfKey);
      if (existing) return send(res, 201, { file_id: existing.id, version: 1, version_id: `${existing.id}-v1`, status: existing.status, deduplicated: true });
      const file: FakeFile = {
        id: `f${files.length + 1}`,
        slug: tenantOfKey,
        name,
        customerId: url.searchParams.get('customer_id'),
        visibility: url.searchParams.get('visibility') ?? 'internal',
        sha256,
        size: record.body.length,
        status: 'stored',
        statusReason: null,
        polls: 0,
      };
      files.push(file);
      return send(res, 201, { file_id: file.id, version: 1, version_id: `${file.id}-v1`, status: file.status, deduplicated: false });
    }
    record.body = await readBody(req);

    if (route === 'GET /health/ready') return send(res, 200, { status: 'ready', ready: true, checks: {}, pipeline: options.pipeline ?? false });
    if (route === 'POST /v1/tenants') {
      if (!isMaster) return fail(res, 401, 'unauthenticated', 'A valid credential is required.');
      const input = JSON.parse(record.body.toString('utf8')) as { slug: string; name?: string; locale?: string };
      if (tenants.has(input.slug)) return fail(res, 409, 'slug_taken', 'That tenant slug is already in use.');
      tenants.set(input.slug, { id: `t-${input.slug}`, name: input.name ?? input.slug, locale: input.locale ?? 'en' });
      return send(res, 201, { id: `t-${input.slug}`, slug: input.slug, api_key: mint(input.slug) });
    }
    const keysMatch = /^\/v1\/tenants\/([^/]+)\/keys(?:\/([^/]+))?$/.exec(url.pathname);
    if (keysMatch) {
      if (!isMaster) return fail(res, 401, 'unauthenticated', 'A valid credential is required.');
      const slug = decodeURIComponent(keysMatch[1] ?? '');
      const tenant = tenants.get(slug);
      if (!tenant) return fail(res, 404, 'tenant_not_found', 'That tenant does not exist.');
      const own = [...keyRecords.values()].filter((r) => r.slug === slug);
      if (req.method === 'GET' && !keysMatch[2]) return send(res, 200, { tenant_id: tenant.id, keys: own.reverse().map(keyView) });
      if (req.method === 'POST' && !keysMatch[2]) {
        const input = (record.body.length > 0 ? JSON.parse(record.body.toString('utf8')) : {}) as { name?: string; expires_in_days?: number };
        const key = mint(slug, input.name ?? null, input.expires_in_days ?? null);
        return send(res, 201, { tenant_id: tenant.id, ...keyView(keyRecords.get(key)!), api_key: key });
      }
      if (req.method === 'DELETE' && keysMatch[2]) {
        const found = own.find((r) => r.id === keysMatch[2]);
        if (!found) return fail(res, 404, 'key_not_found', 'That API key does not exist for this tenant.');
        found.revoked = true;
        return send(res, 200, keyView(found));
      }
    }
    if (route === 'POST /v1/sessions') {
      if (!tenantOfKey) return fail(res, 401, 'unauthenticated', 'A valid credential is required.');
      return send(res, 201, { token: `session-token-for-${tenantOfKey}`, expires_at: '2025-05-23T11:00:00.000Z' });
    }
    if (route === 'GET /v1/files') {
      if (!tenantOfKey) return fail(res, 401, 'unauthenticated', 'A valid credential is required.');
      const own = files.filter((f) => f.slug === tenantOfKey);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 50), options.pageSize ?? 50);
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const next = start + limit < own.length ? String(start + limit) : null;
      return send(res, 200, { files: own.slice(start, start + limit).map(view), next_cursor: next });
    }
    const fileMatch = /^\/v1\/files\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && fileMatch) {
      if (!tenantOfKey) return fail(res, 401, 'unauthenticated', 'A valid credential is required.');
      const file = files.find((f) => f.id === fileMatch[1] && f.slug === tenantOfKey);
      if (!file) return fail(res, 404, 'file_not_found', 'That file does not exist or is not visible to you.');
      file.polls += 1;
      if (options.pipeline && file.status === 'stored') file.status = 'scanning';
      if (options.pipeline && file.polls >= (options.pollsUntilSettled ?? 1) && file.status === 'scanning') {
        const end = options.settlesAs?.(file.name) ?? { status: 'ready' };
        file.status = end.status;
        file.statusReason = end.reason ?? null;
      }
      return send(res, 200, view(file));
    }
    fail(res, 404, 'not_found', 'Nothing was found there.');
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, 500, 'internal', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    files,
    mintedKeys,
    keyRecords,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
