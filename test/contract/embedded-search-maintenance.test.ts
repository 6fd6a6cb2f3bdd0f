/** The embedded database has no autovacuum: the search index vacuums and analyzes its tables itself, as the runtime role. */
import { describe, expect, it } from 'vitest';
import { grantRuntimeRole } from '../../adapters/postgres/database-roles.ts';
import { migrate } from '../../adapters/postgres/migrate.ts';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { insertFile, insertTenant } from '../support/catalog-seed.ts';

describe('PostgresSearchIndex on PGlite: table maintenance', () => {
  it('vacuums and analyzes the search tables after a rebuild, as the runtime role, without errors', async () => {
    const db = await PgliteDatabase.open();
    try {
      await migrate(db);
      const tenantId = await insertTenant(db);
      const ids = await insertFile(db, tenantId);
      const role = await db.createRuntimeRole();
      await grantRuntimeRole(db, role, null);
      await db.assumeRole(role);
      const errors: unknown[] = [];
      const index = new PostgresSearchIndex(db, { onMaintenanceError: (error) => errors.push(error) });
      await index.upsert({
        tenantId, fileId: ids.fileId, versionId: ids.versionId, name: 'Lease.pdf', title: null, kind: 'document', mimeType: 'application/pdf',
        customerId: null, visibility: 'internal', createdAt: new Date(), text: 'Either party may end the lease with three months notice.',
      });
      const counts = async () =>
        (await db.query(`select relname, vacuum_count + analyze_count as n from pg_stat_user_tables where relname like 'search_%' order by relname`)).rows
          .map((row) => [String(row.relname), Number(row.n)]);
      const before = Object.fromEntries(await counts());
      await index.markRebuilt();
      const after = Object.fromEntries(await counts());
      expect(errors).toEqual([]);
      for (const table of ['search_postings', 'search_term_stats', 'search_terms', 'search_entries', 'search_passages']) {
        expect(after[table], table).toBeGreaterThanOrEqual((before[table] ?? 0) + 2);
      }
    } finally {
      await db.close();
    }
  });
});
