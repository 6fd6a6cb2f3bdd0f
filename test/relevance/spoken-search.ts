/** A spoken query run the way find runs it, at the relevance set's fixed "now". */
import type { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { spokenSearchQuery } from '../../src/app/find.use-case.ts';
import type { VisibilityFilter } from '../../src/domain/access.ts';
import type { SearchHit } from '../../src/ports/search-index.port.ts';

/** The day the queries are spoken: relative dates ("last week") count from here. */
export const NOW = new Date(Date.UTC(2025, 11, 1));

/** Normalised as find does it; limit 3 plus the one find asks for to judge closeness. */
export function searchAs(index: PostgresSearchIndex, text: string, locale: 'en' | 'de', visibility: VisibilityFilter, customerId?: string): Promise<SearchHit[]> {
  const { query } = spokenSearchQuery(text, locale, visibility, { limit: 3, now: NOW, ...(customerId ? { customerId } : {}) });
  return index.search(query);
}
