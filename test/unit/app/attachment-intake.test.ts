/** storeAttachments on in-memory fakes: the intake rules per attachment, depth, idempotent retries. */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { storeAttachments, type AttachmentIntakeDeps } from '../../../src/app/intake/attachment-intake.ts';
import { ContentInspector } from '../../../src/app/intake/content-inspector.ts';
import { FileTypeContentSniffer } from '../../../adapters/sniff/file-type.content-sniffer.ts';
import type { AttachmentStore, RecordAttachmentInput, RecordAttachmentResult } from '../../../src/ports/attachment-store.port.ts';
import type { AuditEvent } from '../../../src/domain/audit.ts';
import type { BlobStore } from '../../../src/ports/blob-store.port.ts';
import type { ExtractedAttachment } from '../../../src/ports/extractor.port.ts';

const TENANT = randomUUID();
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

function fakes(depth = 0): { deps: AttachmentIntakeDeps; blobs: Map<string, Buffer>; recorded: RecordAttachmentInput[]; queued: string[]; audit: AuditEvent[] } {
  const blobs = new Map<string, Buffer>();
  const recorded: RecordAttachmentInput[] = [];
  const byPosition = new Map<string, RecordAttachmentResult>();
  const queued: string[] = [];
  const audit: AuditEvent[] = [];
  const blobStore = {
    async put(key: string, body: Readable) {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      blobs.set(key, Buffer.concat(chunks));
      return { size: blobs.get(key)!.length };
    },
    async delete(key: string) {
      blobs.delete(key);
    },
  } as unknown as BlobStore;
  const attachments: AttachmentStore = {
    async recordAttachment(input) {
      const key = `${input.parentVersionId}:${input.position}`;
      const known = byPosition.get(key);
      if (known) return { ...known, created: false };
      recorded.push(input);
      const now = new Date();
      const result: RecordAttachmentResult = {
        file: { id: randomUUID(), tenantId: input.tenantId, name: input.name, title: null, customerId: null, visibility: 'internal', currentVersion: 1, createdAt: now, updatedAt: now },
        version: { id: randomUUID(), tenantId: input.tenantId, fileId: '', version: 1, blobId: input.blob.id, sha256: input.blob.sha256, size: input.blob.size, mimeType: input.mimeType, extension: input.extension, kind: input.kind, status: 'stored', statusReason: null, createdAt: now, metadata: input.metadata },
        deduplicated: false,
        created: true,
      };
      byPosition.set(key, result);
      return result;
    },
    depthOf: async () => depth,
  };
  const deps: AttachmentIntakeDeps = {
    blobs: blobStore,
    attachments,
    audit: { append: async (event) => void audit.push(event), list: async () => [] },
    limits: { document: 1000, spreadsheet: 1000, text: 1000, audio: 1000, image: 1000 },
    inspect: (accepted, maxBytes) => new ContentInspector(accepted, maxBytes, new FileTypeContentSniffer()),
    maxDepth: 2,
    onStored: async (result) => void queued.push(result.version.id),
  };
  return { deps, blobs, recorded, queued, audit };
}

const attachment = (position: number, name: string, data: Buffer, declaredType = 'application/octet-stream'): ExtractedAttachment => ({
  name, declaredType, size: data.length, position, open: () => Readable.from([data]),
});
const parent = { tenantId: TENANT, fileId: randomUUID(), versionId: randomUUID(), context: { file_id: 'f', subject: 'Rechnung' } };

describe('storing e-mail attachments', () => {
  it('stores what the intake rules accept, refuses the rest by name, and queues each stored one', async () => {
    const { deps, blobs, recorded, queued, audit } = fakes();
    const outcomes = await storeAttachments(deps, parent, [
      attachment(0, 'Rechnung 4471.pdf', PDF),
      attachment(1, 'setup.exe', Buffer.from('MZ')),
      attachment(2, 'photo.png', PDF),
      attachment(3, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(2000)])),
      attachment(4, 'scan', PDF, 'application/pdf'),
      attachment(5, '../../etc/passwd.txt', Buffer.from('just text')),
      attachment(6, 'leer.txt', Buffer.alloc(0)),
    ]);
    expect(outcomes.map((o) => [o.name, o.status, o.reason])).toEqual([
      ['Rechnung 4471.pdf', 'stored', undefined],
      ['setup.exe', 'refused', 'type_not_allowed'],
      ['photo.png', 'refused', 'type_mismatch'],
      ['big.pdf', 'refused', 'payload_too_large'],
      ['scan.pdf', 'stored', undefined],
      ['.. .. etc passwd.txt', 'stored', undefined],
      ['leer.txt', 'refused', 'empty_upload'],
    ]);
    expect(recorded.map((r) => [r.name, r.mimeType, r.metadata])).toEqual([
      ['Rechnung 4471.pdf', 'application/pdf', { attachment_of: parent.context }],
      ['scan.pdf', 'application/pdf', { attachment_of: parent.context }],
      ['.. .. etc passwd.txt', 'text/plain', { attachment_of: parent.context }],
    ]);
    expect(blobs.size).toBe(3);
    expect(queued).toHaveLength(3);
    expect(audit.map((e) => e.action)).toEqual(['file.attachment', 'file.attachment', 'file.attachment']);
  });

  it('a retry stores nothing twice: the known position is reused and the new blob deleted', async () => {
    const { deps, blobs, recorded, queued } = fakes();
    const first = await storeAttachments(deps, parent, [attachment(0, 'a.pdf', PDF)]);
    const again = await storeAttachments(deps, parent, [attachment(0, 'a.pdf', PDF)]);
    expect(again[0]!.file_id).toBe(first[0]!.file_id);
    expect(recorded).toHaveLength(1);
    expect(blobs.size).toBe(1);
    expect(queued).toHaveLength(2); // sending is idempotent per version in the queue
  });

  it('lists but does not store attachments past the depth limit', async () => {
    const { deps, recorded } = fakes(2);
    expect(await storeAttachments(deps, parent, [attachment(0, 'deeper.eml', Buffer.from('Subject: x\r\n\r\nbody'))])).toEqual([
      { name: 'deeper.eml', size: 18, status: 'refused', reason: 'too_deep' },
    ]);
    expect(recorded).toHaveLength(0);
  });
});
