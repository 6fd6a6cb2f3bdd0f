import type { Locale } from '../domain/tenant.ts';
import type { JobOutcome, JobPayload } from '../ports/job-queue.port.ts';
import { faultOutcome, rejectionReason } from './failures.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { moveVersion } from './version-moves.ts';

/**
 * Recordings: duration and codec first, then a transcript. Its own job so a long
 * recording never holds up the scans of other files.
 */
export async function runTranscribeJob(deps: PipelineDeps, payload: JobPayload): Promise<JobOutcome> {
  const work = await deps.store.loadVersion(payload.tenantId, payload.versionId);
  if (!work) return { status: 'skipped', reason: 'version no longer exists' };
  if (work.version.status !== 'extracting') return { status: 'skipped', reason: `already ${work.version.status}` };
  try {
    const probe = await deps.extractor.extract(await deps.blobs.get(work.storageKey), {
      mimeType: work.version.mimeType,
      size: work.version.size,
      maxTextBytes: deps.maxTextBytes,
    });
    const { text, transcript } = await transcribe(deps, work.storageKey, work.version.mimeType, work.locale);
    const moved = await moveVersion(deps, work, { from: ['extracting'], to: 'indexing', text, metadata: { ...probe.metadata, ...transcript } });
    if (moved) await deps.queue.send('index', payload);
    return { status: 'done' };
  } catch (error) {
    const reason = rejectionReason(error);
    if (reason) {
      await moveVersion(deps, work, { from: ['extracting'], to: 'rejected', reason });
      return { status: 'done' };
    }
    return faultOutcome(error, 'transcribe');
  }
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
