/** Quotas (QuotaStore, tenant settings, the check at commit) on PGlite and on the Postgres server. */
import { describe } from 'vitest';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresQuotaStore } from '../../adapters/postgres/postgres.quota-store.ts';
import { PostgresTenantStore } from '../../adapters/postgres/postgres.tenant-store.ts';
import { inTenant } from '../../adapters/postgres/tenant-scope.ts';
import { forEachEngine } from '../support/db.ts';
import { quotaContract } from './quota.contract.ts';

await forEachEngine(import.meta.url, (ctx) => {
  describe('quotas', () => {
    quotaContract(() => ({
      catalog: new PostgresFileCatalog(ctx().db),
      quotas: new PostgresQuotaStore(ctx().db),
      tenants: new PostgresTenantStore(ctx().db),
      auditActions: async (tenantId, action) =>
        (await inTenant(ctx().db, tenantId, (tx) => tx.query('select * from audit_events where tenant_id = $1 and action = $2 order by id', [tenantId, action]))).rows,
    }));
  });
});
