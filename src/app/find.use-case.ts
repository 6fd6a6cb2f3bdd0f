import { visibilityFilterFor } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { FileDetail, FileKind } from '../domain/file.ts';
import type { Principal } from '../domain/principal.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { QueryWord, SearchHit, SearchIndex, SearchQuery } from '../ports/search-index.port.ts';
import { normalizeSpokenQuery, type NormalizedQuery } from '../voice/normalize-query.ts';
import { phoneticKeys } from '../voice/phonetic-keys.ts';

export interface FindDeps {
  search: SearchIndex;
  catalog: Pick<FileCatalog, 'getFiles'>;
}

export interface FindInput {
  query: string;
  kind?: FileKind;
  /** Only files of this customer (staff and API keys; a caller sees only their own anyway). */
  customerId?: string;
  limit: number;
  /** The time zone for relative dates ("last week"); default the principal's (the tenant's), else UTC. */
  timeZone?: string;
  /** Now, for relative dates. */
  now?: Date;
}

export interface FoundFile {
  detail: FileDetail;
  hit: SearchHit;
}

export interface FindResult {
  /** The query after spoken-language normalisation, as searched. */
  searched: string;
  kinds: FileKind[];
  results: FoundFile[];
  /** True when more matched than `limit`. */
  more: boolean;
  /** True when the query asked about content ("what's the notice period"), so the matched sentence may be said. */
  question: boolean;
}

/**
 * Results scoring below this share of the best one are left out: with any query word allowed
 * to match, a long tail of files sharing one common word would otherwise follow every answer.
 */
const RELATIVE_CUTOFF = 0.25;

/** Versions in these states are never offered as results (nothing may serve them). */
const NEVER_OFFERED = new Set(['infected', 'rejected', 'failed']);

/**
 * Search the tenant's files by a spoken query, within what the principal may see. One search
 * and one batched catalog read per call; the catalog (with its own visibility check) is the
 * truth, as the index can briefly lag it.
 */
export async function findFiles(deps: FindDeps, principal: Principal, input: FindInput): Promise<FindResult> {
  const timeZone = input.timeZone ?? principal.timeZone ?? 'UTC';
  const { query, kinds, normalized } = spokenSearchQuery(input.query, principal.locale, visibilityFilterFor(principal), { ...input, timeZone });
  const visibility = query.visibility;
  const found = await deps.search.search(query);
  const best = found[0]?.score ?? 0;
  const hits = best > 0 ? found.filter((h) => h.score >= best * RELATIVE_CUTOFF) : found;
  const details = new Map((await deps.catalog.getFiles(visibility, hits.map((h) => h.fileId))).map((d) => [d.file.id, d]));
  const results: FoundFile[] = [];
  for (const hit of hits) {
    const detail = details.get(hit.fileId);
    if (detail && !NEVER_OFFERED.has(detail.current.status)) results.push({ detail, hit });
  }
  return {
    searched: normalized.text,
    kinds,
    results: results.slice(0, input.limit),
    more: results.length > input.limit,
    question: normalized.question,
  };
}

/**
 * A spoken query as the index takes it: normalised words with their originals and phonetic
 * keys, type words as kinds, a spoken date as a filter when nothing else was said and as a
 * boost (x1.6 in the Postgres index) next to content words: people misremember dates, and a
 * date alone must still narrow the list. Throws validation_failed when nothing is left.
 */
export function spokenSearchQuery(
  text: string,
  locale: Principal['locale'],
  visibility: SearchQuery['visibility'],
  input: Pick<FindInput, 'kind' | 'customerId' | 'limit' | 'now' | 'timeZone'>,
): { query: SearchQuery; kinds: FileKind[]; normalized: NormalizedQuery } {
  const normalized = normalizeSpokenQuery(text, locale, { now: input.now ?? new Date(), timeZone: input.timeZone ?? 'UTC' });
  const kinds = input.kind ? [input.kind] : normalized.kinds;
  if (normalized.text.trim() === '' && kinds.length === 0 && !normalized.dates) {
    throw new DomainError('validation_failed', 'The query has no searchable words.');
  }
  const query: SearchQuery = {
    text: normalized.text,
    words: queryWords(normalized),
    visibility,
    language: locale,
    ...(kinds.length > 0 ? { kinds } : {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(normalized.dates
      ? { dates: { ...normalized.dates, mode: normalized.text === '' ? 'filter' : 'boost', timeZone: input.timeZone ?? 'UTC' } }
      : {}),
    limit: input.limit + 1,
  };
  return { query, kinds, normalized };
}

/**
 * The query's words for the index: each normalised term with the raw words it was read from
 * (so "four seasons" still matches when it became "4 seasons") and its phonetic keys.
 */
function queryWords(normalized: NormalizedQuery): QueryWord[] {
  return normalized.terms.map((term) => {
    const alternatives = normalized.originals[term]?.filter((w) => w !== term) ?? [];
    const phonetic = phoneticKeys(term);
    return { text: term, ...(alternatives.length > 0 ? { alternatives } : {}), ...(phonetic.length > 0 ? { phonetic } : {}) };
  });
}
