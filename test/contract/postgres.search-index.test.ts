/** The SearchIndex contract on the Postgres adapter, on PGlite and on the Postgres server, and its rebuild capabilities. */
import { describe, expect, it } from 'vitest';
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

  describe('SearchIndex (postgres) rebuild capabilities', () => {
    it('needs a rebuild after the migration until one is recorded; clear empties one tenant only', async () => {
      const { db } = ctx();
      const index = new PostgresSearchIndex(db);
      expect(await index.needsRebuild()).toBe(true);
      await index.markRebuilt();
      expect(await index.needsRebuild()).toBe(false);
      const [a, b] = [await insertTenant(db), await insertTenant(db)];
      for (const tenantId of [a, b]) {
        const { fileId, versionId } = await insertFile(db, tenantId);
        await index.upsert({
          tenantId, fileId, versionId, name: 'Minutes.pdf', title: null, kind: 'document', mimeType: 'application/pdf',
          customerId: null, visibility: 'internal', createdAt: new Date(), text: 'agenda',
        });
      }
      await index.clear(a);
      const found = async (tenantId: string) => index.search({ text: 'minutes', visibility: { tenantId, customerScope: null }, limit: 5 });
      expect(await found(a)).toEqual([]);
      expect(await found(b)).toHaveLength(1);
    });
  });
});
