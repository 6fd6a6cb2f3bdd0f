/**
 * Crash leftovers are swept. A server (its own process, PGlite, local blobs) is SIGKILLed in the
 * middle of an upload, which leaves a partial file in `.incoming/`; a blob written just before a
 * crash (so never recorded) and a content-type file without its blob are planted as such a crash
 * leaves them. After a restart the sweep removes exactly those, counts them by kind in /metrics,
 * and every acknowledged upload is still there, byte for byte. The same sweep on S3 (s3rver).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { migrate } from '../../adapters/postgres/migrate.ts';
import { PostgresBlobReferences } from '../../adapters/postgres/postgres.blob-references.ts';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { S3BlobStore } from '../../adapters/storage/s3.blob-store.ts';
import { sweepBlobLeftovers } from '../../src/pipeline/blob-leftovers.sweep.ts';
import { blobKeyFor } from '../../src/ports/blob-store.port.ts';
import { startChildServer, type ChildServer } from '../support/child-server.ts';
import { startS3rver } from '../support/s3rver.ts';

const children: ChildServer[] = [];
afterAll(() => {
  for (const child of children) child.process.kill('SIGKILL');
  for (const child of children) rmSync(child.dataDir, { recursive: true, force: true });
});

const METRICS_TOKEN = 'crash-leftovers-metrics-token-0123';
const settings = { SWEEP_SAFETY_MARGIN_SECONDS: '60', PIPELINE_WORKERS: 'false', METRICS_TOKEN };

async function call(server: ChildServer, method: string, route: string, auth: string, body?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${route}`, { method, headers: { authorization: `Bearer ${auth}`, 'content-type': body?.startsWith('{') ? 'application/json' : 'application/octet-stream' }, ...(body ? { body } : {}) });
  return (await res.json()) as Record<string, unknown>;
}

/** Start an upload that sends a first part and then waits; resolves once the server wrote some of it to disk. */
async function hangingUpload(server: ChildServer, apiKey: string, incoming: string): Promise<void> {
  const request = http.request(`${server.url}/v1/files?name=${encodeURIComponent('big report.txt')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/octet-stream', 'content-length': String(10 * 1024 * 1024) },
  });
  request.on('error', () => undefined);
  request.write(Buffer.alloc(1024 * 1024, 'a'));
  const deadline = Date.now() + 10_000;
  while (!(existsSync(incoming) && readdirSync(incoming).some((name) => statSync(path.join(incoming, name)).size > 0))) {
    if (Date.now() > deadline) throw new Error('the upload never reached the disk');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function age(file: string, seconds: number): void {
  const then = new Date(Date.now() - seconds * 1000);
  utimesSync(file, then, then);
}

async function metric(server: ChildServer, kind: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const match = new RegExp(`^voicefiles_sweep_removed_total\\{kind="${kind}"\\} (\\d+)`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}

describe('sweeps of crash leftovers', () => {
  it('after a SIGKILL mid-upload and a restart, the partial upload and unreferenced blobs are gone and every acknowledged upload is intact', async () => {
    const first = await startChildServer(settings);
    children.push(first);
    // No CLAMAV_URL here: the start says that scanning is optional, and what that means.
    expect(first.logs.some((entry) => entry.level === 40 && /SCAN_POLICY=optional: no virus scanner is configured/.test(String(entry.msg)))).toBe(true);
    const tenant = await call(first, 'POST', '/v1/tenants', first.masterKey, '{"slug":"crashy"}');
    const apiKey = String(tenant.api_key);
    const tenantId = String(tenant.id);
    const uploaded: Array<{ id: string; sha256: string; size: number }> = [];
    for (let i = 0; i < 3; i++) {
      const content = `acknowledged document ${i} ${randomBytes(8).toString('hex')}`;
      const res = await call(first, 'POST', `/v1/files?name=doc-${i}.txt`, apiKey, content);
      uploaded.push({ id: String(res.file_id), sha256: createHash('sha256').update(content).digest('hex'), size: Buffer.byteLength(content) });
    }
    const blobRoot = path.join(first.dataDir, 'blobs');
    const incoming = path.join(blobRoot, '.incoming');
    await hangingUpload(first, apiKey, incoming);
    first.process.kill('SIGKILL');
    await first.exited;

    // What a crash between writing a blob and committing its record leaves, plus a content-type file whose blob is gone.
    const unreferenced = path.join(blobRoot, ...blobKeyFor(tenantId, randomUUID()).split('/'));
    writeFileSync(unreferenced, 'written, never recorded');
    const orphanMeta = path.join(blobRoot, '.meta', ...blobKeyFor(tenantId, randomUUID()).split('/'));
    mkdirSync(path.dirname(orphanMeta), { recursive: true });
    writeFileSync(orphanMeta, '{"contentType":"text/plain"}');
    const notOurs = path.join(blobRoot, 'tenants', tenantId, 'README');
    writeFileSync(notOurs, 'not a blob key: never swept');
    // Older than the safety margin, as they would be after a long enough outage.
    const partial = readdirSync(incoming).map((name) => path.join(incoming, name));
    expect(partial.length).toBeGreaterThanOrEqual(1);
    for (const file of [...partial, unreferenced, orphanMeta, notOurs]) age(file, 120);
    const recent = path.join(blobRoot, ...blobKeyFor(tenantId, randomUUID()).split('/'));
    writeFileSync(recent, 'written a moment ago: its record may be about to commit');

    const second = await startChildServer({ ...settings, VOICEFILES_DATA_DIR: first.dataDir, VOICEFILES_MASTER_KEY: first.masterKey });
    children.push(second);
    const deadline = Date.now() + 20_000;
    while (!(await metric(second, 'unreferenced') >= 1) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await metric(second, 'unreferenced')).toBe(1);
    expect(await metric(second, 'incomplete')).toBe(partial.length + 1);
    expect(readdirSync(incoming)).toEqual([]);
    expect(existsSync(unreferenced)).toBe(false);
    expect(existsSync(orphanMeta)).toBe(false);
    expect(existsSync(notOurs)).toBe(true);
    expect(existsSync(recent)).toBe(true);
    // Every acknowledged upload: its record and its bytes.
    for (const file of uploaded) {
      const detail = await call(second, 'GET', `/v1/files/${file.id}`, apiKey);
      expect(detail).toMatchObject({ file_id: file.id, size: file.size });
    }
    const onDisk = readdirSync(path.join(blobRoot, 'tenants', tenantId, 'blobs')).map((name) =>
      createHash('sha256').update(readFileSync(path.join(blobRoot, 'tenants', tenantId, 'blobs', name))).digest('hex'),
    );
    for (const file of uploaded) expect(onDisk).toContain(file.sha256);
  }, 120_000);

  it('on S3 (s3rver): removes an object no record points at once past the margin, keeps referenced and recent ones', async () => {
    const s3 = await startS3rver();
    const db = await PgliteDatabase.open();
    try {
      await migrate(db);
      const blobs = new S3BlobStore({ bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
      const { rows } = await db.query("insert into tenants (slug, name, locale) values ('s3-sweep', 'S3', 'en') returning id");
      const tenantId = String(rows[0]?.id);
      const referencedKey = blobKeyFor(tenantId, randomUUID());
      await blobs.put(referencedKey, Readable.from([Buffer.from('kept')]));
      await new PostgresFileCatalog(db).recordIntake({
        tenantId, name: 'kept.txt', customerId: null, visibility: 'internal', mimeType: 'text/plain', extension: 'txt', kind: 'text',
        blob: { id: referencedKey.split('/').pop()!, sha256: createHash('sha256').update('kept').digest('hex'), size: 4, storageKey: referencedKey },
      });
      const orphanKey = blobKeyFor(tenantId, randomUUID());
      await blobs.put(orphanKey, Readable.from([Buffer.from('orphan')]));
      const references = new PostgresBlobReferences(db);
      // Inside the margin nothing goes; an hour later the orphan does.
      expect(await sweepBlobLeftovers({ blobs, references }, { safetyMarginMs: 60_000 })).toEqual({ incomplete: 0, unreferenced: 0, kept: 2 });
      const later = () => new Date(Date.now() + 3_600_000);
      expect(await sweepBlobLeftovers({ blobs, references, now: later }, { safetyMarginMs: 60_000 })).toEqual({ incomplete: 0, unreferenced: 1, kept: 1 });
      expect(await blobs.head(orphanKey)).toBeNull();
      expect(await blobs.head(referencedKey)).toMatchObject({ size: 4 });
      await blobs.close();
    } finally {
      await db.close();
      await s3.cleanup();
    }
  }, 60_000);
});
