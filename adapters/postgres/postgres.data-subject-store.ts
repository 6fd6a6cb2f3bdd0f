import type { AuditEvent } from '../../src/domain/audit.ts';
import type { VersionStatus } from '../../src/domain/file.ts';
import type { Database, Row } from '../../src/ports/database.port.ts';
import type { CustomerFile, DataSubjectStore, ErasureResult } from '../../src/ports/data-subject-store.port.ts';
import { INSERT_EVENT } from './audit-log.queries.ts';
import * as sql from './data-subject.queries.ts';
import { auditEventParams } from './postgres.audit-log.ts';
import * as purge from './purge-store.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** DataSubjectStore on Postgres (server or PGlite). */
export class PostgresDataSubjectStore implements DataSubjectStore {
  constructor(private readonly db: Database) {}

  async customerFiles(tenantId: string, customerId: string): Promise<CustomerFile[]> {
    if (!isUuid(tenantId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_CUSTOMER_FILES, [tenantId, customerId]));
    return rows.map(toCustomerFile);
  }

  /**
   * One transaction: the customer's files are locked and split by the holds covering them; the
   * unheld ones go with their versions (extracted text, descriptions), search documents,
   * attachment links, counters and share codes, plus the upload requests that brought them;
   * blobs left unreferenced are deleted and their keys queued in blob_deletions (the purge
   * job deletes the bytes if the caller does not); the audit events about them are redacted
   * through vf_redact_audit_events (migration 058); then the erasure's own event is written.
   */
  async erase(tenantId: string, customerId: string, audit: (result: ErasureResult) => AuditEvent): Promise<ErasureResult> {
    const empty: ErasureResult = { erasedFiles: [], heldFiles: [], removedUploadRequests: 0, removedShares: 0, redactedAuditEvents: 0, orphanedBlobKeys: [] };
    if (!isUuid(tenantId)) return empty;
    return inTenant(this.db, tenantId, async (tx) => {
      const { rows } = await tx.query(sql.LOCK_CUSTOMER_FILES, [tenantId, customerId]);
      const heldFiles = rows.filter((r) => r.hold_id != null).map((r) => ({ fileId: String(r.id), holdId: String(r.hold_id), reason: String(r.hold_reason) }));
      const erasedFiles = rows.filter((r) => r.hold_id == null).map((r) => String(r.id));
      const held = heldFiles.map((h) => h.fileId);
      const requests = (await tx.query(sql.DELETE_UPLOAD_REQUESTS, [tenantId, erasedFiles, held])).rows.map((r) => String(r.id));
      const shares = (await tx.query(sql.SELECT_SHARES, [tenantId, erasedFiles])).rows.map((r) => String(r.id));
      await tx.query(sql.DELETE_SHARE_CONFIRMATIONS, [tenantId, erasedFiles]);
      await tx.query(sql.DELETE_ACCESS_CODES, [tenantId, [...shares, ...erasedFiles], requests]);
      let orphanedBlobKeys: string[] = [];
      if (erasedFiles.length > 0) {
        const touched = (await tx.query(purge.DELETE_VERSIONS_AND_RELEASE_BLOBS, [tenantId, erasedFiles])).rows.map((r) => String(r.id));
        await tx.query(purge.DELETE_FILES, [tenantId, erasedFiles]);
        orphanedBlobKeys = (await tx.query(purge.DELETE_UNREFERENCED_BLOBS, [tenantId, touched])).rows.map((r) => String(r.storage_key));
      }
      // Events about the customer itself lose its id only when nothing of it is kept under a hold.
      const targets = [...erasedFiles, ...shares, ...requests, ...(heldFiles.length === 0 ? [customerId] : [])];
      const redacted = await tx.query(sql.REDACT_AUDIT, [tenantId, targets, heldFiles.length === 0 ? customerId : null]);
      const result: ErasureResult = {
        erasedFiles,
        heldFiles,
        removedUploadRequests: requests.length,
        removedShares: shares.length,
        redactedAuditEvents: Number(redacted.rows[0]?.redacted ?? 0),
        orphanedBlobKeys,
      };
      await tx.query(INSERT_EVENT, auditEventParams(audit(result)));
      return result;
    });
  }
}

function toCustomerFile(row: Row): CustomerFile {
  return {
    fileId: String(row.file_id),
    name: String(row.name),
    version: Number(row.current_version),
    versionCount: Number(row.version_count),
    versionId: String(row.version_id),
    status: row.status as VersionStatus,
    sha256: String(row.sha256),
    size: Number(row.size),
    mimeType: String(row.mime_type),
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
    versionCreatedAt: row.version_created_at as Date,
    storageKey: String(row.storage_key),
    quarantined: row.quarantined === true,
  };
}
