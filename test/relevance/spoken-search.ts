/** A spoken query run the way find runs it, at the relevance set's fixed "now". */
import type { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { spokenSearchQuery } from '../../src/app/find.use-case.ts';
import type { VisibilityFilter } from '../../src/domain/access.ts';
import type { SearchHit } from '../../src/ports/search-index.port.ts';

/** The day the queries are spoken: relative dates ("last week") count from here. */
export const NOW = new Date(Date.UTC(2025, 11, 1));

/** Normalised as find does it; limit 3 plus the one find asks for to judge closeness. */
export async function searchAs(index: PostgresSearchIndex, text: string, locale: 'en' | 'de', visibility: VisibilityFilter, customerId?: string): Promise<SearchHit[]> {
  const { query } = spokenSearchQuery(text, locale, visibility, { limit: 3, now: NOW, ...(customerId ? { customerId } : {}) });
  const hits = await index.search(query);
  await breathe();
  return hits;
}

/**
 * Let I/O callbacks run. PGlite and the in-process extractors settle their promises without
 * leaving the microtask queue, so a loop of them would starve the Postgres server's sockets
 * (a connection attempt then times out) while both engines are evaluated at once.
 */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
