/**
 * The index's shape: settings (applied at first use) and how a SearchDocument is stored.
 * One index per deployment; `tenant_id` is on every document and in every filter.
 */
import type { Settings } from 'meilisearch';
import type { SearchDocument } from '../../src/ports/search-index.port.ts';
import { epochDay } from './meilisearch-filters.ts';

/** Fields of the port's SearchDocument that may not exist in every revision of it: used when present. */
export type IndexedDocument = SearchDocument & {
  version?: number;
  updatedAt?: Date;
  language?: 'en' | 'de';
  tags?: readonly string[];
  category?: string | null;
  dates?: readonly Date[];
  pages?: number | null;
  sheets?: number | null;
  durationSeconds?: number | null;
  phonetic?: readonly string[];
};

/** Extracted text stored per document; longer text is cut (Meilisearch indexes the first 65,535 positions of an attribute anyway). */
export const MAX_TEXT_CHARS = 100_000;

/** What Meilisearch holds per file version. */
export interface StoredDocument {
  id: string;
  tenant_id: string;
  file_id: string;
  version_id: string;
  version: number;
  name: string;
  /** The name split into words ("Q2_sales-pipeline.xlsx" -> "Q2 sales pipeline xlsx"). */
  name_words: string;
  title: string | null;
  /** Name and title with German umlauts spelled out ("Müller" -> "Mueller"), so both spellings match. */
  folded: string;
  kind: string;
  mime_type: string;
  customer_id: string | null;
  visibility: string;
  created_at: number;
  created_day: number;
  updated_at: number;
  text: string;
  language: string | null;
  tags: string[];
  category: string | null;
  dates: number[];
  pages: number | null;
  sheets: number | null;
  duration_seconds: number | null;
  phonetic: string[];
}

/** Settings of the index. Attribute order is ranking order: title and name before tags, phonetic keys and text. */
export function indexSettings(synonyms: Record<string, string[]>): Settings {
  return {
    searchableAttributes: ['title', 'name_words', 'name', 'folded', 'tags', 'category', 'phonetic', 'text'],
    filterableAttributes: ['tenant_id', 'file_id', 'version', 'visibility', 'customer_id', 'kind', 'tags', 'category', 'created_day', 'created_at', 'dates'],
    sortableAttributes: ['created_at', 'updated_at'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'updated_at:desc'],
    // Numbers and codes (4471, Q2) are short: no typos below five characters, so 5281 never matches 5218.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnAttributes: ['phonetic'] },
    distinctAttribute: 'file_id',
    synonyms,
    separatorTokens: ['_'],
    pagination: { maxTotalHits: 1000 },
  };
}

const UMLAUTS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/** The stored form of a document: its id names tenant, file and version, so versions never overwrite each other. */
export function storedDocument(doc: IndexedDocument): StoredDocument {
  const version = doc.version ?? 0;
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  return {
    id: `${doc.tenantId}_${doc.fileId}_${version}`,
    tenant_id: doc.tenantId,
    file_id: doc.fileId,
    version_id: doc.versionId,
    version,
    name: doc.name,
    name_words: doc.name.replace(/[_.\-–()[\]]+/g, ' ').replace(/\s+/g, ' ').trim(),
    title: doc.title,
    folded: `${doc.name} ${doc.title ?? ''}`.replace(/[äöüÄÖÜß]/g, (c) => UMLAUTS[c] ?? c).trim(),
    kind: doc.kind,
    mime_type: doc.mimeType,
    customer_id: doc.customerId,
    visibility: doc.visibility,
    created_at: seconds(doc.createdAt),
    created_day: epochDay(doc.createdAt),
    updated_at: seconds(doc.updatedAt ?? doc.createdAt),
    text: doc.text.slice(0, MAX_TEXT_CHARS).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' '),
    language: doc.language ?? null,
    tags: [...(doc.tags ?? [])].map((tag) => tag.toLowerCase()),
    category: doc.category ?? null,
    dates: [...(doc.dates ?? [])].map(epochDay),
    pages: doc.pages ?? null,
    sheets: doc.sheets ?? null,
    duration_seconds: doc.durationSeconds ?? null,
    phonetic: [...(doc.phonetic ?? [])],
  };
}
