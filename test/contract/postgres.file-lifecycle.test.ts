/** FileLifecycle (and, as they land, holds and purge) on PGlite and on the Postgres server. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresFileLifecycle } from '../../adapters/postgres/postgres.file-lifecycle.ts';
import { PostgresHoldStore } from '../../adapters/postgres/postgres.hold-store.ts';
import { PgBossJobQueue } from '../../adapters/queue/pg-boss.job-queue.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { forEachEngine } from '../support/db.ts';
import { fileLifecycleContract } from './file-lifecycle.contract.ts';
import { holdStoreContract } from './hold-store.contract.ts';

async function insertTenant(db: Database, trashDays = 30): Promise<string> {
  const slug = `t-${randomBytes(5).toString('hex')}`;
  const { rows } = await db.query("insert into tenants (slug, name, locale, trash_days) values ($1, $1, 'en', $2) returning id", [slug, trashDays]);
  return String(rows[0]?.id);
}

async function insertFile(db: Database, tenantId: string, customerId: string | null): Promise<string> {
  const { rows } = await db.query("insert into files (tenant_id, name, customer_id, visibility) values ($1, 'x.pdf', $2, 'internal') returning id", [tenantId, customerId]);
  return String(rows[0]?.id);
}

const actionsOf = async (db: Database, tenantId: string) => (await db.query('select action from audit_events where tenant_id = $1 order by id', [tenantId])).rows.map((r) => String(r.action));

await forEachEngine(import.meta.url, (ctx) => {
  describe('HoldStore', () => {
    holdStoreContract(() => {
      const { db } = ctx();
      return {
        holds: new PostgresHoldStore(db),
        newTenant: () => insertTenant(db),
        newFile: (tenantId, customerId) => insertFile(db, tenantId, customerId),
        trash: async (tenantId, fileId) => void (await db.query("update files set trashed_at = now(), purge_after = now() where tenant_id = $1 and id = $2", [tenantId, fileId])),
        auditOf: (tenantId) => actionsOf(db, tenantId),
      };
    });
  });

  describe('FileLifecycle', () => {
    const schema = `pgboss_life_${randomBytes(4).toString('hex')}`;
    let queue: PgBossJobQueue;
    beforeAll(async () => {
      queue = new PgBossJobQueue({ database: ctx().db, schema });
      await queue.start();
    });
    afterAll(async () => {
      await queue?.stop(0);
      await ctx().db.exec(`drop schema if exists ${schema} cascade`);
    });
    fileLifecycleContract(() => {
      const { db } = ctx();
      return {
        lifecycle: new PostgresFileLifecycle(db, { jobs: queue }),
        catalog: new PostgresFileCatalog(db),
        newTenant: (options) => insertTenant(db, options?.trashDays),
        async setStatus(tenantId, versionId, status, text) {
          await db.query('update file_versions set status = $3, extracted_text = coalesce($4, extracted_text) where tenant_id = $1 and id = $2', [tenantId, versionId, status, text ?? null]);
        },
        async hold(tenantId, scope, reason) {
          const [kind, fileId, customerId] = scope === 'tenant' ? ['tenant', null, null] : 'fileId' in scope ? ['file', scope.fileId, null] : ['customer', null, scope.customerId];
          const { rows } = await db.query("insert into legal_holds (tenant_id, scope, file_id, customer_id, reason, placed_by) values ($1, $2, $3, $4, $5, 'key:k') returning id", [tenantId, kind, fileId, customerId, reason]);
          return String(rows[0]?.id);
        },
        async releaseHold(tenantId, holdId) {
          await db.query("update legal_holds set released_at = now(), released_by = 'key:k' where tenant_id = $1 and id = $2", [tenantId, holdId]);
        },
        refCount: async (tenantId, blobId) => Number((await db.query('select ref_count from blobs where tenant_id = $1 and id = $2', [tenantId, blobId])).rows[0]?.ref_count),
        auditOf: async (tenantId) => (await db.query('select action from audit_events where tenant_id = $1 order by id', [tenantId])).rows.map((r) => String(r.action)),
        jobsOf: async (versionId) => (await db.query(`select name from ${schema}.job where singleton_key = $1 order by created_on`, [versionId])).rows.map((r) => String(r.name)),
      };
    });
  });
});
