import type { FileDetail } from '../../domain/file.ts';
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
  };
}
