import type { Category } from '../../src/domain/category.ts';
import type { FileKind, FileRecord, FileVersion, Visibility, VersionStatus } from '../../src/domain/file.ts';
import type { Row } from '../../src/ports/database.port.ts';

/** A file from its columns. */
export function toFile(row: Row): FileRecord {
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    name: String(row.name),
    title: (row.title as string | null) ?? null,
    customerId: (row.customer_id as string | null) ?? null,
    visibility: row.visibility as Visibility,
    currentVersion: Number(row.current_version),
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
    trashedAt: (row.trashed_at as Date | null | undefined) ?? null,
    purgeAfter: (row.purge_after as Date | null | undefined) ?? null,
    tags: Array.isArray(row.tags) ? (row.tags as string[]) : [],
    category: (row.category as Category | null | undefined) ?? null,
    downloads: Number(row.download_count ?? 0),
    lastAccessAt: (row.last_access_at as Date | null | undefined) ?? null,
  };
}

/** A version from plain columns, or from `v_`-prefixed ones in a detail row. */
export function toVersion(row: Row | undefined, prefix = ''): FileVersion {
  if (!row) throw new Error('expected a version row');
  const col = (name: string) => row[prefix + name];
  return {
    id: String(col('id')),
    tenantId: String(col('tenant_id')),
    fileId: String(col('file_id')),
    version: Number(col('version')),
    blobId: String(col('blob_id')),
    sha256: String(col('sha256')),
    // bigint: pg returns a string, PGlite a number.
    size: Number(col('size')),
    mimeType: String(col('mime_type')),
    extension: String(col('extension')),
    kind: col('kind') as FileKind,
    status: col('status') as VersionStatus,
    statusReason: (col('status_reason') as string | null) ?? null,
    createdAt: col('created_at') as Date,
    metadata: (col('metadata') as Record<string, unknown> | null) ?? {},
    uploadedBy: (col('uploaded_by') as string | null | undefined) ?? null,
    restoredFrom: col('restored_from') == null ? null : Number(col('restored_from')),
  };
}
