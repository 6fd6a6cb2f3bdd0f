/**
 * A data subject's files on a real server (Postgres server when reachable, else PGlite):
 * the export zip holds exactly the uploaded bytes of the current versions, with a manifest.
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../support/services.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const onServer = await postgresAvailable();
let server: TestServer;
let apiKey: string;

beforeAll(async () => {
  server = await startTestServer({ engine: onServer ? 'postgres' : 'pglite', env: { SCAN_POLICY: 'optional' } });
  apiKey = (await server.createTenant('subjects')).apiKey;
});
afterAll(async () => {
  await server?.stop();
});

const auth = () => ({ authorization: `Bearer ${apiKey}` });
const sha = (value: string) => createHash('sha256').update(value).digest('hex');

async function uploadFor(customerId: string, name: string, body: string, fileId?: string): Promise<string> {
  const result = await server.upload(apiKey, name, body, { customer_id: customerId, visibility: 'customer', ...(fileId ? { file_id: fileId } : {}) });
  expect(result.status, JSON.stringify(result.json)).toBe(201);
  await server.settled(apiKey, String(result.json.file_id));
  return String(result.json.file_id);
}

async function exportOf(customerId: string): Promise<{ status: number; zip: JSZip; headers: Headers }> {
  const res = await fetch(`${server.url}/v1/customers/${encodeURIComponent(customerId)}/export`, { headers: auth() });
  return { status: res.status, headers: res.headers, zip: await JSZip.loadAsync(Buffer.from(await res.arrayBuffer())) };
}

describe(`customer export (${onServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('streams a zip of the current versions with a manifest; the contents equal the uploaded bytes', async () => {
    const contract = await uploadFor('cust-1', 'Vertrag.txt', 'first draft of the contract');
    await uploadFor('cust-1', 'Vertrag.txt', 'signed contract, final', contract);
    const invoice = await uploadFor('cust-1', 'Rechnung 1.txt', 'Rechnung über 120 Euro');
    await uploadFor('cust-2', 'Other.txt', 'someone else');
    const { status, headers, zip } = await exportOf('cust-1');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/zip');
    expect(headers.get('content-disposition')).toBe('attachment; filename="customer-cust-1-export.zip"');
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { customer_id: string; files: Array<Record<string, unknown>>; skipped: unknown[] };
    expect(manifest.customer_id).toBe('cust-1');
    expect(manifest.skipped).toEqual([]);
    expect(manifest.files.map((f) => [f.file_id, f.name, f.version, f.version_count, f.sha256])).toEqual([
      [contract, 'Vertrag.txt', 2, 2, sha('signed contract, final')],
      [invoice, 'Rechnung 1.txt', 1, 1, sha('Rechnung über 120 Euro')],
    ]);
    expect(await zip.file(`files/${contract}/Vertrag.txt`)!.async('string')).toBe('signed contract, final');
    expect(await zip.file(`files/${invoice}/Rechnung 1.txt`)!.async('string')).toBe('Rechnung über 120 Euro');
    expect(Object.keys(zip.files).filter((p) => !zip.files[p]!.dir).sort()).toEqual(['manifest.json', `files/${contract}/Vertrag.txt`, `files/${invoice}/Rechnung 1.txt`].sort());
    const audit = (await (await fetch(`${server.url}/v1/audit?action=customer.export`, { headers: auth() })).json()) as { events: Array<{ target: string; detail: Record<string, unknown> }> };
    expect(audit.events[0]).toMatchObject({ target: 'cust-1', detail: { files: 2, skipped: 0 } });
  });

  it('a customer without files gets a zip with an empty manifest; a stranger gets 401', async () => {
    const { status, zip } = await exportOf('nobody');
    expect(status).toBe(200);
    expect(JSON.parse(await zip.file('manifest.json')!.async('string'))).toMatchObject({ files: [], skipped: [] });
    expect((await fetch(`${server.url}/v1/customers/cust-1/export`)).status).toBe(401);
  });
});
