import { randomUUID } from 'node:crypto';
import type { Transform } from 'node:stream';
import { isDomainError } from '../../domain/errors.ts';
import { sanitizeFileName } from '../../domain/file-name.ts';
import { ACCEPTED_TYPES, BLOCKED_EXTENSIONS, extensionFor, extensionOf, type AcceptedType } from '../../domain/file-types.ts';
import type { FileKind } from '../../domain/file.ts';
import type { AttachmentStore, RecordAttachmentResult } from '../../ports/attachment-store.port.ts';
import type { AuditLog } from '../../ports/audit-log.port.ts';
import { blobKeyFor, type BlobStore } from '../../ports/blob-store.port.ts';
import type { ExtractedAttachment } from '../../ports/extractor.port.ts';

export interface AttachmentIntakeDeps {
  blobs: BlobStore;
  attachments: AttachmentStore;
  audit: AuditLog;
  /** Size limit per kind, as at intake. */
  limits: Record<FileKind, number>;
  /** Messages inside messages are followed this deep; deeper attachments are listed, not stored. */
  maxDepth: number;
  /**
   * The intake's content check as a pass-through stream (size limit, magic bytes
   * against the claimed type, sha256): the same one uploads go through.
   */
  inspect: (accepted: AcceptedType, maxBytes: number) => Transform & { readonly sha256: string; readonly size: number };
  /** Queue the first job of a stored attachment (idempotent per version). */
  onStored: (result: RecordAttachmentResult) => Promise<void>;
}

/** Where an attachment came from, kept in its version's metadata as `attachment_of` and prefixed to its text. */
export interface AttachmentContext {
  file_id: string;
  subject?: string;
  from?: string;
  date?: string;
}

/** What became of one attachment: listed in the message's metadata (`email.attachments`). */
export interface AttachmentOutcome {
  name: string;
  size: number;
  /** `stored`: a file of its own (then scanned, extracted, indexed); `refused`: not stored, `reason` says why. */
  status: 'stored' | 'refused';
  file_id?: string;
  reason?: string;
}

/** Attachment names come from strangers' mail programs: path separators and control characters become spaces. */
function attachmentName(attachment: ExtractedAttachment): string {
  // eslint-disable-next-line no-control-regex
  let name = attachment.name.replace(/[/\\\u0000-\u001F\u007F-\u009F]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (name === '' || name === '.' || name === '..') name = `attachment ${attachment.position + 1}`;
  const extension = extensionFor(attachment.declaredType);
  if (ACCEPTED_TYPES[extensionOf(name)] === undefined && extension !== undefined) name = `${name}.${extension}`;
  while (Buffer.byteLength(name, 'utf8') > 200) name = name.slice(0, -1);
  return sanitizeFileName(name);
}

/**
 * Store the attachments of one message version, each as a file of its own
 * linked to the message, through the intake rules (allow-list, magic bytes, size
 * per kind): a refused attachment is listed with its reason and costs nothing
 * else. Storage faults propagate (the job is retried; recording is idempotent
 * per position, so nothing is stored twice).
 */
export async function storeAttachments(
  deps: AttachmentIntakeDeps,
  parent: { tenantId: string; fileId: string; versionId: string; context: AttachmentContext },
  attachments: readonly ExtractedAttachment[],
): Promise<AttachmentOutcome[]> {
  const depth = await deps.attachments.depthOf(parent.tenantId, parent.fileId);
  const outcomes: AttachmentOutcome[] = [];
  for (const attachment of attachments) {
    const listed = { name: attachment.name, size: attachment.size };
    if (depth + 1 > deps.maxDepth) {
      outcomes.push({ ...listed, status: 'refused', reason: 'too_deep' });
      continue;
    }
    try {
      outcomes.push(await storeOne(deps, parent, attachment));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      outcomes.push({ ...listed, status: 'refused', reason: error.code });
    }
  }
  return outcomes;
}

async function storeOne(
  deps: AttachmentIntakeDeps,
  parent: { tenantId: string; versionId: string; context: AttachmentContext },
  attachment: ExtractedAttachment,
): Promise<AttachmentOutcome> {
  const name = attachmentName(attachment);
  const extension = extensionOf(name);
  const accepted = ACCEPTED_TYPES[extension];
  const refused = (reason: string): AttachmentOutcome => ({ name, size: attachment.size, status: 'refused', reason });
  if (BLOCKED_EXTENSIONS.has(extension) || accepted === undefined) return refused('type_not_allowed');
  const maxBytes = deps.limits[accepted.kind];
  if (attachment.size > maxBytes) return refused('payload_too_large');
  if (attachment.size === 0) return refused('empty_upload');

  const blobId = randomUUID();
  const storageKey = blobKeyFor(parent.tenantId, blobId);
  const inspector = deps.inspect(accepted, maxBytes);
  const source = attachment.open();
  source.on('error', (error) => inspector.destroy(error));
  inspector.on('error', () => undefined);
  source.pipe(inspector);
  await deps.blobs.put(storageKey, inspector, { contentType: accepted.mime });
  let result: RecordAttachmentResult;
  try {
    result = await deps.attachments.recordAttachment({
      tenantId: parent.tenantId,
      parentVersionId: parent.versionId,
      position: attachment.position,
      name,
      blob: { id: blobId, sha256: inspector.sha256, size: inspector.size, storageKey },
      mimeType: accepted.mime,
      extension,
      kind: accepted.kind,
      metadata: { attachment_of: parent.context },
    });
  } catch (error) {
    await deps.blobs.delete(storageKey).catch(() => undefined);
    throw error;
  }
  if (result.deduplicated || !result.created) await deps.blobs.delete(storageKey);
  if (result.created) {
    await deps.audit.append({
      tenantId: parent.tenantId,
      actor: 'pipeline',
      role: 'system',
      action: 'file.attachment',
      target: result.file.id,
      outcome: 'ok',
      detail: { parent_file_id: parent.context.file_id, parent_version_id: parent.versionId, version_id: result.version.id, size: result.version.size },
    });
  }
  await deps.onStored(result);
  return { name, size: inspector.size, status: 'stored', file_id: result.file.id };
}
