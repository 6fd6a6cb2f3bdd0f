import { visibilityFilterFor } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { FileDetail, FileKind } from '../domain/file.ts';
import type { Principal } from '../domain/principal.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { SearchHit, SearchIndex } from '../ports/search-index.port.ts';
import { normalizeSpokenQuery } from '../voice/normalize-query.ts';

export interface FindDeps {
  search: SearchIndex;
  catalog: FileCatalog;
}

export interface FindInput {
  query: string;
  kind?: FileKind;
  limit: number;
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
}

/** Search the tenant's files by a spoken query, within what the principal may see. */
export async function findFiles(deps: FindDeps, principal: Principal, input: FindInput): Promise<FindResult> {
  const normalized = normalizeSpokenQuery(input.query, principal.locale);
  const kinds = input.kind ? [input.kind] : normalized.kinds;
  if (normalized.text.trim() === '' && kinds.length === 0) {
    throw new DomainError('validation_failed', 'The query has no searchable words.');
  }
  const visibility = visibilityFilterFor(principal);
  const hits = await deps.search.search({
    text: normalized.text,
    visibility,
    ...(kinds.length > 0 ? { kinds } : {}),
    limit: input.limit + 1,
  });
  const results: FoundFile[] = [];
  for (const hit of hits.slice(0, input.limit)) {
    // The index can briefly lag the catalog; the catalog (with its own visibility check) is the truth.
    const detail = await deps.catalog.getFile(visibility, hit.fileId);
    if (detail) results.push({ detail, hit });
  }
  return { searched: normalized.text, kinds, results, more: hits.length > input.limit };
}
