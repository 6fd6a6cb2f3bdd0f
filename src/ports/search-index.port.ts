import type { VisibilityFilter } from '../domain/access.ts';
import type { FileKind, Visibility } from '../domain/file.ts';

/** What the index holds for one file (its current, ready version). */
export interface SearchDocument {
  tenantId: string;
  fileId: string;
  versionId: string;
  name: string;
  title: string | null;
  kind: FileKind;
  mimeType: string;
  customerId: string | null;
  visibility: Visibility;
  createdAt: Date;
  /** Extracted text, capped in size; empty until extraction ran. */
  text: string;
  /** Free tags set by people (issue 10), lower-cased; searchable and filterable. */
  tags?: readonly string[];
  /** One category (issue 10), e.g. "invoice", "contract"; searchable and filterable. */
  category?: string | null;
}

export interface SearchQuery {
  /** Normalised query text. */
  text: string;
  visibility: VisibilityFilter;
  kinds?: FileKind[];
  limit: number;
}

export interface SearchHit {
  fileId: string;
  versionId: string;
  score: number;
  /** Which field matched best: name, title or text. */
  matchedOn: 'name' | 'title' | 'text';
}

/** Full-text and fuzzy lookup of files. Every call is scoped by tenant. */
export interface SearchIndex {
  /** Insert or replace the document for a file. */
  upsert(doc: SearchDocument): Promise<void>;
  /** Remove a file's document; absent is not an error. */
  remove(tenantId: string, fileId: string): Promise<void>;
  /** Best matches first, never more than `limit`, only files the filter allows. */
  search(query: SearchQuery): Promise<SearchHit[]>;
}
