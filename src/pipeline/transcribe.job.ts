import type { Locale } from '../domain/tenant.ts';
import type { JobOutcome, JobPayload } from '../ports/job-queue.port.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { runTextStep } from './text-step.ts';

/**
 * Recordings: duration and codec first, then a transcript. Its own job so a long
 * recording never holds up the scans of other files.
 */
export async function runTranscribeJob(deps: PipelineDeps, payload: JobPayload): Promise<JobOutcome> {
  return runTextStep(deps, payload, 'transcribe', async (work) => {
    const probe = await deps.extractor.extract(await deps.blobs.get(work.storageKey), {
      mimeType: work.version.mimeType,
      size: work.version.size,
      maxTextBytes: deps.maxTextBytes,
    });
    const { text, transcript } = await transcribe(deps, work.storageKey, work.version.mimeType, work.locale);
    return { text, metadata: { ...probe.metadata, ...transcript } };
  });
}

/**
 * The transcript, or a note of why there is none. A recording a transcriber cannot
 * handle (language without a model, unreadable audio) is still indexed by name and
 * metadata; only faults worth retrying propagate.
 */
async function transcribe(deps: PipelineDeps, storageKey: string, mimeType: string, locale: Locale): Promise<{ text: string; transcript: Record<string, unknown> }> {
  if (!deps.transcriber) return { text: '', transcript: { transcript: 'unavailable' } };
  try {
    const result = await deps.transcriber.transcribe({ storageKey, mimeType, locale });
    return {
      text: capText(result.text, deps.maxTextBytes),
      transcript: { transcript: deps.transcriber.name, language: result.language, ...(result.durationSeconds === null ? {} : { durationSeconds: result.durationSeconds }) },
    };
  } catch (error) {
    const { code, reason, retryable } = error as { code?: unknown; reason?: unknown; retryable?: unknown };
    if (retryable !== false) throw error;
    return { text: '', transcript: { transcript: 'none', transcript_problem: typeof reason === 'string' ? reason : String(code ?? 'failed') } };
  }
}

function capText(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= maxBytes ? text : bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
}
