import { readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_METRICS_TOKEN, type TestServer } from '../support/server.ts';

let server: TestServer;
let acme: { id: string; apiKey: string };
let globex: { id: string; apiKey: string };

beforeAll(async () => {
  // No pipeline workers here: versions stay `stored`, so intake alone is what these tests see.
  server = await startTestServer({ env: { UPLOAD_MAX_MB_TEXT: '1', PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional' } });
  acme = await server.createTenant('acme');
  globex = await server.createTenant('globex');
});
afterAll(async () => {
  await server.stop();
});

function blobFiles(): string[] {
  const walk = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    } catch {
      return [];
    }
  };
  return walk(path.join(server.dataDir, 'blobs')).filter((f) => !f.includes(`${path.sep}.incoming${path.sep}`));
}

async function listFiles(apiKey: string): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${server.url}/v1/files?limit=200`, { headers: { authorization: `Bearer ${apiKey}` } });
  return ((await res.json()) as { files: Array<Record<string, unknown>> }).files;
}

const MINIMAL_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

describe('operations endpoints', () => {
  it('serves liveness, readiness and Prometheus metrics', async () => {
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: true, storage: true } });
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
    expect(metrics).toContain('voicefiles_http_requests_total');
  });
});

describe('tenants and sessions', () => {
  it('needs the master key to create tenants and validates the body', async () => {
    const post = (auth: string | null, body: string) =>
      fetch(`${server.url}/v1/tenants`, { method: 'POST', headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), 'content-type': 'application/json' }, body });
    expect((await post(null, '{"slug":"x1"}')).status).toBe(401);
    expect((await post('wrong-master-key', '{"slug":"x1"}')).status).toBe(401);
    expect((await post(acme.apiKey, '{"slug":"x1"}')).status).toBe(401);
    const badSlug = await post(server.masterKey, '{"slug":"../etc"}');
    expect(badSlug.status).toBe(400);
    expect(await badSlug.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect((await post(server.masterKey, '{"slug":')).status).toBe(400);
    const dup = await post(server.masterKey, '{"slug":"acme"}');
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ error: { code: 'slug_taken' } });
  });

  it('issues session tokens only for valid API keys and valid requests', async () => {
    const post = (auth: string, body: unknown) =>
      fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('vf_' + 'x'.repeat(43), {})).status).toBe(401);
    expect((await post(server.masterKey, {})).status).toBe(401);
    const bad = await post(acme.apiKey, { role: 'admin', scopes: ['delete'], ttl_seconds: -1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: Record<string, string> } }).error.details).toHaveProperty('role');
    const ok = await post(acme.apiKey, { role: 'staff', call_id: 'call-1' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ token: expect.any(String), expires_at: expect.any(String) });
  });
});

describe('POST /v1/files streaming intake', () => {
  it('stores a file, reports it, and keeps identical content once per tenant', async () => {
    const first = await server.upload(acme.apiKey, 'notes.txt', 'hello voicefiles');
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ version: 1, status: 'stored', deduplicated: false });
    const before = blobFiles().length;
    const second = await server.upload(acme.apiKey, 'copy of notes.txt', 'hello voicefiles');
    expect(second.json).toMatchObject({ deduplicated: true });
    expect(blobFiles().length).toBe(before);
    const other = await server.upload(globex.apiKey, 'notes.txt', 'hello voicefiles');
    expect(other.json).toMatchObject({ deduplicated: false });
    const got = await fetch(`${server.url}/v1/files/${first.json.file_id}`, { headers: { authorization: `Bearer ${acme.apiKey}` } });
    expect(await got.json()).toMatchObject({ name: 'notes.txt', size: 16, mime_type: 'text/plain', kind: 'text', status: 'stored', version_count: 1 });
  });

  it('adds a version with file_id, and refuses another tenant\'s file_id', async () => {
    const first = await server.upload(acme.apiKey, 'plan.txt', 'version one');
    const second = await server.upload(acme.apiKey, 'plan.txt', 'version two', { file_id: first.json.file_id as string });
    expect(second.status).toBe(201);
    expect(second.json).toMatchObject({ file_id: first.json.file_id, version: 2 });
    const foreign = await server.upload(globex.apiKey, 'plan.txt', 'hijack', { file_id: first.json.file_id as string });
    expect(foreign.status).toBe(404);
    const fetched = await fetch(`${server.url}/v1/files/${first.json.file_id}`, { headers: { authorization: `Bearer ${globex.apiKey}` } });
    expect(fetched.status).toBe(404);
  });

  it.each([
    ['no name', '', 'some text', 400, 'missing_file_name'],
    ['a path separator', '../../etc/passwd.txt', 'x', 400, 'invalid_file_name'],
    ['a control character (refused by the input gate)', 'bad\u0007name.txt', 'x', 400, 'validation_failed'],
    ['an executable named .pdf', 'invoice.pdf', `MZ\u0090\u0000${'\u0000'.repeat(60)}PE\u0000\u0000`, 415, 'type_mismatch'],
    ['an executable extension', 'setup.exe', 'MZ', 415, 'type_not_allowed'],
    ['a right-to-left override hiding .exe', 'invoice\u202Efdp.exe', 'MZ', 415, 'type_not_allowed'],
    ['binary content named .txt', 'notes.txt', '\u0000\u0001\u0002\u0003binary', 415, 'type_mismatch'],
    ['a PDF named .txt', 'report.txt', MINIMAL_PDF, 415, 'type_mismatch'],
    ['an empty body', 'empty.txt', '', 400, 'empty_upload'],
  ])('refuses %s and changes nothing', async (_label, name, body, status, code) => {
    const filesBefore = (await listFiles(acme.apiKey)).length;
    const blobsBefore = blobFiles().length;
    const res = await server.upload(acme.apiKey, name, body);
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ error: { code, message: expect.any(String) } });
    expect((await listFiles(acme.apiKey)).length).toBe(filesBefore);
    expect(blobFiles().length).toBe(blobsBefore);
  });

  it('accepts a real PDF by its magic bytes', async () => {
    const res = await server.upload(acme.apiKey, 'Q3 Report.pdf', MINIMAL_PDF);
    expect(res.status).toBe(201);
  });

  it('refuses a body over the limit, streamed without Content-Length, leaving no record or blob', async () => {
    const blobsBefore = blobFiles().length;
    const filesBefore = (await listFiles(acme.apiKey)).length;
    const { status, body } = await rawUpload('/v1/files?name=big.txt', acme.apiKey, (req) => {
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (let i = 0; i < 24; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect(body).toContain('payload_too_large');
    expect(blobFiles().length).toBe(blobsBefore);
    expect((await listFiles(acme.apiKey)).length).toBe(filesBefore);
    expect(readdirSync(path.join(server.dataDir, 'blobs', '.incoming'))).toEqual([]);
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const res = await fetch(`${server.url}/v1/files?name=big.txt`, { method: 'POST', headers: { authorization: `Bearer ${acme.apiKey}` }, body: Buffer.alloc(2 * 1024 * 1024, 'a') });
    expect(res.status).toBe(413);
  });

  it('leaves no record and no blob when the connection is cut mid-upload', async () => {
    const blobsBefore = blobFiles().length;
    const filesBefore = (await listFiles(acme.apiKey)).length;
    await rawUpload('/v1/files?name=cut.txt', acme.apiKey, (req) => {
      req.write(Buffer.alloc(200 * 1024, 'b'));
      setTimeout(() => req.destroy(), 100);
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(blobFiles().length).toBe(blobsBefore);
    expect((await listFiles(acme.apiKey)).length).toBe(filesBefore);
    expect(readdirSync(path.join(server.dataDir, 'blobs', '.incoming'))).toEqual([]);
  });

  it('needs a tenant API key', async () => {
    const res = await fetch(`${server.url}/v1/files?name=a.txt`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(401);
    const session = await server.sessionToken(acme.apiKey);
    expect((await fetch(`${server.url}/v1/files`, { headers: { authorization: `Bearer ${session}` } })).status).toBe(401);
  });

  it('pages through the file list without gaps or duplicates', async () => {
    for (let i = 0; i < 7; i++) await server.upload(globex.apiKey, `page-${i}.txt`, `content ${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${server.url}/v1/files?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await fetch(url, { headers: { authorization: `Bearer ${globex.apiKey}` } })).json()) as { files: Array<{ file_id: string }>; next_cursor: string | null };
      seen.push(...page.files.map((f) => f.file_id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await listFiles(globex.apiKey)).length);
    expect((await fetch(`${server.url}/v1/files?limit=5000`, { headers: { authorization: `Bearer ${globex.apiKey}` } })).status).toBe(400);
  });
});

function rawUpload(pathAndQuery: string, apiKey: string, write: (req: http.ClientRequest) => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(pathAndQuery, server.url);
    const req = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'transfer-encoding': 'chunked' } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    write(req);
  });
}
