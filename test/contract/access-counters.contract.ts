/** The AccessCounters contract: downloads and last access per file and per share, read through the catalog. */
import { createHash, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AccessCounters } from '../../src/ports/access-counters.port.ts';
import type { FileCatalog } from '../../src/ports/file-catalog.port.ts';

export interface AccessCountersFixture {
  counters: AccessCounters;
  catalog: FileCatalog;
  newTenant(): Promise<string>;
}

async function newFile(catalog: FileCatalog, tenantId: string): Promise<string> {
  const blobId = randomUUID();
  const recorded = await catalog.recordIntake({
    tenantId, name: 'a.pdf', customerId: null, visibility: 'internal',
    blob: { id: blobId, sha256: createHash('sha256').update(blobId).digest('hex'), size: 1, storageKey: `tenants/${tenantId}/blobs/${blobId}` },
    mimeType: 'application/pdf', extension: 'pdf', kind: 'document',
  });
  return recorded.file.id;
}

/** Register the contract's tests in the current describe block. */
export function accessCountersContract(fixture: () => AccessCountersFixture): void {
  it('counts downloads per file and per share, keeping the latest access', async () => {
    const { counters, catalog, newTenant } = fixture();
    const tenantId = await newTenant();
    const fileId = await newFile(catalog, tenantId);
    const staff = { tenantId, customerScope: null };
    expect((await catalog.getFile(staff, fileId))?.file).toMatchObject({ downloads: 0, lastAccessAt: null });
    expect((await catalog.getFile(staff, fileId))?.shareAccess).toEqual([]);
    const share = randomUUID();
    await counters.recordDownload(tenantId, fileId, { at: new Date('2026-03-01T10:00:00Z') });
    await counters.recordDownload(tenantId, fileId, { shareId: share, at: new Date('2026-03-02T10:00:00Z') });
    await counters.recordDownload(tenantId, fileId, { shareId: share, at: new Date('2026-03-01T12:00:00Z') });
    const detail = await catalog.getFile(staff, fileId);
    expect(detail?.file).toMatchObject({ downloads: 3, lastAccessAt: new Date('2026-03-02T10:00:00Z') });
    expect(detail?.shareAccess).toEqual([{ shareId: share, downloads: 2, lastAccessAt: new Date('2026-03-02T10:00:00Z') }]);
  });

  it('ignores unknown files and other tenants', async () => {
    const { counters, catalog, newTenant } = fixture();
    const tenantId = await newTenant();
    const other = await newTenant();
    const fileId = await newFile(catalog, tenantId);
    await counters.recordDownload(other, fileId, { shareId: randomUUID() });
    await counters.recordDownload(tenantId, randomUUID(), { shareId: randomUUID() });
    await counters.recordDownload(tenantId, 'nonsense');
    expect((await catalog.getFile({ tenantId, customerScope: null }, fileId))?.file.downloads).toBe(0);
  });
}
