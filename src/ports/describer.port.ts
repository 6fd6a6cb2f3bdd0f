import type { FileKind } from '../domain/file.ts';
import type { Locale } from '../domain/tenant.ts';
import type { DocumentSourceRequest, ModelDocumentSource } from './blob-store.port.ts';

/** One ready version of a file, as a describer sees it. */
export interface DescribeSubject {
  tenantId: string;
  fileId: string;
  versionId: string;
  name: string;
  title: string | null;
  kind: FileKind;
  mimeType: string;
  size: number;
  /** The tenant's language: what a describer that writes sentences writes in. */
  locale: Locale;
  /** The version's extracted metadata (pages, sheets, e-mail, OCR...). */
  metadata: Readonly<Record<string, unknown>>;
  /** Extracted text ('' when none), possibly capped. */
  text: string;
  /** How the file is named in a model's prompt, in `locale`: "Q2 financial report", "a PDF", " with 24 pages". */
  spoken: { name: string; kind: string; facts: string };
  /**
   * The document itself for a model, from the BlobStore's `documentSource` capability;
   * absent when the store has none. Rejects with DomainError `payload_too_large` above
   * `maxBytes`. A describer calls it only when it sends the document somewhere.
   */
  document?: (request: DocumentSourceRequest) => Promise<ModelDocumentSource>;
}

/** A sheet of a workbook or the columns of a CSV, for "sheets and headers". */
export interface DescribedSheet {
  name: string | null;
  columns: string[];
}

/**
 * What a describer found. Material, not speech: `src/voice` turns it into sentences
 * in the tenant's language. A model's `sentence` is already in that language.
 */
export interface Description {
  /** Who described it: `extractive` or `bedrock`. */
  source: 'extractive' | 'bedrock';
  /** A model's description, one or two sentences in the subject's locale. */
  sentence?: string;
  /** The first substantive sentence of the text, in the document's own words. */
  lead?: string;
  /** Headings, in order, at most a few. */
  headings?: string[];
  /** Sheets and their column headers (spreadsheets, CSV). */
  sheets?: DescribedSheet[];
  /** Key figures found in the text: amounts, percentages ("12,400 dollars", "12%"). */
  figures?: string[];
}

export interface DescribeOptions {
  /** Aborted when the caller gives up waiting (the describe use case's timeout). */
  signal?: AbortSignal;
}

/** Turns a ready version into a short description of what it says. */
export interface Describer {
  /**
   * Identifies what produced a description (adapter, model, prompt revision), so a cached
   * description is reused only for the same describer.
   */
  readonly id: string;
  /**
   * Describe the subject. Rejects on failure or abort; the caller falls back to the
   * extractive describer, which never rejects for a subject it is given.
   */
  describe(subject: DescribeSubject, options?: DescribeOptions): Promise<Description>;
}

/** Descriptions remembered per version (versions never change, so entries never go stale). */
export interface DescriptionCache {
  /** The description `describerId` gave for this version in this locale, or null. */
  get(tenantId: string, versionId: string, describerId: string, locale: Locale): Promise<Description | null>;
  /** Remember a description; writing the same key again replaces it. */
  put(tenantId: string, versionId: string, describerId: string, locale: Locale, description: Description): Promise<void>;
}
