/** The SearchIndex contract on the Postgres adapter, on PGlite and on the Postgres server. */
import { describe } from 'vitest';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { forEachEngine } from '../support/db.ts';
import { insertFile, insertTenant } from '../support/catalog-seed.ts';
import { searchIndexContract } from './search-index.contract.ts';

await forEachEngine(import.meta.url, (ctx) => {
  describe('SearchIndex (postgres)', () => {
    searchIndexContract(() => ({
      index: new PostgresSearchIndex(ctx().db),
      newTenant: () => insertTenant(ctx().db),
      newFile: (tenantId) => insertFile(ctx().db, tenantId),
    }));
  });
});
