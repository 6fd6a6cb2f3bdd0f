import type { VisibilityFilter } from '../domain/access.ts';
import type { FileKind, Visibility } from '../domain/file.ts';

/**
 * What the index holds for one file (its current, ready version). Fields marked optional are
 * filled when known; an adapter that cannot use one ignores it (it must still store and filter
 * by tags, category and dates when a query asks for them).
 */
export interface SearchDocument {
  tenantId: string;
  fileId: string;
  versionId: string;
  /**
   * The version number. A write never replaces a document of a higher version already in the
   * index (an older version finishing late loses). Absent: 0 (always replaced by a numbered write).
   */
  version?: number;
  name: string;
  title: string | null;
  kind: FileKind;
  mimeType: string;
  customerId: string | null;
  visibility: Visibility;
  createdAt: Date;
  /** Last change of the file (new version, rename); defaults to createdAt. */
  updatedAt?: Date;
  /** Extracted text, capped in size; empty until extraction ran. Adapters split it into passages. */
  text: string;
  /** Language of the text, for stemming ('en', 'de'); absent: no stemming, exact words only. */
  language?: 'en' | 'de';
  /** Free tags set by people (issue 10), lower-cased; searchable and filterable. */
  tags?: readonly string[];
  /** One category (issue 10), e.g. "invoice", "contract"; searchable and filterable. */
  category?: string | null;
  /** Dates found in the name or text (day precision, UTC midnight); date filters also match these. */
  dates?: readonly Date[];
  pages?: number | null;
  sheets?: number | null;
  durationSeconds?: number | null;
  /**
   * Phonetic keys of the name and title words (Double Metaphone, Kölner Phonetik; computed in
   * src/voice), so a name heard as "Schmit" finds "Schmidt". Optional: an adapter with its own
   * phonetic matching may ignore them.
   */
  phonetic?: readonly string[];
}

/** One word of a spoken query with what else may stand for it. */
export interface QueryWord {
  /** The normalised word as searched: "4471", "q2", "nda", "müller". Digits and codes match exactly, never fuzzily. */
  text: string;
  /** Other forms of the same word counted at a lower weight (the raw spoken words a number was read from, ...). */
  alternatives?: readonly string[];
  /** Phonetic keys of the word (same algorithms as SearchDocument.phonetic). */
  phonetic?: readonly string[];
}

/** A closed range of days [from, to], inclusive, UTC midnights (already computed in the tenant's time zone). */
export interface DateRange {
  from: Date;
  to: Date;
  /**
   * IANA time zone whose calendar days these are (default UTC): an upload's instant is compared as
   * its day there, so a file uploaded late on the 3rd in Los Angeles is "from the 3rd".
   */
  timeZone?: string;
}

export interface SearchQuery {
  /** Normalised query text: the words of `words` joined by spaces (for adapters that take plain text). */
  text: string;
  /** The query's words with their alternatives and phonetic keys; absent: the words of `text`. */
  words?: readonly QueryWord[];
  visibility: VisibilityFilter;
  kinds?: FileKind[];
  /** Only files of this customer (within what `visibility` allows). */
  customerId?: string;
  /** Only files carrying every one of these tags. */
  tags?: readonly string[];
  /** Only files of this category. */
  category?: string;
  /**
   * Files dated in this range (uploaded, or a date in the name or text). `filter` keeps only
   * those; `boost` ranks them higher (a spoken date together with content words is a hint, not a
   * rule: people misremember dates).
   */
  dates?: DateRange & { mode: 'filter' | 'boost' };
  /** Language of the query, for stemming; absent: both launch languages are tried. */
  language?: 'en' | 'de';
  limit: number;
}

export interface SearchHit {
  fileId: string;
  versionId: string;
  /** Higher is better; comparable within one result list only. */
  score: number;
  /** Which field matched best: name, title or text. */
  matchedOn: 'name' | 'title' | 'text';
  /** A short passage of the text that matched (the sentence with the most query words), when the text matched. */
  matched?: string;
}

/** Full-text and fuzzy lookup of files. Every call is scoped by tenant. */
export interface SearchIndex {
  /** Insert or replace the document for a file, unless the index holds a higher version of it. */
  upsert(doc: SearchDocument): Promise<void>;
  /** Remove a file's document; absent is not an error. */
  remove(tenantId: string, fileId: string): Promise<void>;
  /** Best matches first, never more than `limit`, only files the filter allows. */
  search(query: SearchQuery): Promise<SearchHit[]>;
  /**
   * Optional capability: true when the index must be rebuilt from the catalog, because it was
   * never built or an older index format holds it (a migration replaced the documents).
   */
  needsRebuild?(): Promise<boolean>;
  /** Optional capability: record that a full rebuild finished (needsRebuild turns false). */
  markRebuilt?(): Promise<void>;
  /** Optional capability: remove every document of a tenant (before a full rebuild). */
  clear?(tenantId: string): Promise<void>;
}
