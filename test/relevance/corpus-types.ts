/** The shapes of the relevance set: files described by what they contain, queries with the file they must find. */

export type Locale = 'en' | 'de';

export type Cell = string | number;

export interface SheetSpec {
  name: string;
  /** The first row is the header. */
  rows: Cell[][];
}

/**
 * A file of the relevance set, written as a real file by render-file.ts and read back by the
 * project's extractors. What it holds depends on its extension:
 * - .pdf, .docx, .txt: `body`, one entry per line or paragraph ('\f' starts a new PDF page);
 * - .xlsx: `sheets`; .csv: the first of `sheets`;
 * - .wav, .ogg, .flac: `speech`, spoken by espeak-ng and transcribed by pocketsphinx (English only).
 */
export interface FileSpec {
  /** Unique within its tenant; the extension picks the format. */
  name: string;
  /** The title people gave the file at upload (a field of the catalog, not of the file). */
  title?: string;
  /** Title stored inside the file (PDF info, docx core properties, workbook properties). */
  docTitle?: string;
  body?: string[];
  sheets?: SheetSpec[];
  speech?: string;
  /** Days after 2025-01-01 it was uploaded. */
  day: number;
  visibility?: 'internal' | 'customer' | 'public';
  customerId?: string;
}

export type QueryClass = 'name' | 'number' | 'typo' | 'sound' | 'content' | 'kind' | 'filler' | 'date';

export interface RelevanceQuery {
  /** As a recogniser writes it: lower case, numbers in words, fillers, slips. */
  query: string;
  /** Name of the file that must come first. */
  expect: string;
  cls: QueryClass;
  /** Content questions: words of the answering sentence that find's `matched` passage must contain. */
  answer?: string;
}

export interface TenantSpec {
  locale: Locale;
  targets: FileSpec[];
  distractors: FileSpec[];
  queries: RelevanceQuery[];
  /**
   * Words that occur only in this tenant's files (and only in internal ones): a session of the
   * other tenant, or a customer session of this one, must get nothing for them.
   */
  privateWords: string[];
}
