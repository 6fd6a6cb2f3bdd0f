import type { FileDetail } from '../domain/file.ts';

/** The structured view of a file that tools return (no storage keys, no hashes). */
export function fileSummary(detail: FileDetail): Record<string, unknown> {
  return {
    file_id: detail.file.id,
    name: detail.file.name,
    title: detail.file.title,
    kind: detail.current.kind,
    mime_type: detail.current.mimeType,
    size: detail.current.size,
    version: detail.current.version,
    version_count: detail.versionCount,
    status: detail.current.status,
    created_at: detail.file.createdAt.toISOString(),
    updated_at: detail.file.updatedAt.toISOString(),
    ...(typeof detail.current.metadata.pages === 'number' ? { pages: detail.current.metadata.pages } : {}),
  };
}

/** The fields speech rendering needs. */
export function spokenFacts(detail: FileDetail) {
  return {
    name: detail.file.name,
    title: detail.file.title,
    kind: detail.current.kind,
    mimeType: detail.current.mimeType,
    size: detail.current.size,
    createdAt: detail.file.createdAt,
    updatedAt: detail.file.updatedAt,
    versionCount: detail.versionCount,
    status: detail.current.status,
    statusReason: detail.current.statusReason,
    ...(typeof detail.current.metadata.pages === 'number' ? { pages: detail.current.metadata.pages } : {}),
  };
}
