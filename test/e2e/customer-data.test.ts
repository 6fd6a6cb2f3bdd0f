/**
 * A data subject's files on a real server (Postgres server when reachable, else PGlite):
 * the export zip holds exactly the uploaded bytes of the current versions, with a manifest;
 * erasure removes everything of the customer but what a hold covers, bytes on disk included,
 * and leaves the audit trail's structure without the personal fields.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { runCli } from '../../src/cli/main.ts';
import path from 'node:path';
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

const blobsOnDisk = (tenantId: string) => {
  const dir = path.join(server.dataDir, 'blobs', 'tenants', tenantId, 'blobs');
  return existsSync(dir) ? readdirSync(dir).length : 0;
};
const json = (body: unknown) => ({ method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
const erase = async (customerId: string) => {
  const res = await fetch(`${server.url}/v1/customers/${customerId}/erase`, { method: 'POST', headers: auth() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const auditAbout = async (target: string) =>
  ((await (await fetch(`${server.url}/v1/audit?limit=1000&target=${encodeURIComponent(target)}`, { headers: auth() })).json()) as { events: Array<Record<string, unknown>> }).events;

describe(`customer erasure (${onServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('without a hold: every file, version and blob of the customer is gone; shared content stays; the trail keeps its structure without personal fields', async () => {
    const tenantId = ((await (await fetch(`${server.url}/v1/tenants/subjects`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json()) as { id: string }).id;
    const first = await uploadFor('erase-1', 'Rechnung Weber.txt', 'Rechnung an Frau Weber');
    await uploadFor('erase-1', 'Rechnung Weber.txt', 'Rechnung an Frau Weber, korrigiert', first);
    const shared = await uploadFor('erase-1', 'Gemeinsam.txt', 'content both customers have');
    const keeps = await uploadFor('keep-1', 'Gemeinsam.txt', 'content both customers have');
    await fetch(`${server.url}/v1/files/${first}/tags`, { method: 'PUT', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ tags: ['weber'] }) });
    await fetch(`${server.url}/v1/customers/erase-1/export`, { headers: auth() }).then((r) => r.arrayBuffer());
    const before = blobsOnDisk(tenantId);
    const { status, body } = await erase('erase-1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ customer_id: 'erase-1', held_files: [], complete: true, subject: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((body.erased_files as string[]).sort()).toEqual([first, shared].sort());
    for (const id of [first, shared]) expect((await fetch(`${server.url}/v1/files/${id}`, { headers: auth() })).status).toBe(404);
    expect((await fetch(`${server.url}/v1/files/${keeps}`, { headers: auth() })).status).toBe(200);
    // Two versions of the first file had their own bytes; the shared content stays for keep-1.
    expect(blobsOnDisk(tenantId)).toBe(before - 2);
    const link = (await (await fetch(`${server.url}/v1/files/${keeps}/download`, { headers: auth() })).json()) as { url: string };
    expect(await (await fetch(link.url)).text()).toBe('content both customers have');
    const trail = await auditAbout(first);
    expect(trail.length).toBeGreaterThanOrEqual(2);
    for (const event of trail) expect(event).toMatchObject({ target: first, action: expect.any(String), outcome: 'ok', detail: expect.objectContaining({ redacted: true }) });
    expect(trail.find((e) => e.action === 'file.tags')?.detail).toEqual({ tags: null, redacted: true });
    expect(await auditAbout('erase-1')).toEqual([]);
    const erasures = ((await (await fetch(`${server.url}/v1/audit?action=customer.erase`, { headers: auth() })).json()) as { events: Array<Record<string, unknown>> }).events;
    expect(erasures[0]).toMatchObject({ target: `subject:${String(body.subject)}`, detail: { erased_files: 2, held_files: [] } });
    expect(JSON.stringify(erasures[0])).not.toContain('erase-1');
    const { zip } = await exportOf('erase-1');
    expect(JSON.parse(await zip.file('manifest.json')!.async('string'))).toMatchObject({ files: [] });
  });

  it('with a hold: what the hold covers is kept and reported with its reason, the rest is erased', async () => {
    const held = await uploadFor('erase-2', 'Vertrag Schmidt.txt', 'Vertrag mit Herrn Schmidt');
    const loose = await uploadFor('erase-2', 'Notiz.txt', 'eine Notiz');
    const placed = await fetch(`${server.url}/v1/holds`, json({ file_id: held, reason: 'Rechtsstreit 4 O 12/26' }));
    expect(placed.status).toBe(201);
    const hold = (await placed.json()) as { id: string };
    const { status, body } = await erase('erase-2');
    expect(status).toBe(200);
    expect(body).toMatchObject({ erased_files: [loose], held_files: [{ file_id: held, hold_id: hold.id, reason: 'Rechtsstreit 4 O 12/26' }], complete: false });
    expect((await fetch(`${server.url}/v1/files/${held}`, { headers: auth() })).status).toBe(200);
    expect((await fetch(`${server.url}/v1/files/${loose}`, { headers: auth() })).status).toBe(404);
    expect((await auditAbout(held)).every((e) => (e.detail as Record<string, unknown>).redacted === undefined)).toBe(true);
    // Released, the next erasure takes the rest.
    await fetch(`${server.url}/v1/holds/${hold.id}`, { method: 'DELETE', headers: auth() });
    expect((await erase('erase-2')).body).toMatchObject({ erased_files: [held], held_files: [], complete: true });
  });
});

describe('voicefiles customer export|erase', () => {
  it('writes the export zip to disk and erases with --yes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vf-customer-cli-'));
    const cli = async (...args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(args, {
        env: { VOICEFILES_URL: server.url, VOICEFILES_ADMIN_TOKEN: server.adminToken, VOICEFILES_CONFIG_DIR: dir },
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        cwd: dir,
      });
      return { code, stdout, stderr };
    };
    try {
      const fileId = await uploadFor('cli-1', 'Brief.txt', 'Sehr geehrte Frau Weber');
      const exported = await cli('customer', 'export', 'cli-1', '--tenant', 'subjects');
      expect(exported.code, exported.stderr).toBe(0);
      const zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'customer-cli-1-export.zip')));
      expect(await zip.file(`files/${fileId}/Brief.txt`)!.async('string')).toBe('Sehr geehrte Frau Weber');
      expect((await cli('customer', 'erase', 'cli-1', '--tenant', 'subjects')).code).toBe(2);
      const erased = await cli('customer', 'erase', 'cli-1', '--tenant', 'subjects', '--yes');
      expect(erased.code, erased.stderr).toBe(0);
      expect(erased.stdout).toMatch(/^Erased 1 files of cli-1/);
      expect((await fetch(`${server.url}/v1/files/${fileId}`, { headers: auth() })).status).toBe(404);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
