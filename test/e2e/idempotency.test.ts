import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../support/services.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** Retried uploads do not duplicate: Idempotency-Key on POST /v1/files against a real server. */
const onServer = await postgresAvailable();
let server: TestServer;
let acme: string;
let globex: string;

beforeAll(async () => {
  server = await startTestServer({ engine: onServer ? 'postgres' : 'pglite', env: { PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional' } });
  acme = (await server.createTenant('acme')).apiKey;
  globex = (await server.createTenant('globex')).apiKey;
});
afterAll(async () => {
  await server?.stop();
});

async function upload(apiKey: string, name: string, body: string, key?: string) {
  const res = await fetch(`${server.url}/v1/files?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, ...(key ? { 'idempotency-key': key } : {}) },
    body,
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), json: (await res.json()) as Record<string, unknown> };
}
const fileCount = async (apiKey: string) => ((await (await fetch(`${server.url}/v1/files?limit=200`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { files: unknown[] }).files.length;

describe(`Idempotency-Key on POST /v1/files (${onServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('a repeat within 24 hours answers the first result (same status and body) and stores nothing new', async () => {
    const before = await fileCount(acme);
    const first = await upload(acme, 'minutes.txt', 'minutes of the meeting', 'import-1');
    expect(first.status).toBe(201);
    const second = await upload(acme, 'minutes.txt', 'minutes of the meeting', 'import-1');
    expect(second).toEqual({ status: 201, replayed: 'true', json: first.json });
    expect(first.replayed).toBeNull();
    expect(await fileCount(acme)).toBe(before + 1);
    const audit = (await (await fetch(`${server.url}/v1/audit?action=file.upload&target=${String(first.json.file_id)}`, { headers: { authorization: `Bearer ${acme}` } })).json()) as { events: unknown[] };
    expect(audit.events).toHaveLength(1);
  });

  it('the same key with other bytes or another name is refused (422), and keys are per tenant', async () => {
    await upload(acme, 'plan.txt', 'the plan', 'import-2');
    expect(await upload(acme, 'plan.txt', 'another plan', 'import-2')).toMatchObject({ status: 422, json: { error: { code: 'idempotency_key_reused' } } });
    expect(await upload(acme, 'plan-v2.txt', 'the plan', 'import-2')).toMatchObject({ status: 422, json: { error: { code: 'idempotency_key_reused' } } });
    expect(await upload(globex, 'plan.txt', 'another plan', 'import-2')).toMatchObject({ status: 201, replayed: null });
  });

  it('a repeat while the first is still streaming answers 409; once it finished, the repeat is a replay', async () => {
    const slow = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(new URL('/v1/files?name=big.txt', server.url), { method: 'POST', headers: { authorization: `Bearer ${acme}`, 'idempotency-key': 'import-3', 'transfer-encoding': 'chunked' } });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('first part of a long upload. ');
      setTimeout(() => req.end('and the end.'), 1500);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await upload(acme, 'big.txt', 'first part of a long upload. and the end.', 'import-3')).toMatchObject({ status: 409, json: { error: { code: 'idempotency_in_progress' } } });
    const finished = await slow;
    expect(finished.status).toBe(201);
    expect(await upload(acme, 'big.txt', 'first part of a long upload. and the end.', 'import-3')).toMatchObject({ status: 201, replayed: 'true', json: JSON.parse(finished.body) as Record<string, unknown> });
  });

  it('a failed attempt does not hold its key: the retry runs anew', async () => {
    expect(await upload(acme, 'tool.exe', 'MZ', 'import-4')).toMatchObject({ status: 415 });
    await new Promise<void>((resolve) => {
      const req = http.request(new URL('/v1/files?name=cut.txt', server.url), { method: 'POST', headers: { authorization: `Bearer ${acme}`, 'idempotency-key': 'import-5', 'transfer-encoding': 'chunked' } });
      req.on('error', () => resolve());
      req.write('x'.repeat(10_000));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await upload(acme, 'cut.txt', 'the whole file this time', 'import-5')).toMatchObject({ status: 201, replayed: null });
  });
});
