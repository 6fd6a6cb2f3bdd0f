import { isDomainError } from '../domain/errors.ts';
import type { StatusReason } from '../domain/status-reasons.ts';
import type { JobName, JobOutcome, JobPayload } from '../ports/job-queue.port.ts';
import { runExtractJob } from './extract.job.ts';
import { runIndexJob } from './index.job.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { runScanJob } from './scan.job.ts';
import { runTranscribeJob } from './transcribe.job.ts';
import { moveVersion } from './version-moves.ts';

export interface PipelineConcurrency {
  scan: number;
  extract: number;
  transcribe: number;
  index: number;
}

/** The job a freshly stored version starts with; intake queues it in the transaction that records the version. */
export const FIRST_JOB: JobName = 'scan';

const HANDLERS: Record<JobName, (deps: PipelineDeps, payload: JobPayload) => Promise<JobOutcome>> = {
  scan: runScanJob,
  extract: runExtractJob,
  transcribe: runTranscribeJob,
  index: runIndexJob,
};

/** Middle states: a version in one of them has (or is owed) a job. */
const UNFINISHED = ['stored', 'scanning', 'extracting', 'indexing'] as const;

/** Register a worker per job with its own concurrency (a long transcription never blocks scans). */
export async function registerPipelineWorkers(deps: PipelineDeps, concurrency: PipelineConcurrency): Promise<void> {
  for (const name of Object.keys(HANDLERS) as JobName[]) {
    await deps.queue.work(name, { concurrency: concurrency[name] }, async (payload) => {
      const outcome = await HANDLERS[name](deps, payload).catch((error: unknown) => {
        // The database (or another service) away is expected now and then: the job is retried.
        if (isDomainError(error) && error.code === 'unavailable') deps.logger.warn({ err: error, job: name, version_id: payload.versionId }, 'job interrupted: a service it needs is unavailable; it is retried');
        else deps.logger.error({ err: error, job: name, version_id: payload.versionId }, 'job crashed');
        throw error;
      });
      if (outcome.status === 'failed') deps.logger.warn({ job: name, version_id: payload.versionId, reason: outcome.reason, retry: outcome.retry }, 'job failed');
      return outcome;
    });
  }
}

/**
 * The queue gave up on a job (tries used up, or not retryable): the version ends `failed` with
 * the reason. Except while the scanner is away: a scan that never ran says nothing about the
 * file, so the version keeps waiting in `scanning` and is scanned once the scanner is back
 * (ScannerWatch), however long that takes.
 */
export async function failVersion(deps: PipelineDeps, name: JobName, payload: JobPayload, reason: string): Promise<void> {
  const work = await deps.store.loadVersion(payload.tenantId, payload.versionId);
  if (!work) return;
  if (reason.startsWith('scanner_unavailable') && work.version.status === 'scanning') {
    deps.logger.warn({ version_id: work.version.id }, 'scan retries used up while the scanner is away; the version waits in scanning until it is back');
    return;
  }
  const code: StatusReason = reason.startsWith('scanner_unavailable') ? 'scanner_unavailable' : `${name}_failed`;
  await moveVersion(deps, work, { from: UNFINISHED, to: 'failed', reason: code, metadata: { failure: reason.slice(0, 500) } });
}

/**
 * Make sure every version left in a middle state has its job queued (sending is idempotent per
 * version), so none stays stuck: after a restart, and when the scanner comes back.
 */
export async function resumeUnfinished(deps: Pick<PipelineDeps, 'store' | 'queue'>, states: readonly (typeof UNFINISHED)[number][] = UNFINISHED): Promise<number> {
  let resumed = 0;
  for (const item of await deps.store.listInStates(states, 10_000)) {
    const payload = { tenantId: item.tenantId, versionId: item.versionId };
    if (item.status === 'stored' || item.status === 'scanning') await deps.queue.send('scan', payload);
    else if (item.status === 'indexing') await deps.queue.send('index', payload);
    else if (item.status === 'extracting') {
      const work = await deps.store.loadVersion(item.tenantId, item.versionId);
      if (work) await deps.queue.send(work.version.kind === 'audio' ? 'transcribe' : 'extract', payload);
    } else continue;
    resumed++;
  }
  return resumed;
}

/** Queue a scan for every version that went through `unscanned`; resolves to how many. */
export async function rescanUnscanned(deps: Pick<PipelineDeps, 'store' | 'queue'>): Promise<number> {
  const versions = await deps.store.listInStates(['unscanned'], 10_000);
  for (const item of versions) await deps.queue.send('scan', { tenantId: item.tenantId, versionId: item.versionId });
  return versions.length;
}
