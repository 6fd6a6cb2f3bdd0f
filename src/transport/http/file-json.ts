import type { FileDetail, FileVersion } from '../../domain/file.ts';
import { describeStatusReason } from '../../domain/status-reasons.ts';

/** The HTTP API's view of a file (snake_case, no storage keys or hashes). */
export function fileJson(detail: FileDetail): Record<string, unknown> {
  const { file, current } = detail;
  const reason = describeStatusReason(current.statusReason);
  return {
    file_id: file.id,
    name: file.name,
    title: file.title,
    customer_id: file.customerId,
    visibility: file.visibility,
    version: current.version,
    version_id: current.id,
    version_count: detail.versionCount,
    status: current.status,
    status_reason: reason?.code ?? null,
    status_message: reason?.message ?? null,
    size: current.size,
    mime_type: current.mimeType,
    kind: current.kind,
    metadata: current.metadata,
    created_at: file.createdAt.toISOString(),
    updated_at: file.updatedAt.toISOString(),
    trashed_at: file.trashedAt?.toISOString() ?? null,
    purge_after: file.purgeAfter?.toISOString() ?? null,
    tags: file.tags ?? [],
    category: file.category ?? null,
    downloads: file.downloads ?? 0,
    last_access_at: file.lastAccessAt?.toISOString() ?? null,
    ...(detail.shareAccess ? { share_access: detail.shareAccess.map((s) => ({ share_id: s.shareId, downloads: s.downloads, last_access_at: s.lastAccessAt.toISOString() })) } : {}),
  };
}

/** One version as the HTTP API shows it (`GET /v1/files/<id>/versions`). */
export function versionJson(version: FileVersion, currentVersion: number): Record<string, unknown> {
  const reason = describeStatusReason(version.statusReason);
  return {
    version: version.version,
    version_id: version.id,
    current: version.version === currentVersion,
    status: version.status,
    status_reason: reason?.code ?? null,
    status_message: reason?.message ?? null,
    size: version.size,
    sha256: version.sha256,
    mime_type: version.mimeType,
    kind: version.kind,
    uploaded_by: version.uploadedBy ?? null,
    restored_from: version.restoredFrom ?? null,
    created_at: version.createdAt.toISOString(),
  };
}
