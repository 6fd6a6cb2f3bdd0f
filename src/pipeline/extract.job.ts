import { storeAttachments, type AttachmentContext, type AttachmentOutcome } from '../app/intake/attachment-intake.ts';
import type { Extraction } from '../ports/extractor.port.ts';
import type { JobOutcome, JobPayload } from '../ports/job-queue.port.ts';
import type { VersionWork } from '../ports/processing-store.port.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { runTextStep } from './text-step.ts';

/**
 * Extract text and metadata from a scanned document, spreadsheet, text file,
 * image (OCR) or e-mail (isolated, time- and memory-limited). An e-mail's
 * attachments become files of their own, linked to it and queued for their own
 * scan; an attachment's text starts with where it came from, so "the invoice
 * Müller sent by e-mail" finds it.
 */
export async function runExtractJob(deps: PipelineDeps, payload: JobPayload): Promise<JobOutcome> {
  return runTextStep(deps, payload, 'extract', async (work) => {
    const extraction = await deps.extractor.extract(await deps.blobs.get(work.storageKey), {
      mimeType: work.version.mimeType,
      size: work.version.size,
      maxTextBytes: deps.maxTextBytes,
      locale: work.locale,
    });
    try {
      const metadata: Record<string, unknown> = { ...extraction.metadata, text_truncated: extraction.truncated };
      const attachments = await keepAttachments(deps, work, extraction);
      if (attachments !== null) metadata.email = { ...(metadata.email as Record<string, unknown> | undefined), attachments };
      return { text: withOrigin(work, extraction.text), metadata };
    } finally {
      await extraction.release?.();
    }
  });
}

async function keepAttachments(deps: PipelineDeps, work: VersionWork, extraction: Extraction): Promise<AttachmentOutcome[] | null> {
  const found = extraction.attachments;
  if (found === undefined || found.length === 0) return null;
  const email = (extraction.metadata.email ?? {}) as { subject?: string; from?: { name?: string; address?: string }; date?: string };
  const context: AttachmentContext = {
    file_id: work.file.id,
    ...(email.subject ? { subject: email.subject } : {}),
    ...(email.from ? { from: [email.from.name, email.from.address].filter(Boolean).join(' ') } : {}),
    ...(email.date ? { date: email.date } : {}),
  };
  if (!deps.attachmentIntake) return found.map((a) => ({ name: a.name, size: a.size, status: 'refused', reason: 'unsupported' }));
  return storeAttachments(deps.attachmentIntake, { tenantId: work.version.tenantId, fileId: work.file.id, versionId: work.version.id, context }, found);
}

/** An attachment's text begins with the message it came in, so the sender and subject find it too. */
function withOrigin(work: VersionWork, text: string): string {
  const origin = work.version.metadata.attachment_of as AttachmentContext | undefined;
  if (origin === undefined) return text;
  const parts = [origin.subject, origin.from, origin.date?.slice(0, 10)].filter(Boolean);
  return parts.length === 0 ? text : `E-mail attachment: ${parts.join(' · ')}\n\n${text}`;
}
