import type { Description } from '../app/describe.use-case.ts';
import type { FileDetail } from '../domain/file.ts';
import type { DescribeFacts } from '../voice/describe-speech.ts';

type Meta = Record<string, unknown>;

const record = (value: unknown): Meta | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Meta) : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const positive = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);
const date = (value: unknown): Date | undefined => {
  const parsed = typeof value === 'string' ? new Date(value) : undefined;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
};

/** What the pipeline stored about an e-mail (`email`, see adapters/extract/email-message.ts). */
function emailOf(metadata: Meta) {
  const email = record(metadata.email);
  if (!email) return undefined;
  const from = record(email.from);
  const attachments = Array.isArray(email.attachments) ? email.attachments.length : (positive(email.attachmentCount) ?? 0);
  return { from: text(from?.name) ?? text(from?.address), subject: text(email.subject), date: date(email.date), attachments };
}

/** The message an attachment came with (`attachment_of`, see src/app/intake/attachment-intake.ts). */
function attachmentOf(metadata: Meta) {
  const origin = record(metadata.attachment_of);
  if (!origin) return undefined;
  return { fileId: text(origin.file_id), from: text(origin.from), subject: text(origin.subject), date: date(origin.date) };
}

function ocrOf(metadata: Meta) {
  const ocr = record(metadata.ocr);
  if (!ocr || !positive(ocr.pages)) return undefined;
  return { pages: ocr.pages as number, confidence: typeof ocr.confidence === 'number' ? ocr.confidence : null, language: text(ocr.language) ?? null };
}

/** The facts speech is made from. */
export function describeFacts(detail: FileDetail, description: Description | null): DescribeFacts {
  const { file, current } = detail;
  const metadata = current.metadata;
  const email = emailOf(metadata);
  const origin = attachmentOf(metadata);
  const pages = positive(metadata.pages);
  const duration = positive(metadata.durationSeconds);
  return {
    name: file.name,
    title: file.title ?? email?.subject ?? null,
    kind: current.kind,
    mimeType: current.mimeType,
    size: current.size,
    status: current.status,
    version: current.version,
    uploadedAt: current.createdAt,
    ...(pages !== undefined ? { pages } : {}),
    ...(duration !== undefined ? { durationSeconds: duration } : {}),
    scanned: metadata.scanned === true || (ocrOf(metadata) !== undefined && current.kind === 'document'),
    ...(email ? { email: { ...(email.from ? { from: email.from } : {}), ...(email.date ? { date: email.date } : {}), attachments: email.attachments } } : {}),
    ...(origin ? { attachmentOf: { ...(origin.from ? { from: origin.from } : {}), ...(origin.date ? { date: origin.date } : {}) } } : {}),
    content: description,
  };
}

/** The structured metadata describe returns next to its speech (no storage keys, hashes or raw metadata). */
export function describeData(detail: FileDetail, description: Description | null): Record<string, unknown> {
  const { file, current } = detail;
  const metadata = current.metadata;
  const email = emailOf(metadata);
  const origin = attachmentOf(metadata);
  const ocr = ocrOf(metadata);
  const sheets = Array.isArray(metadata.sheets) ? (metadata.sheets as unknown[]).map(String) : undefined;
  return {
    file_id: file.id,
    name: file.name,
    title: file.title,
    kind: current.kind,
    mime_type: current.mimeType,
    size: current.size,
    version: current.version,
    version_count: detail.versionCount,
    status: current.status,
    ready: current.status === 'ready',
    created_at: file.createdAt.toISOString(),
    updated_at: current.createdAt.toISOString(),
    ...(positive(metadata.pages) !== undefined ? { pages: metadata.pages } : {}),
    ...(sheets ? { sheets } : {}),
    ...(positive(metadata.durationSeconds) !== undefined ? { duration_seconds: metadata.durationSeconds } : {}),
    ...(text(metadata.language) ? { language: metadata.language } : {}),
    ...(email ? { email: { from: email.from ?? null, subject: email.subject ?? null, date: email.date?.toISOString() ?? null, attachment_count: email.attachments } } : {}),
    ...(origin ? { attachment_of: { file_id: origin.fileId ?? null, from: origin.from ?? null, subject: origin.subject ?? null, date: origin.date?.toISOString() ?? null } } : {}),
    ...(ocr ? { ocr } : {}),
    description: description
      ? {
          source: description.source,
          ...(description.sentence ? { sentence: description.sentence } : {}),
          ...(description.lead ? { lead: description.lead } : {}),
          ...(description.headings ? { headings: description.headings } : {}),
          ...(description.sheets ? { sheets: description.sheets } : {}),
          ...(description.figures ? { figures: description.figures } : {}),
        }
      : null,
  };
}
