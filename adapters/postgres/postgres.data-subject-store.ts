import type { AuditEvent } from '../../src/domain/audit.ts';
import type { VersionStatus } from '../../src/domain/file.ts';
import type { Database, Row } from '../../src/ports/database.port.ts';
import type { CustomerFile, DataSubjectStore, ErasureResult } from '../../src/ports/data-subject-store.port.ts';
import * as sql from './data-subject.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** DataSubjectStore on Postgres (server or PGlite). */
export class PostgresDataSubjectStore implements DataSubjectStore {
  constructor(private readonly db: Database) {}

  async customerFiles(tenantId: string, customerId: string): Promise<CustomerFile[]> {
    if (!isUuid(tenantId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_CUSTOMER_FILES, [tenantId, customerId]));
    return rows.map(toCustomerFile);
  }

  async erase(_tenantId: string, _customerId: string, _audit: (result: ErasureResult) => AuditEvent): Promise<ErasureResult> {
    throw new Error('not yet');
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
