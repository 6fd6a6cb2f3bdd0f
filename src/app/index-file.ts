import type { FileRecord, FileVersion } from '../domain/file.ts';
import type { Locale } from '../domain/tenant.ts';
import type { SearchDocument, SearchIndex } from '../ports/search-index.port.ts';
import { datesInText } from '../voice/document-dates.ts';
import { phoneticKeysOf } from '../voice/phonetic-keys.ts';

/** Where a search document's optional facts come from besides the file and version. */
export interface IndexContext {
  /** The tenant's language: the text's language when extraction could not tell. */
  locale?: Locale;
}

/** The search document for a file's version and its extracted text. */
export function searchDocumentFor(file: FileRecord, version: FileVersion, text = '', context: IndexContext = {}): SearchDocument {
  const meta = version.metadata;
  const metaLanguage = meta.language === 'en' || meta.language === 'de' ? meta.language : undefined;
  const transcript = meta.transcript as { language?: unknown; durationSeconds?: unknown } | undefined;
  const transcriptLanguage = typeof transcript?.language === 'string' ? transcript.language.slice(0, 2).toLowerCase() : undefined;
  const language = metaLanguage ?? (transcriptLanguage === 'en' || transcriptLanguage === 'de' ? transcriptLanguage : context.locale);
  const numberOf = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  return {
    tenantId: file.tenantId,
    fileId: file.id,
    versionId: version.id,
    version: version.version,
    name: file.name,
    title: file.title,
    kind: version.kind,
    mimeType: version.mimeType,
    customerId: file.customerId,
    visibility: file.visibility,
    createdAt: file.createdAt,
    updatedAt: file.updatedAt,
    text,
    ...(language ? { language } : {}),
    tags: file.tags ?? [],
    category: file.category ?? null,
    dates: datesInText(`${file.name} ${file.title ?? ''} ${text.slice(0, 20_000)}`),
    pages: numberOf(meta.pages),
    // The sheet extractor writes the names to `sheets` and their number to `sheetCount`.
    sheets: numberOf(meta.sheetCount) ?? numberOf(meta.sheets),
    durationSeconds: numberOf(meta.durationSeconds) ?? numberOf(transcript?.durationSeconds),
    phonetic: phoneticKeysOf(`${file.name} ${file.title ?? ''}`),
  };
}

/** Put a file's current version into the search index (a higher version already there wins). */
export async function indexFileVersion(
  search: SearchIndex,
  file: FileRecord,
  version: FileVersion,
  text = '',
  context: IndexContext = {},
): Promise<void> {
  await search.upsert(searchDocumentFor(file, version, text, context));
}
