import type { VersionStatus } from '../../src/domain/file.ts';
import type { Locale } from '../../src/domain/tenant.ts';
import type { UploadFileStatus, UploadRequest, UploadRequestFile } from '../../src/domain/upload-request.ts';
import type { Database, Row } from '../../src/ports/database.port.ts';
import type { UploadRequestStore, UploadSlot, UploadSlotOutcome } from '../../src/ports/upload-request-store.port.ts';
import * as sql from './upload-request-store.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** UploadRequestStore on Postgres (server or PGlite). */
export class PostgresUploadRequestStore implements UploadRequestStore {
  constructor(private readonly db: Database) {}

  async create(r: UploadRequest): Promise<UploadRequest> {
    const { rows } = await inTenant(this.db, r.tenantId, (tx) =>
      tx.query(sql.INSERT_REQUEST, [
        r.id,
        r.tenantId,
        r.callKey,
        r.sessionId,
        r.actor,
        r.purpose,
        r.maxFiles,
        r.maxBytes,
        r.types,
        r.locale,
        r.progressToken === null ? null : JSON.stringify(r.progressToken),
        r.createdAt,
        r.deadline,
      ]),
    );
    return toRequest(rows[0]);
  }

  async get(tenantId: string, id: string): Promise<UploadRequest | null> {
    if (!isUuid(tenantId) || !isUuid(id)) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_REQUEST, [tenantId, id]));
    return rows[0] ? toRequest(rows[0]) : null;
  }

  async reserveSlot(tenantId: string, uploadId: string, slot: UploadSlot, maxFiles: number): Promise<UploadRequestFile | null> {
    if (!isUuid(tenantId) || !isUuid(uploadId)) return null;
    return inTenant(this.db, tenantId, async (tx) => {
      const locked = await tx.query(sql.LOCK_REQUEST, [tenantId, uploadId]);
      if (locked.rows.length === 0) return null;
      const { rows } = await tx.query(sql.COUNT_LIVE_SLOTS, [tenantId, uploadId]);
      if (Number(rows[0]?.n ?? 0) >= maxFiles) return null;
      const inserted = await tx.query(sql.INSERT_SLOT, [tenantId, uploadId, slot.blobId, slot.name, slot.declaredSize, slot.extension]);
      return toFile(inserted.rows[0]);
    });
  }

  async claimSlot(tenantId: string, uploadId: string, blobId: string, release = false): Promise<boolean> {
    if (!isUuid(tenantId) || !isUuid(uploadId) || !isUuid(blobId)) return false;
    const { rowCount } = await inTenant(this.db, tenantId, (tx) => tx.query(release ? sql.RELEASE_SLOT : sql.CLAIM_SLOT, [tenantId, uploadId, blobId]));
    return rowCount > 0;
  }

  async completeSlot(tenantId: string, uploadId: string, blobId: string, outcome: UploadSlotOutcome): Promise<UploadRequestFile | null> {
    if (!isUuid(tenantId) || !isUuid(uploadId) || !isUuid(blobId)) return null;
    const values = 'refusal' in outcome ? [null, null, outcome.refusal] : [outcome.fileId, outcome.versionId, null];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.COMPLETE_SLOT, [tenantId, uploadId, blobId, ...values]));
    return rows[0] ? toFile(rows[0]) : null;
  }

  async files(tenantId: string, uploadId: string): Promise<UploadFileStatus[]> {
    if (!isUuid(tenantId) || !isUuid(uploadId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_FILES, [tenantId, uploadId]));
    return rows.map(toFileStatus);
  }

  async listForCall(tenantId: string, callKey: string): Promise<UploadRequest[]> {
    if (!isUuid(tenantId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_FOR_CALL, [tenantId, callKey]));
    return rows.map(toRequest);
  }

  async findByFile(tenantId: string, fileId: string): Promise<{ request: UploadRequest; file: UploadFileStatus } | null> {
    if (!isUuid(tenantId) || !isUuid(fileId)) return null;
    return inTenant(this.db, tenantId, async (tx) => {
      const { rows } = await tx.query(sql.FIND_BY_FILE, [tenantId, fileId]);
      if (!rows[0]) return null;
      const file = toFileStatus(rows[0]);
      const request = await tx.query(sql.SELECT_REQUEST, [tenantId, file.uploadId]);
      return request.rows[0] ? { request: toRequest(request.rows[0]), file } : null;
    });
  }
}

function toRequest(row: Row | undefined): UploadRequest {
  if (!row) throw new Error('expected an upload request row');
  const token = row.progress_token as unknown;
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    callKey: String(row.call_key),
    sessionId: String(row.session_id),
    actor: String(row.actor),
    purpose: String(row.purpose),
    maxFiles: Number(row.max_files),
    maxBytes: Number(row.max_bytes),
    types: (row.types as string[]) ?? [],
    locale: row.locale as Locale,
    progressToken: typeof token === 'string' || typeof token === 'number' ? token : null,
    createdAt: row.created_at as Date,
    deadline: row.deadline as Date,
    closedAt: (row.closed_at as Date | null) ?? null,
  };
}

function toFile(row: Row | undefined): UploadRequestFile {
  if (!row) throw new Error('expected an upload file row');
  return {
    uploadId: String(row.upload_id),
    blobId: String(row.blob_id),
    name: String(row.name),
    declaredSize: Number(row.declared_size),
    extension: String(row.extension),
    fileId: row.file_id === null ? null : String(row.file_id),
    versionId: row.version_id === null ? null : String(row.version_id),
    refusal: (row.refusal as string | null) ?? null,
    createdAt: row.created_at as Date,
    completedAt: (row.completed_at as Date | null) ?? null,
  };
}

function toFileStatus(row: Row): UploadFileStatus {
  return { ...toFile(row), versionStatus: (row.version_status as VersionStatus | null) ?? null, statusReason: (row.status_reason as string | null) ?? null };
}
