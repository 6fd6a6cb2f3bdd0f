/** Intake's quota checks on in-memory fakes: before the body is read, while it streams, and the callbacks. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FileTypeContentSniffer } from '../../../adapters/sniff/file-type.content-sniffer.ts';
import { ingestUpload, type IntakeDeps } from '../../../src/app/intake/intake.use-case.ts';
import type { Principal } from '../../../src/domain/principal.ts';
import type { TenantUsage } from '../../../src/domain/quota.ts';
import { MemoryBlobStore } from '../../support/fakes/memory.blob-store.ts';
import { MemoryFileCatalog } from '../../support/fakes/memory.catalog.ts';
import { MemoryAuditLog } from '../../support/fakes/memory.services.ts';
import { TENANT } from '../../support/fakes/unit-pipeline.ts';

const apiKey: Principal = { kind: 'api_key', tenantId: TENANT, keyId: 'key-1', locale: 'en' };

function intake(usage: Omit<TenantUsage, 'lastWarning'>) {
  const blobs = new MemoryBlobStore();
  const catalog = new MemoryFileCatalog();
  const refused: string[] = [];
  let bodyRead = false;
  const deps: IntakeDeps = {
    blobs, catalog, audit: new MemoryAuditLog(catalog.state.audit), sniffer: new FileTypeContentSniffer(),
    limits: { document: 1 << 20, spreadsheet: 1 << 20, text: 1 << 20, audio: 1 << 20, image: 1 << 20 }, firstJob: 'scan',
    quotas: { store: { usage: async () => ({ ...usage, lastWarning: null }) }, warnPercents: [80, 95], onRefused: (tenantId) => void refused.push(tenantId) },
  };
  const body = (chunks: string[]) =>
    Readable.from(
      (function* () {
        bodyRead = true;
        for (const chunk of chunks) yield Buffer.from(chunk);
      })(),
    );
  return { deps, blobs, catalog, refused, body, wasRead: () => bodyRead };
}

describe('intake with a quota', () => {
  it('refuses before reading the body when the declared size would pass the byte quota', async () => {
    const t = intake({ bytes: 90, files: 1, quota: { bytes: 100, files: null } });
    await expect(ingestUpload(t.deps, apiKey, { requestId: 'r' }, { name: 'a.txt', declaredLength: 11, body: t.body(['x'.repeat(11)]), signal: new AbortController().signal })).rejects.toMatchObject({
      code: 'quota_exceeded',
      message: 'This upload of 11 bytes would exceed the storage quota: 90 bytes of 100 bytes are used, 10 bytes are left.',
      details: { bytes: 90, quota_bytes: 100 },
    });
    expect(t.wasRead()).toBe(false);
    expect(t.blobs.objects.size).toBe(0);
    expect(t.refused).toEqual([TENANT]);
    expect(t.catalog.state.audit).toEqual([expect.objectContaining({ action: 'file.upload', outcome: 'denied', detail: { code: 'quota_exceeded' } })]);
  });

  it('cuts off a stream without a declared size once it passes what is left, leaving no blob', async () => {
    const t = intake({ bytes: 90, files: 1, quota: { bytes: 100, files: null } });
    await expect(ingestUpload(t.deps, apiKey, { requestId: 'r' }, { name: 'a.txt', body: t.body(['x'.repeat(6), 'x'.repeat(6)]), signal: new AbortController().signal })).rejects.toMatchObject({ code: 'quota_exceeded' });
    expect(t.blobs.objects.size).toBe(0);
  });

  it('refuses a new file at the file quota but takes what fits, and a tenant without a quota is not checked', async () => {
    const full = intake({ bytes: 0, files: 2, quota: { bytes: null, files: 2 } });
    await expect(ingestUpload(full.deps, apiKey, { requestId: 'r' }, { name: 'a.txt', body: full.body(['hello']), signal: new AbortController().signal })).rejects.toMatchObject({ code: 'quota_exceeded' });
    const fits = intake({ bytes: 90, files: 1, quota: { bytes: 100, files: null } });
    await expect(ingestUpload(fits.deps, apiKey, { requestId: 'r' }, { name: 'a.txt', body: fits.body(['x'.repeat(10)]), signal: new AbortController().signal })).resolves.toMatchObject({ version: { size: 10 } });
    const none = intake({ bytes: 10 ** 12, files: 10 ** 6, quota: { bytes: null, files: null } });
    await expect(ingestUpload(none.deps, apiKey, { requestId: 'r' }, { name: 'a.txt', body: none.body(['hello']), signal: new AbortController().signal })).resolves.toBeDefined();
  });
});
