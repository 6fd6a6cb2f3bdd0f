/** FileLabels (tags, category) and AccessCounters on PGlite and on the Postgres server. */
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresFileLabels } from '../../adapters/postgres/postgres.file-labels.ts';
import { PostgresAccessCounters } from '../../adapters/postgres/postgres.access-counters.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { accessCountersContract } from './access-counters.contract.ts';
import { inTenant } from '../../adapters/postgres/tenant-scope.ts';
import { forEachEngine } from '../support/db.ts';
import { fileLabelsContract } from './file-labels.contract.ts';

async function newTenant(db: Database): Promise<string> {
  const { rows } = await db.query("insert into tenants (slug, name, locale) values ($1, $1, 'en') returning id", [`l-${randomBytes(5).toString('hex')}`]);
  return String(rows[0]?.id);
}

await forEachEngine(import.meta.url, (ctx) => {
  describe('FileLabels', () => {
    fileLabelsContract(() => ({
      labels: new PostgresFileLabels(ctx().db),
      catalog: new PostgresFileCatalog(ctx().db),
      newTenant: () => newTenant(ctx().db),
      trash: async (tenantId, fileId) => {
        await inTenant(ctx().db, tenantId, (tx) => tx.query("update files set trashed_at = now(), purge_after = now() + interval '30 days' where tenant_id = $1 and id = $2", [tenantId, fileId]));
      },
      auditCount: async (tenantId, action) =>
        (await inTenant(ctx().db, tenantId, (tx) => tx.query('select count(*)::int as n from audit_events where tenant_id = $1 and action = $2', [tenantId, action]))).rows[0]?.n as number,
    }));
  });
  describe('AccessCounters', () => {
    accessCountersContract(() => ({ counters: new PostgresAccessCounters(ctx().db), catalog: new PostgresFileCatalog(ctx().db), newTenant: () => newTenant(ctx().db) }));
  });
});
