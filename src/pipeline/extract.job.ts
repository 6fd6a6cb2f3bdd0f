import type { JobOutcome, JobPayload } from '../ports/job-queue.port.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { runTextStep } from './text-step.ts';

/** Extract text and metadata from a scanned document, spreadsheet or text file (isolated, time- and memory-limited). */
export async function runExtractJob(deps: PipelineDeps, payload: JobPayload): Promise<JobOutcome> {
  return runTextStep(deps, payload, 'extract', async (work) => {
    const extraction = await deps.extractor.extract(await deps.blobs.get(work.storageKey), {
      mimeType: work.version.mimeType,
      size: work.version.size,
      maxTextBytes: deps.maxTextBytes,
    });
    return { text: extraction.text, metadata: { ...extraction.metadata, text_truncated: extraction.truncated } };
  });
}
