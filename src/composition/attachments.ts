import type { Config } from '../config.ts';
import type { AttachmentIntakeDeps } from '../app/intake/attachment-intake.ts';
import { ContentInspector } from '../app/intake/content-inspector.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { Database } from '../ports/database.port.ts';
import type { JobQueue } from '../ports/job-queue.port.ts';
import { PostgresAttachmentStore } from '../../adapters/postgres/postgres.attachment-store.ts';
import { FileTypeContentSniffer } from '../../adapters/sniff/file-type.content-sniffer.ts';

/** E-mail attachments become files of their own: stored like uploads, then queued for their scan. */
export function openAttachmentIntake(config: Config, db: Database, blobs: BlobStore, audit: AuditLog, queue: JobQueue & Required<Pick<JobQueue, 'sendInTransaction'>>): AttachmentIntakeDeps {
  const sniffer = new FileTypeContentSniffer();
  return {
    blobs,
    audit,
    // The scan is queued in the transaction that records the attachment (so a recorded attachment always has it).
    attachments: new PostgresAttachmentStore(db, { jobs: queue }),
    limits: config.uploadLimits,
    inspect: (accepted, maxBytes) => new ContentInspector(accepted, maxBytes, sniffer),
    maxDepth: config.pipeline.emailMaxDepth,
    onStored: async () => undefined,
  };
}
