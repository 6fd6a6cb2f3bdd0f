/** The FileCatalog contract: every adapter passes it. */
import { createHash, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { VisibilityFilter } from '../../src/domain/access.ts';
import type { Blob, Visibility } from '../../src/domain/file.ts';
import type { FileCatalog, RecordIntakeInput } from '../../src/ports/file-catalog.port.ts';

export interface FileCatalogFixture {
  catalog: FileCatalog;
  /** A new, empty tenant; resolves to its id. */
  newTenant(): Promise<string>;
  /** The tenant's blobs, read from outside the port (ref counts are not exposed by it). */
  blobsOf(tenantId: string): Promise<Blob[]>;
}

const sha = (content: string) => createHash('sha256').update(content).digest('hex');

function intake(tenantId: string, content: string, overrides: Partial<RecordIntakeInput> = {}): RecordIntakeInput {
  const blobId = randomUUID();
  return {
    tenantId,
    name: 'Financial Report Q2.pdf',
    customerId: null,
    visibility: 'internal',
    blob: { id: blobId, sha256: sha(content), size: Buffer.byteLength(content), storageKey: `tenants/${tenantId}/blobs/${blobId}` },
    mimeType: 'application/pdf',
    extension: 'pdf',
    kind: 'document',
    ...overrides,
  };
}

const staff = (tenantId: string): VisibilityFilter => ({ tenantId, customerScope: null });
const caller = (tenantId: string, customerId: string | null): VisibilityFilter => ({ tenantId, customerScope: { customerId } });

/** Register the contract's tests in the current describe block. */
export function fileCatalogContract(fixture: () => FileCatalogFixture): void {
  it('records a new file with version 1, stored, on a new blob', async () => {
    const { catalog, newTenant, blobsOf } = fixture();
    const tenantId = await newTenant();
    const input = intake(tenantId, 'first content', { customerId: 'cust-7', visibility: 'customer' });
    const { file, version, deduplicated } = await catalog.recordIntake(input);
    expect(deduplicated).toBe(false);
    expect(file).toMatchObject({ tenantId, name: 'Financial Report Q2.pdf', title: null, customerId: 'cust-7', visibility: 'customer', currentVersion: 1 });
    expect(file.createdAt).toBeInstanceOf(Date);
    expect(file.updatedAt).toBeInstanceOf(Date);
    expect(version).toMatchObject({
      tenantId, fileId: file.id, version: 1, blobId: input.blob.id, sha256: input.blob.sha256, size: input.blob.size,
      mimeType: 'application/pdf', extension: 'pdf', kind: 'document', status: 'stored', statusReason: null, metadata: {},
    });
    expect(typeof version.size).toBe('number');
    expect(await blobsOf(tenantId)).toEqual([
      { id: input.blob.id, tenantId, sha256: input.blob.sha256, size: input.blob.size, storageKey: input.blob.storageKey, refCount: 1 },
    ]);
  });

  it('adds a version to an existing file: current version, count and name follow, visibility stays', async () => {
    const { catalog, newTenant } = fixture();
    const tenantId = await newTenant();
    const first = await catalog.recordIntake(intake(tenantId, 'v1', { visibility: 'public' }));
    const second = await catalog.recordIntake(intake(tenantId, 'v2', { fileId: first.file.id, name: 'Financial Report Q2 final.pdf' }));
    expect(second.file).toMatchObject({ id: first.file.id, currentVersion: 2, name: 'Financial Report Q2 final.pdf', visibility: 'public' });
    expect(second.version.version).toBe(2);
    const detail = await catalog.getFile(staff(tenantId), first.file.id);
    expect(detail?.current.id).toBe(second.version.id);
    expect(detail?.versionCount).toBe(2);
    expect((await catalog.listVersions(tenantId, first.file.id)).map((v) => v.version)).toEqual([1, 2]);
    expect(await catalog.getVersion(tenantId, first.version.id)).toEqual(first.version);
  });

  it('deduplicates identical content within a tenant and counts references', async () => {
    const { catalog, newTenant, blobsOf } = fixture();
    const tenantId = await newTenant();
    const first = await catalog.recordIntake(intake(tenantId, 'same bytes'));
    const second = await catalog.recordIntake(intake(tenantId, 'same bytes', { name: 'Copy.pdf' }));
    const third = await catalog.recordIntake(intake(tenantId, 'same bytes', { fileId: first.file.id }));
    expect(second.deduplicated).toBe(true);
    expect(third.deduplicated).toBe(true);
    expect(second.file.id).not.toBe(first.file.id);
    expect(second.version.blobId).toBe(first.version.blobId);
    expect(third.version.blobId).toBe(first.version.blobId);
    const blobs = await blobsOf(tenantId);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]).toMatchObject({ id: first.version.blobId, refCount: 3 });
  });

  it('shares one blob between concurrent uploads of the same content', async () => {
    const { catalog, newTenant, blobsOf } = fixture();
    const tenantId = await newTenant();
    const results = await Promise.all([1, 2, 3].map((n) => catalog.recordIntake(intake(tenantId, 'popular attachment', { name: `Copy ${n}.pdf` }))));
    expect(results.filter((r) => !r.deduplicated)).toHaveLength(1);
    expect(new Set(results.map((r) => r.version.blobId)).size).toBe(1);
    expect((await blobsOf(tenantId)).map((blob) => blob.refCount)).toEqual([3]);
  });

  it('never shares a blob across tenants: the same content in two tenants is two blobs', async () => {
    const { catalog, newTenant, blobsOf } = fixture();
    const [a, b] = [await newTenant(), await newTenant()];
    const inA = await catalog.recordIntake(intake(a, 'shared secret'));
    const inB = await catalog.recordIntake(intake(b, 'shared secret'));
    expect(inB.deduplicated).toBe(false);
    expect(inB.version.blobId).not.toBe(inA.version.blobId);
    expect((await blobsOf(a)).map((blob) => blob.refCount)).toEqual([1]);
    expect((await blobsOf(b)).map((blob) => blob.refCount)).toEqual([1]);
  });

  it('refuses a new version of an unknown, malformed or other tenant file with file_not_found, writing nothing', async () => {
    const { catalog, newTenant, blobsOf } = fixture();
    const [a, b] = [await newTenant(), await newTenant()];
    const theirs = await catalog.recordIntake(intake(b, 'their file'));
    for (const fileId of [randomUUID(), 'not-a-uuid', theirs.file.id]) {
      await expect(catalog.recordIntake(intake(a, `attempt ${fileId}`, { fileId }))).rejects.toMatchObject({ name: 'DomainError', code: 'file_not_found' });
    }
    expect(await blobsOf(a)).toEqual([]);
    const after = await catalog.getFile(staff(b), theirs.file.id);
    expect(after?.file.currentVersion).toBe(1);
    expect(after?.versionCount).toBe(1);
  });

  it('applies visibility: staff and API keys see all; callers see public files and their own customer files', async () => {
    const { catalog, newTenant } = fixture();
    const tenantId = await newTenant();
    const make = async (visibility: Visibility, customerId: string | null) =>
      (await catalog.recordIntake(intake(tenantId, `${visibility}-${customerId}`, { visibility, customerId }))).file.id;
    const internal = await make('internal', 'c1');
    const mine = await make('customer', 'c1');
    const theirs = await make('customer', 'c2');
    const open = await make('public', null);
    const visible = async (filter: VisibilityFilter) => {
      const ids: string[] = [];
      for (const id of [internal, mine, theirs, open]) if (await catalog.getFile(filter, id)) ids.push(id);
      return ids;
    };
    expect(await visible(staff(tenantId))).toEqual([internal, mine, theirs, open]);
    expect(await visible(caller(tenantId, 'c1'))).toEqual([mine, open]);
    expect(await visible(caller(tenantId, null))).toEqual([open]);
    const page = await catalog.listFiles(tenantId, { visibility: caller(tenantId, 'c2'), limit: 10 });
    expect(page.files.map((d) => d.file.id).sort()).toEqual([theirs, open].sort());
  });

  it("answers null, never another tenant's file, for ids outside the tenant", async () => {
    const { catalog, newTenant } = fixture();
    const [a, b] = [await newTenant(), await newTenant()];
    const theirs = await catalog.recordIntake(intake(b, 'private', { visibility: 'public' }));
    expect(await catalog.getFile(staff(a), theirs.file.id)).toBeNull();
    expect(await catalog.getFile(staff(a), randomUUID())).toBeNull();
    expect(await catalog.getFile(staff(a), 'nope')).toBeNull();
    expect(await catalog.listVersions(a, theirs.file.id)).toEqual([]);
    expect(await catalog.getVersion(a, theirs.version.id)).toBeNull();
    expect((await catalog.listFiles(a, { visibility: staff(a), limit: 10 })).files).toEqual([]);
  });

  it('pages through files newest first without duplicates or gaps', async () => {
    const { catalog, newTenant } = fixture();
    const tenantId = await newTenant();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await catalog.recordIntake(intake(tenantId, `file ${i}`, { name: `File ${i}.pdf` }))).file.id);
    // A new version moves the oldest file to the front.
    await catalog.recordIntake(intake(tenantId, 'file 0 v2', { fileId: ids[0] }));
    const expected = [ids[0], ...ids.slice(1).reverse()];

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await catalog.listFiles(tenantId, { visibility: staff(tenantId), limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.files.length).toBeLessThanOrEqual(3);
      seen.push(...page.files.map((d) => d.file.id));
      cursor = page.nextCursor ?? undefined;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);

    const first = await catalog.listFiles(tenantId, { visibility: staff(tenantId), limit: 7 });
    expect(first.nextCursor).toBeNull();
    expect(first.files[0]).toMatchObject({ versionCount: 2, current: { version: 2 } });
  });

  it('rejects a cursor it did not issue with validation_failed', async () => {
    const { catalog, newTenant } = fixture();
    const tenantId = await newTenant();
    for (const cursor of ['garbage', Buffer.from('["1","x"]').toString('base64url')]) {
      await expect(catalog.listFiles(tenantId, { visibility: staff(tenantId), limit: 5, cursor })).rejects.toMatchObject({ code: 'validation_failed' });
    }
  });
}
