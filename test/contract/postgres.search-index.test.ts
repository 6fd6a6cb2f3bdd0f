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

  describe('SearchIndex (postgres) dates in the tenant time zone', () => {
    it("compares an upload's instant as a day of the range's time zone, with words and without", async () => {
      const { db } = ctx();
      const index = new PostgresSearchIndex(db);
      const tenantId = await insertTenant(db);
      const ids = await insertFile(db, tenantId);
      // 05:30 UTC on the 4th is 21:30 on the 3rd in Los Angeles.
      await index.upsert({
        tenantId, fileId: ids.fileId, versionId: ids.versionId, name: 'Lease.pdf', title: null, kind: 'document', mimeType: 'application/pdf',
        customerId: null, visibility: 'internal', createdAt: new Date('2026-03-04T05:30:00Z'), text: 'lease notice',
      });
      const third = { from: new Date('2026-03-03T00:00:00Z'), to: new Date('2026-03-03T00:00:00Z'), mode: 'filter' as const };
      const found = async (text: string, timeZone?: string) =>
        (await index.search({ text, visibility: { tenantId, customerScope: null }, limit: 5, dates: { ...third, ...(timeZone ? { timeZone } : {}) } })).length;
      for (const text of ['', 'lease']) {
        expect(await found(text, 'America/Los_Angeles'), `"${text}" in Los Angeles`).toBe(1);
        expect(await found(text, 'UTC'), `"${text}" in UTC`).toBe(0);
        expect(await found(text), `"${text}" by default (UTC)`).toBe(0);
      }
    });
  });

  describe('SearchIndex (postgres) term statistics', () => {
    /** Every df kept in search_term_stats against a count from the postings (and '' against the entries). */
    async function statsDrift(tenantId: string): Promise<Array<{ term: string; kept: number; counted: number }>> {
      const { rows } = await ctx().db.transaction(async (tx) => {
        await tx.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
        return tx.query(
          `with counted as (
             select term, count(distinct file_id)::int as df from search_postings where tenant_id = $1 group by term
             union all select '', count(*)::int from search_entries where tenant_id = $1),
           kept as (select term, df from search_term_stats where tenant_id = $1 and df <> 0)
           select coalesce(k.term, c.term) as term, coalesce(k.df, 0) as kept, coalesce(c.df, 0) as counted
           from kept k full join counted c using (term) where coalesce(k.df, 0) <> coalesce(c.df, 0)`,
          [tenantId],
        );
      });
      return rows as Array<{ term: string; kept: number; counted: number }>;
    }

    const doc = (tenantId: string, ids: { fileId: string; versionId: string }, name: string, text: string, version = 1) => ({
      tenantId, fileId: ids.fileId, versionId: ids.versionId, version, name, title: null, kind: 'document' as const, mimeType: 'application/pdf',
      customerId: null, visibility: 'internal' as const, createdAt: new Date(), text, language: 'en' as const,
    });

    it('keeps document frequencies exact through inserts, replaces, removals and concurrent writers', async () => {
      const { db } = ctx();
      const index = new PostgresSearchIndex(db);
      const tenantId = await insertTenant(db);
      const files = await Promise.all(Array.from({ length: 12 }, () => insertFile(db, tenantId)));
      // Concurrent writers share common words, so their statistics rows collide.
      await Promise.all(files.map((ids, i) => index.upsert(doc(tenantId, ids, `Contract ${i}.pdf`, `contract payment delivery notice ${i % 3 === 0 ? 'lease' : 'supplier'}`))));
      expect(await statsDrift(tenantId)).toEqual([]);
      await Promise.all(files.slice(0, 6).map((ids, i) => index.upsert(doc(tenantId, ids, `Invoice ${i}.pdf`, `invoice payment ${i}`, 2))));
      await index.remove(tenantId, files[7]!.fileId);
      await index.remove(tenantId, files[7]!.fileId);
      expect(await statsDrift(tenantId)).toEqual([]);
      const found = await index.search({ text: 'contract', visibility: { tenantId, customerScope: null }, limit: 20 });
      expect(found).toHaveLength(5);
    });

    it('counts a file out when the catalog deletes it (a purge cascades, bypassing the adapter)', async () => {
      const { db } = ctx();
      const index = new PostgresSearchIndex(db);
      const tenantId = await insertTenant(db);
      const [kept, purged] = [await insertFile(db, tenantId), await insertFile(db, tenantId)];
      await index.upsert(doc(tenantId, kept, 'Lease.pdf', 'lease notice'));
      await index.upsert(doc(tenantId, purged, 'Lease old.pdf', 'lease rent'));
      await db.transaction(async (tx) => {
        await tx.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
        await tx.query('delete from file_versions where tenant_id = $1 and file_id = $2', [tenantId, purged.fileId]);
      });
      expect(await statsDrift(tenantId)).toEqual([]);
    });
  });
});
