import { DomainError } from '../../src/domain/errors.ts';
import type { AttachmentStore, RecordAttachmentInput, RecordAttachmentResult } from '../../src/ports/attachment-store.port.ts';
import type { Database, Transaction } from '../../src/ports/database.port.ts';
import type { JobQueue } from '../../src/ports/job-queue.port.ts';
import { toFile, toVersion } from './catalog-rows.ts';
import * as sql from './attachment-store.queries.ts';
import { inTenant, isUuid, sqlErrorOf } from './tenant-scope.ts';

const UNIQUE_VIOLATION = '23505';

/** AttachmentStore on Postgres (server or PGlite). */
export class PostgresAttachmentStore implements AttachmentStore {
  constructor(
    private readonly db: Database,
    /** The job queue in this same database: a new attachment's scan is queued in the transaction that records it. */
    private readonly links: { jobs?: Required<Pick<JobQueue, 'sendInTransaction'>> } = {},
  ) {}

  /**
   * One transaction: the file (visibility and customer of the message), the blob
   * (deduplicated), version 1 in `stored`, the link, and (when linked to the job
   * queue) its scan job. A second call for the same position, or one racing this
   * one, returns the file recorded first.
   */
  async recordAttachment(input: RecordAttachmentInput): Promise<RecordAttachmentResult> {
    if (!isUuid(input.tenantId) || !isUuid(input.parentVersionId)) throw new DomainError('file_not_found');
    const before = await this.recorded(input);
    if (before) return before;
    try {
      return await inTenant(this.db, input.tenantId, (tx) => this.insert(tx, input));
    } catch (error) {
      if (sqlErrorOf(error).code !== UNIQUE_VIOLATION) throw error;
      const raced = await this.recorded(input);
      if (!raced) throw error;
      return raced;
    }
  }

  async depthOf(tenantId: string, fileId: string): Promise<number> {
    if (!isUuid(tenantId) || !isUuid(fileId)) return 0;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_DEPTH, [tenantId, fileId]));
    return rows[0] ? Number(rows[0].depth) : 0;
  }

  private async recorded(input: RecordAttachmentInput): Promise<RecordAttachmentResult | null> {
    const { rows } = await inTenant(this.db, input.tenantId, (tx) => tx.query(sql.SELECT_RECORDED, [input.tenantId, input.parentVersionId, input.position]));
    const row = rows[0];
    return row ? { file: toFile(row), version: toVersion(row, 'v_'), deduplicated: false, created: false } : null;
  }

  private async insert(tx: Transaction, input: RecordAttachmentInput): Promise<RecordAttachmentResult> {
    const fileRows = await tx.query(sql.INSERT_FILE_LIKE_PARENT, [input.tenantId, input.parentVersionId, input.name]);
    if (!fileRows.rows[0]) throw new DomainError('file_not_found');
    const file = toFile(fileRows.rows[0]);
    const { blob } = input;
    const blobRows = await tx.query(sql.UPSERT_BLOB, [input.tenantId, blob.id, blob.sha256, blob.size, blob.storageKey]);
    const blobId = String(blobRows.rows[0]?.id);
    const versionRows = await tx.query(sql.INSERT_VERSION, [
      input.tenantId, file.id, blobId, blob.sha256, blob.size, input.mimeType, input.extension, input.kind, JSON.stringify(input.metadata),
    ]);
    await tx.query(sql.INSERT_LINK, [input.tenantId, file.id, input.parentVersionId, input.position]);
    const version = toVersion(versionRows.rows[0]);
    await this.links.jobs?.sendInTransaction(tx, 'scan', { tenantId: input.tenantId, versionId: version.id });
    return { file, version, deduplicated: blobId !== blob.id, created: true };
  }
}
