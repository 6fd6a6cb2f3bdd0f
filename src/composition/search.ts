import type { Config } from '../config.ts';
import type { Database } from '../ports/database.port.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';
import { searchSynonyms } from '../voice/search-synonyms.ts';
import { MeilisearchSearchIndex } from '../../adapters/search/meilisearch.search-index.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';

/** The search index: the catalog database (SEARCH_ENGINE=postgres, default), or Meilisearch with synonyms from the normaliser's tables. */
export function openSearchIndex(config: Pick<Config, 'search'>, db: Database): SearchIndex {
  const { search } = config;
  if (search.engine === 'meilisearch' && search.meiliUrl) {
    return new MeilisearchSearchIndex({ host: search.meiliUrl, ...(search.meiliApiKey ? { apiKey: search.meiliApiKey } : {}), index: search.meiliIndex, synonyms: searchSynonyms() });
  }
  return new PostgresSearchIndex(db);
}
