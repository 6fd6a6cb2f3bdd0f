/** FileLifecycle (and, as they land, holds and purge) on PGlite and on the Postgres server. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresFileLifecycle } from '../../adapters/postgres/postgres.file-lifecycle.ts';
import { PostgresHoldStore } from '../../adapters/postgres/postgres.hold-store.ts';
import { PostgresPurgeStore } from '../../adapters/postgres/postgres.purge-store.ts';
import { PostgresRetentionStore } from '../../adapters/postgres/postgres.retention-store.ts';
import { expect, it } from 'vitest';
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

  describe('retention rules (on files.category and files.tags of migration 056)', () => {
    const audit = (tenantId: string, action: string) => () => ({ tenantId, actor: 'key:k', role: 'api', action, outcome: 'ok' as const });

    it('are stored once per category or tag, listed and removed, each audited', async () => {
      const { db } = ctx();
      const store = new PostgresRetentionStore(db);
      const tenantId = await insertTenant(db);
      const rule = await store.create({ tenantId, match: 'tag', value: 'legal', minDays: 30, maxDays: null, createdBy: 'key:k', audit: audit(tenantId, 'retention.create') });
      expect(rule).toMatchObject({ match: 'tag', value: 'legal', minDays: 30, maxDays: null, createdBy: 'key:k' });
      await expect(store.create({ tenantId, match: 'tag', value: 'legal', minDays: 10, maxDays: null, createdBy: 'key:k', audit: audit(tenantId, 'retention.create') })).rejects.toMatchObject({ code: 'conflict' });
      expect((await store.list(tenantId)).map((r) => r.id)).toEqual([rule.id]);
      expect(await store.list(await insertTenant(db))).toEqual([]);
      expect((await store.remove({ tenantId, ruleId: rule.id, audit: audit(tenantId, 'retention.delete') }))?.id).toBe(rule.id);
      expect(await store.remove({ tenantId, ruleId: rule.id, audit: audit(tenantId, 'retention.delete') })).toBeNull();
      expect(await actionsOf(db, tenantId)).toEqual(['retention.create', 'retention.delete']);
    });

    it('a minimum refuses the delete of a matching file and says until when; other files go', async () => {
      const { db } = ctx();
      const tenantId = await insertTenant(db);
      const lifecycle = new PostgresFileLifecycle(db, { jobs: { sendInTransaction: async () => undefined } });
      const rule = await new PostgresRetentionStore(db).create({ tenantId, match: 'tag', value: 'legal', minDays: 30, maxDays: null, createdBy: 'key:k', audit: audit(tenantId, 'retention.create') });
      const kept = await insertFile(db, tenantId, null);
      const free = await insertFile(db, tenantId, null);
      await db.query("update files set tags = array['legal', 'q3'] where id = $1", [kept]);
      const created = (await db.query('select created_at from files where id = $1', [kept])).rows[0]?.created_at as Date;
      const refused = await lifecycle.trash({ tenantId, fileId: kept, actor: 'key:k', audit: audit(tenantId, 'file.trash') });
      expect(refused).toMatchObject({ status: 'retained', ruleId: rule.id });
      if (refused.status === 'retained') expect(refused.until.getTime()).toBe(created.getTime() + 30 * 86_400_000);
      expect((await lifecycle.trash({ tenantId, fileId: free, actor: 'key:k', audit: audit(tenantId, 'file.trash') })).status).toBe('trashed');
      // Past its minimum, it can go.
      await db.query("update files set created_at = now() - interval '31 days' where id = $1", [kept]);
      expect((await lifecycle.trash({ tenantId, fileId: kept, actor: 'key:k', audit: audit(tenantId, 'file.trash') })).status).toBe('trashed');
    });

    it('a maximum moves matching files past it to the trash, naming the rule; held and younger files stay', async () => {
      const { db } = ctx();
      const tenantId = await insertTenant(db, 10);
      const rule = await new PostgresRetentionStore(db).create({ tenantId, match: 'category', value: 'invoice', minDays: null, maxDays: 365, createdBy: 'key:k', audit: audit(tenantId, 'retention.create') });
      const [old, held, young, other] = await Promise.all([1, 2, 3, 4].map(() => insertFile(db, tenantId, null)));
      await db.query("update files set category = 'invoice' where id = any($1::uuid[])", [[old, held, young]]);
      await db.query("update files set created_at = now() - interval '400 days' where id = any($1::uuid[])", [[old, held, other]]);
      await db.query("insert into legal_holds (tenant_id, scope, file_id, reason, placed_by) values ($1, 'file', $2, 'case', 'key:k')", [tenantId, held]);
      const store = new PostgresPurgeStore(db);
      expect(await store.trashExpired(tenantId, 100)).toEqual([old]);
      const row = (await db.query('select trashed_by, purge_after - trashed_at as period from files where id = $1', [old])).rows[0];
      expect(row?.trashed_by).toBe(`retention:${rule.id}`);
      expect((await db.query('select count(*)::int as n from files where trashed_at is not null and tenant_id = $1', [tenantId])).rows[0]?.n).toBe(1);
      expect(await store.trashExpired(tenantId, 100)).toEqual([]);
      const events = (await db.query("select target, actor, detail from audit_events where tenant_id = $1 and action = 'file.trash'", [tenantId])).rows;
      expect(events).toEqual([{ target: old, actor: 'lifecycle', detail: expect.objectContaining({ rule_id: rule.id }) }]);
    });
  });
});
