/** The FileLabels contract: tags and the category of files. */
import { createHash, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { FileCatalog } from '../../src/ports/file-catalog.port.ts';
import type { FileLabels } from '../../src/ports/file-labels.port.ts';

export interface FileLabelsFixture {
  labels: FileLabels;
  catalog: FileCatalog;
  newTenant(): Promise<string>;
  /** Move a file to the trash from outside the port. */
  trash(tenantId: string, fileId: string): Promise<void>;
  auditCount(tenantId: string, action: string): Promise<number>;
}

async function newFile(catalog: FileCatalog, tenantId: string, name = 'Rechnung 4471.pdf'): Promise<string> {
  const blobId = randomUUID();
  const sha256 = createHash('sha256').update(randomUUID()).digest('hex');
  const recorded = await catalog.recordIntake({
    tenantId, name, customerId: null, visibility: 'internal',
    blob: { id: blobId, sha256, size: 10, storageKey: `tenants/${tenantId}/blobs/${blobId}` },
    mimeType: 'application/pdf', extension: 'pdf', kind: 'document',
  });
  return recorded.file.id;
}

/** Register the contract's tests in the current describe block. */
export function fileLabelsContract(fixture: () => FileLabelsFixture): void {
  it('a new file has no tags and no category; tags are replaced as a whole and audited with the change', async () => {
    const { labels, catalog, newTenant, auditCount } = fixture();
    const tenantId = await newTenant();
    const fileId = await newFile(catalog, tenantId);
    expect((await catalog.getFile({ tenantId, customerScope: null }, fileId))?.file).toMatchObject({ tags: [], category: null });
    const event = { tenantId, actor: 'test', role: 'staff', action: 'file.tags', target: fileId, outcome: 'ok' as const };
    expect(await labels.setTags(tenantId, fileId, ['steuer', 'q2'], event)).toMatchObject({ id: fileId, tags: ['steuer', 'q2'] });
    expect(await labels.setTags(tenantId, fileId, ['archiv'], event)).toMatchObject({ tags: ['archiv'] });
    expect((await catalog.getFile({ tenantId, customerScope: null }, fileId))?.file.tags).toEqual(['archiv']);
    expect(await auditCount(tenantId, 'file.tags')).toBe(2);
  });

  it('tags only live files of the tenant: another tenant, an unknown id or a trashed file give null', async () => {
    const { labels, catalog, newTenant, trash } = fixture();
    const tenantId = await newTenant();
    const other = await newTenant();
    const fileId = await newFile(catalog, tenantId);
    expect(await labels.setTags(other, fileId, ['x'])).toBeNull();
    expect(await labels.setTags(tenantId, randomUUID(), ['x'])).toBeNull();
    expect(await labels.setTags(tenantId, 'not-a-uuid', ['x'])).toBeNull();
    await trash(tenantId, fileId);
    expect(await labels.setTags(tenantId, fileId, ['x'])).toBeNull();
  });

  it('sets and clears the category', async () => {
    const { labels, catalog, newTenant } = fixture();
    const tenantId = await newTenant();
    const fileId = await newFile(catalog, tenantId);
    await labels.setCategory(tenantId, fileId, 'invoice');
    expect((await catalog.getFile({ tenantId, customerScope: null }, fileId))?.file.category).toBe('invoice');
    await labels.setCategory(tenantId, fileId, null);
    expect((await catalog.getFile({ tenantId, customerScope: null }, fileId))?.file.category).toBeNull();
    await expect(labels.setCategory(tenantId, randomUUID(), 'offer')).resolves.toBeUndefined();
  });
}
