import type { JobOutcome, JobPayload } from '../ports/job-queue.port.ts';
import { faultOutcome, rejectionReason } from './failures.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { moveVersion } from './version-moves.ts';

/** Extract text and metadata from a scanned document, spreadsheet or text file (isolated, time- and memory-limited). */
export async function runExtractJob(deps: PipelineDeps, payload: JobPayload): Promise<JobOutcome> {
  const work = await deps.store.loadVersion(payload.tenantId, payload.versionId);
  if (!work) return { status: 'skipped', reason: 'version no longer exists' };
  if (work.version.status !== 'extracting') return { status: 'skipped', reason: `already ${work.version.status}` };
  try {
    const extraction = await deps.extractor.extract(await deps.blobs.get(work.storageKey), {
      mimeType: work.version.mimeType,
      size: work.version.size,
      maxTextBytes: deps.maxTextBytes,
    });
    const moved = await moveVersion(deps, work, {
      from: ['extracting'],
      to: 'indexing',
      text: extraction.text,
      metadata: { ...extraction.metadata, text_truncated: extraction.truncated },
    });
    if (moved) await deps.queue.send('index', payload);
    return { status: 'done' };
  } catch (error) {
    const reason = rejectionReason(error);
    if (reason) {
      await moveVersion(deps, work, { from: ['extracting'], to: 'rejected', reason });
      return { status: 'done' };
    }
    return faultOutcome(error, 'extract');
  }
}
