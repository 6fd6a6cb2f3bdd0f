/** The AttachmentStore contract: every adapter passes these. */
import { createHash, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AttachmentStore, RecordAttachmentInput } from '../../src/ports/attachment-store.port.ts';

export interface AttachmentStoreFixture {
  store: AttachmentStore;
  /** A tenant with one uploaded message: its file and version, visibility `customer` for customer `cust-9`. */
  newMessage(): Promise<{ tenantId: string; fileId: string; versionId: string }>;
  /** The blob reference count of a sha256 in a tenant. */
  refCount(tenantId: string, sha256: string): Promise<number>;
}

const sha = (): string => createHash('sha256').update(randomBytes(16)).digest('hex');

function input(tenantId: string, parentVersionId: string, position: number, digest = sha()): RecordAttachmentInput {
  const id = crypto.randomUUID();
  return {
    tenantId,
    parentVersionId,
    position,
    name: `Rechnung ${position}.pdf`,
    blob: { id, sha256: digest, size: 10, storageKey: `tenants/${tenantId}/blobs/${id}` },
    mimeType: 'application/pdf',
    extension: 'pdf',
    kind: 'document',
    metadata: { attachment_of: { subject: 'Rechnung März' } },
  };
}

export function attachmentStoreContract(fixture: () => AttachmentStoreFixture): void {
  it('records an attachment as a file of its own, with the visibility and customer of its message, version 1 stored', async () => {
    const { store, newMessage } = fixture();
    const message = await newMessage();
    const recorded = await store.recordAttachment(input(message.tenantId, message.versionId, 0));
    expect(recorded.created).toBe(true);
    expect(recorded.file).toMatchObject({ name: 'Rechnung 0.pdf', visibility: 'customer', customerId: 'cust-9', currentVersion: 1 });
    expect(recorded.version).toMatchObject({ version: 1, status: 'stored', kind: 'document', metadata: { attachment_of: { subject: 'Rechnung März' } } });
    expect(recorded.file.id).not.toBe(message.fileId);
    expect(await store.depthOf(message.tenantId, recorded.file.id)).toBe(1);
    expect(await store.depthOf(message.tenantId, message.fileId)).toBe(0);
  });

  it('is idempotent per (message version, position), also when two runs race', async () => {
    const { store, newMessage } = fixture();
    const message = await newMessage();
    const [a, b] = await Promise.all([store.recordAttachment(input(message.tenantId, message.versionId, 1)), store.recordAttachment(input(message.tenantId, message.versionId, 1))]);
    expect(a.file.id).toBe(b.file.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const again = await store.recordAttachment(input(message.tenantId, message.versionId, 1));
    expect(again).toMatchObject({ created: false, file: { id: a.file.id } });
    expect((await store.recordAttachment(input(message.tenantId, message.versionId, 2))).file.id).not.toBe(a.file.id);
  });

  it('counts depth through attachments of attachments', async () => {
    const { store, newMessage } = fixture();
    const message = await newMessage();
    const first = await store.recordAttachment(input(message.tenantId, message.versionId, 0));
    const second = await store.recordAttachment(input(message.tenantId, first.version.id, 0));
    expect(await store.depthOf(message.tenantId, second.file.id)).toBe(2);
  });

  it('stores identical content once per tenant, counting references', async () => {
    const { store, newMessage, refCount } = fixture();
    const message = await newMessage();
    const digest = sha();
    const first = await store.recordAttachment(input(message.tenantId, message.versionId, 0, digest));
    const second = await store.recordAttachment(input(message.tenantId, message.versionId, 1, digest));
    expect([first.deduplicated, second.deduplicated]).toEqual([false, true]);
    expect(second.version.blobId).toBe(first.version.blobId);
    expect(await refCount(message.tenantId, digest)).toBe(2);
  });

  it('refuses a parent version of another tenant', async () => {
    const { store, newMessage } = fixture();
    const [mine, theirs] = [await newMessage(), await newMessage()];
    await expect(store.recordAttachment(input(mine.tenantId, theirs.versionId, 0))).rejects.toMatchObject({ code: 'file_not_found' });
  });
}
