import type { FileKind } from '../domain/file.ts';
import type { RecordIntakeResult } from './file-catalog.port.ts';

export interface RecordAttachmentInput {
  tenantId: string;
  /** The message version the attachment came out of. */
  parentVersionId: string;
  /** Its position among that version's attachments, from 0. */
  position: number;
  name: string;
  /** The blob just written; deduplicated per tenant by sha256 as at intake. */
  blob: { id: string; sha256: string; size: number; storageKey: string };
  mimeType: string;
  extension: string;
  kind: FileKind;
  /** Metadata the new version starts with (where it came from: `attachment_of`). */
  metadata: Record<string, unknown>;
}

export interface RecordAttachmentResult extends RecordIntakeResult {
  /** False when this (parent version, position) was recorded before: the existing file is returned, the caller deletes its blob. */
  created: boolean;
}

/** Files that came inside other files (e-mail attachments), each a file of its own linked to its message. */
export interface AttachmentStore {
  /**
   * Atomically record an attachment as a new file (same visibility and customer as
   * its message) with one `stored` version, linked to the parent version.
   * Idempotent per (parent version, position).
   */
  recordAttachment(input: RecordAttachmentInput): Promise<RecordAttachmentResult>;
  /** How deep a file sits in a chain of attachments: 0 for an upload, 1 for its attachment, ... */
  depthOf(tenantId: string, fileId: string): Promise<number>;
}
