import type { FileVersion } from '../domain/file.ts';
import type { VersionChange, VersionWork } from '../ports/processing-store.port.ts';
import type { PipelineDeps } from './pipeline-deps.ts';

/**
 * Move a version to its next state (compare-and-set), then audit and publish the
 * transition. Returns null when another run moved it first: the caller stops.
 */
export async function moveVersion(
  deps: Pick<PipelineDeps, 'store' | 'audit' | 'events' | 'logger'>,
  work: VersionWork,
  change: VersionChange,
): Promise<FileVersion | null> {
  const { tenantId, id: versionId, fileId } = work.version;
  const moved = await deps.store.advance(tenantId, versionId, change);
  if (!moved) return null;
  await deps.audit.append({
    tenantId,
    actor: 'pipeline',
    role: 'system',
    action: `version.${change.to}`,
    target: fileId,
    outcome: ['infected', 'rejected', 'failed'].includes(change.to) ? 'denied' : 'ok',
    detail: { version_id: versionId, version: moved.version, from: work.version.status, ...(change.reason ? { reason: change.reason } : {}) },
  });
  await deps.events
    .publish({ type: 'version.status', tenantId, data: { file_id: fileId, version_id: versionId, version: moved.version, status: moved.status, reason: moved.statusReason } })
    .catch((error: unknown) => deps.logger.warn({ err: error, version_id: versionId }, 'could not publish a version event'));
  deps.logger.info({ tenant: tenantId, file_id: fileId, version_id: versionId, status: moved.status, reason: moved.statusReason }, 'version moved');
  return moved;
}

/** The job that follows a clean scan, by kind of file (images are OCRed in `extract`). */
export function nextJobAfterScan(work: VersionWork): 'extract' | 'transcribe' | 'index' {
  if (work.version.kind === 'audio') return 'transcribe';
  return 'extract';
}
