import type { FileVersion, VersionStatus } from '../domain/file.ts';
import type { StatusReason } from '../domain/status-reasons.ts';
import type { JobName } from '../ports/job-queue.port.ts';
import type { VersionMove, VersionWork } from '../ports/processing-store.port.ts';
import type { PipelineDeps } from './pipeline-deps.ts';

/** What a job decides about a version; `moveVersion` adds the audit event and the published event. */
export interface VersionChange {
  /** Compare-and-set: only applies while the version is in one of these states. */
  from: readonly VersionStatus[];
  to: VersionStatus;
  /** Reason code for terminal failures, from the one table (`src/domain/status-reasons.ts`); undefined keeps the current one. */
  reason?: StatusReason | null;
  metadata?: Record<string, unknown>;
  text?: string;
  /** Quarantine the version's blob with this reason, in the same transaction. */
  quarantine?: string;
  /** The job that follows, queued in the same transaction. */
  nextJob?: JobName;
}

/** Statuses that refuse the content: their audit outcome is `denied`. */
const REFUSED: ReadonlySet<VersionStatus> = new Set(['infected', 'rejected', 'failed']);

/**
 * Move a version to its next state: the state, its next job, its audit event and its
 * published event commit together (ProcessingStore.moveVersion). Returns null when
 * another run moved it first: the caller stops, and nothing was written.
 */
export async function moveVersion(deps: Pick<PipelineDeps, 'store' | 'logger'>, work: VersionWork, change: VersionChange): Promise<FileVersion | null> {
  const moved = await deps.store.moveVersion(versionMove(work, change));
  if (!moved) return null;
  const { tenantId, id: versionId, fileId } = work.version;
  deps.logger.info({ tenant: tenantId, file_id: fileId, version_id: versionId, status: moved.status, reason: moved.statusReason }, 'version moved');
  return moved;
}

/** The whole move: the change plus the audit event and the bus event that describe it. */
export function versionMove(work: VersionWork, change: VersionChange): VersionMove {
  const { tenantId, id: versionId, fileId, version } = work.version;
  const reason = change.reason !== undefined ? change.reason : work.version.statusReason;
  return {
    tenantId,
    versionId,
    from: change.from,
    to: change.to,
    ...(change.reason !== undefined ? { reason: change.reason } : {}),
    ...(change.metadata ? { metadata: change.metadata } : {}),
    ...(change.text !== undefined ? { text: change.text } : {}),
    ...(change.quarantine ? { quarantine: { blobId: work.version.blobId, reason: change.quarantine } } : {}),
    ...(change.nextJob ? { nextJob: change.nextJob } : {}),
    audit: {
      tenantId,
      actor: 'pipeline',
      role: 'system',
      action: `version.${change.to}`,
      target: fileId,
      outcome: REFUSED.has(change.to) ? 'denied' : 'ok',
      detail: { version_id: versionId, version, from: work.version.status, ...(change.reason ? { reason: change.reason } : {}) },
    },
    event: { type: 'version.status', tenantId, data: { file_id: fileId, version_id: versionId, version, status: change.to, reason } },
  };
}

/** The job that follows a clean scan, by kind of file (images are OCRed in `extract`). */
export function nextJobAfterScan(work: VersionWork): 'extract' | 'transcribe' | 'index' {
  if (work.version.kind === 'audio') return 'transcribe';
  return 'extract';
}

/** The state a version waits in for `job`. */
export function stateBefore(job: 'extract' | 'transcribe' | 'index'): 'extracting' | 'indexing' {
  return job === 'index' ? 'indexing' : 'extracting';
}
