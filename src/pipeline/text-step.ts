import type { JobOutcome, JobPayload } from '../ports/job-queue.port.ts';
import type { VersionWork } from '../ports/processing-store.port.ts';
import { faultOutcome, rejectionReason } from './failures.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { moveVersion } from './version-moves.ts';

/**
 * The shared shape of the extract and transcribe jobs: take a version in
 * `extracting`, produce its text and metadata, move it to `indexing` and queue
 * the index job. A policy refusal ends the version `rejected`; a fault is retried.
 */
export async function runTextStep(
  deps: PipelineDeps,
  payload: JobPayload,
  step: 'extract' | 'transcribe',
  produce: (work: VersionWork) => Promise<{ text: string; metadata: Record<string, unknown> }>,
): Promise<JobOutcome> {
  const work = await deps.store.loadVersion(payload.tenantId, payload.versionId);
  if (!work) return { status: 'skipped', reason: 'version no longer exists' };
  if (work.version.status !== 'extracting') return { status: 'skipped', reason: `already ${work.version.status}` };
  const toIndexing = async (text: string, metadata: Record<string, unknown>): Promise<JobOutcome> => {
    await moveVersion(deps, work, { from: ['extracting'], to: 'indexing', text, metadata, nextJob: 'index' });
    return { status: 'done' };
  };
  try {
    const { text, metadata } = await produce(work);
    return await toIndexing(text, metadata);
  } catch (error) {
    const reason = rejectionReason(error);
    // An accepted type we cannot read text from (.doc, .odt, .rtf) is still a good file: findable by name.
    if (reason === 'unsupported') return toIndexing('', { text_extraction: 'unsupported' });
    if (reason) {
      await moveVersion(deps, work, { from: ['extracting'], to: 'rejected', reason });
      return { status: 'done' };
    }
    return faultOutcome(error, step);
  }
}
