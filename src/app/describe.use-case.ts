import { DomainError } from '../domain/errors.ts';
import type { FileDetail } from '../domain/file.ts';
import type { Principal } from '../domain/principal.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { Describer, Description, DescriptionCache, DescribeSubject } from '../ports/describer.port.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { ProcessingStore } from '../ports/processing-store.port.ts';
import { fileForPrompt } from '../voice/describe-speech.ts';
import { visibilityFilterFor } from '../domain/access.ts';

/** Describers read the head of a text (the extractive one 20,000 characters, Bedrock 12,000): a 1 MB text is not fetched whole per call. */
const DESCRIBE_TEXT_CHARS = 20_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What describing a file needs. */
export interface DescribeDeps {
  catalog: Pick<FileCatalog, 'getFile'>;
  /** The version's extracted text and, for a document source, its blob key. */
  processing: Pick<ProcessingStore, 'loadVersion' | 'extractedText'>;
  /** The configured describer (extractive or a model). */
  describer: Describer;
  /** What answers when `describer` fails or is too slow: the extractive describer. */
  fallback: Describer;
  /** Where a model's document comes from (the BlobStore's optional `documentSource`). */
  blobs?: Pick<BlobStore, 'capabilities' | 'documentSource'>;
  /** Remembers a model's descriptions per version; extractive ones are cheaper to redo than to store. */
  cache?: DescriptionCache;
  /** How long a describe call waits for `describer` before answering with `fallback`. */
  timeoutMs: number;
  /**
   * How long a model call that missed `timeoutMs` may go on in the background to fill the
   * cache for the next caller; default 30 s. 0 aborts it at the timeout.
   */
  backgroundMs?: number;
  /** Failures that were answered by the fallback (logged, not spoken). */
  onFault?(error: unknown, context: { describer: string; versionId: string }): void;
}

export interface DescribedFile {
  detail: FileDetail;
  /** Null unless the version is ready: nothing of an unchecked or blocked file's content is described. */
  description: Description | null;
  /** What produced `description`: the describer's id, `cache`, or the fallback's id. */
  via: string | null;
}

/** A file as this principal may see it, and when it is ready, what it says. */
export async function describeFile(deps: DescribeDeps, principal: Principal, fileId: string): Promise<DescribedFile> {
  if (!UUID.test(fileId)) throw new DomainError('file_not_found');
  const detail = await deps.catalog.getFile(visibilityFilterFor(principal), fileId.toLowerCase());
  if (!detail) throw new DomainError('file_not_found');
  if (detail.current.status !== 'ready') return { detail, description: null, via: null };
  if (deps.describer === deps.fallback) return { detail, description: await deps.fallback.describe(await subjectOf(deps, detail, principal)), via: deps.fallback.id };
  // The cache first: a remembered description needs neither the text nor the model.
  const cached = await deps.cache?.get(detail.file.tenantId, detail.current.id, deps.describer.id, principal.locale).catch((error: unknown) => {
    deps.onFault?.(error, { describer: 'cache', versionId: detail.current.id });
    return null;
  });
  if (cached) return { detail, description: cached, via: 'cache' };
  const subject = await subjectOf(deps, detail, principal);
  const described = await withinTimeout(deps, subject);
  if (described) return { detail, description: described, via: deps.describer.id };
  return { detail, description: await deps.fallback.describe(subject), via: deps.fallback.id };
}

async function subjectOf(deps: DescribeDeps, detail: FileDetail, principal: Principal): Promise<DescribeSubject> {
  const { file, current } = detail;
  const text = await deps.processing.extractedText(file.tenantId, current.id, DESCRIBE_TEXT_CHARS);
  const subject: DescribeSubject = {
    tenantId: file.tenantId,
    fileId: file.id,
    versionId: current.id,
    name: file.name,
    title: file.title,
    kind: current.kind,
    mimeType: current.mimeType,
    size: current.size,
    locale: principal.locale,
    metadata: current.metadata,
    text,
    spoken: fileForPrompt(principal.locale, {
      name: file.name, title: file.title, kind: current.kind, mimeType: current.mimeType,
      ...numeric('pages', current.metadata.pages), ...numeric('durationSeconds', current.metadata.durationSeconds), ...numeric('sheetCount', current.metadata.sheetCount),
    }),
  };
  const { blobs } = deps;
  const capability = blobs?.capabilities.documentSource;
  if (blobs?.documentSource && capability) {
    subject.document = async (request) => {
      const work = await deps.processing.loadVersion(file.tenantId, current.id);
      if (!work || work.quarantined) throw new DomainError('file_not_found');
      return blobs.documentSource!(work.storageKey, { ...request, s3Location: request.s3Location && capability.s3Location });
    };
  }
  return subject;
}

function numeric<K extends string>(key: K, value: unknown): Partial<Record<K, number>> {
  return typeof value === 'number' && Number.isFinite(value) ? ({ [key]: value } as Record<K, number>) : {};
}

/**
 * The describer's answer if it comes within the timeout, else null. A late answer still
 * fills the cache (until `backgroundMs`), so the next caller hears it.
 */
async function withinTimeout(deps: DescribeDeps, subject: DescribeSubject): Promise<Description | null> {
  const controller = new AbortController();
  const background = Math.max(deps.timeoutMs, deps.backgroundMs ?? 30_000);
  const stop = setTimeout(() => controller.abort(new DomainError('unavailable', 'The describer took too long.')), background);
  const report = (error: unknown) => deps.onFault?.(error, { describer: deps.describer.id, versionId: subject.versionId });
  const work = deps.describer.describe(subject, { signal: controller.signal }).then(
    async (description) => {
      await deps.cache?.put(subject.tenantId, subject.versionId, deps.describer.id, subject.locale, description).catch(report);
      return description;
    },
    (error: unknown) => {
      report(error);
      return null;
    },
  );
  void work.finally(() => clearTimeout(stop));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), deps.timeoutMs)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
    if ((deps.backgroundMs ?? 30_000) === 0) controller.abort(new DomainError('unavailable', 'The describer took too long.'));
  }
}

/** The describer's findings, as tools see them. */
export type { Description } from '../ports/describer.port.ts';
