/**
 * The adapters on the catalog database (tenants, files, audit; the search index has its own file) on
 * PGlite and on the Postgres server. One file, so PGlite starts once (seconds of CPU each time).
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresAuditLog } from '../../adapters/postgres/postgres.audit-log.ts';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresTenantStore } from '../../adapters/postgres/postgres.tenant-store.ts';
import { bundledMigrations, migrate } from '../../adapters/postgres/migrate.ts';
import { PostgresProcessingStore } from '../../adapters/postgres/postgres.processing-store.ts';
import { PgBossJobQueue } from '../../adapters/queue/pg-boss.job-queue.ts';
import { InProcessEventBus } from '../../adapters/events/in-process.event-bus.ts';
import { PostgresNotifyEventBus } from '../../adapters/events/postgres-notify.event-bus.ts';
import type { BusEvent, EventBus } from '../../src/ports/event-bus.port.ts';
import type { JobName } from '../../src/ports/job-queue.port.ts';
import type { Blob } from '../../src/domain/file.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { forEachEngine } from '../support/db.ts';
import { auditLogContract } from './audit-log.contract.ts';
import { fileCatalogContract } from './file-catalog.contract.ts';
import { processingStoreContract } from './processing-store.contract.ts';
import { tenantStoreContract } from './tenant-store.contract.ts';

/** A tenant row straight in SQL, so these suites do not depend on the TenantStore. */
async function insertTenant(db: Database): Promise<string> {
  const slug = `t-${randomBytes(5).toString('hex')}`;
  const { rows } = await db.query("insert into tenants (slug, name, locale) values ($1, $1, 'en') returning id", [slug]);
  return String(rows[0]?.id);
}

/** A file with one version. */
async function insertFile(db: Database, tenantId: string): Promise<{ fileId: string; versionId: string }> {
  const sha = createHash('sha256').update(randomBytes(16)).digest('hex');
  const { rows } = await db.query(
    `with b as (insert into blobs (tenant_id, sha256, size, storage_key) values ($1, $2, 1, 'k') returning id),
          f as (insert into files (tenant_id, name, visibility) values ($1, 'x', 'internal') returning id)
     insert into file_versions (tenant_id, file_id, version, blob_id, sha256, size, mime_type, extension, kind)
     select $1, f.id, 1, b.id, $2, 1, 'application/pdf', 'pdf', 'document' from f, b
     returning file_id, id`,
    [tenantId, sha],
  );
  return { fileId: String(rows[0]?.file_id), versionId: String(rows[0]?.id) };
}

async function blobsOf(db: Database, tenantId: string): Promise<Blob[]> {
  const { rows } = await db.query('select * from blobs where tenant_id = $1 order by created_at, id', [tenantId]);
  return rows.map((row) => ({
    id: String(row.id),
    tenantId: String(row.tenant_id),
    sha256: String(row.sha256),
    size: Number(row.size),
    storageKey: String(row.storage_key),
    refCount: Number(row.ref_count),
  }));
}

await forEachEngine(import.meta.url, (ctx) => {
  describe('TenantStore', () => {
    tenantStoreContract(() => ({
      store: new PostgresTenantStore(ctx().db),
      revokeApiKey: async (keyId) => {
        await ctx().db.query('update api_keys set revoked_at = now() where id = $1', [keyId]);
      },
    }));
  });

  describe('FileCatalog', () => {
    fileCatalogContract(() => ({
      catalog: new PostgresFileCatalog(ctx().db),
      newTenant: () => insertTenant(ctx().db),
      blobsOf: (tenantId) => blobsOf(ctx().db, tenantId),
    }));
  });

  describe('ProcessingStore', () => {
    const schema = `pgboss_store_${randomBytes(4).toString('hex')}`;
    let queue: PgBossJobQueue;
    let bus: EventBus;
    const events = new Map<string, BusEvent[]>();
    beforeAll(async () => {
      const { db, engine } = ctx();
      queue = new PgBossJobQueue({ database: db, schema });
      await queue.start();
      bus = engine === 'postgres' ? new PostgresNotifyEventBus({ database: db, channel: schema, onError: () => undefined }) : new InProcessEventBus();
    });
    afterAll(async () => {
      await bus?.close?.();
      await queue?.stop(0);
      await ctx().db.exec(`drop schema if exists ${schema} cascade`);
    });
    processingStoreContract(() => ({
      store: new PostgresProcessingStore(ctx().db, { jobs: queue, events: bus }),
      async newVersion() {
        const tenantId = await insertTenant(ctx().db);
        events.set(tenantId, []);
        await bus.subscribe(tenantId, (e) => events.get(tenantId)?.push(e));
        const { fileId, versionId } = await insertFile(ctx().db, tenantId);
        const blob = await ctx().db.query('select blob_id from file_versions where id = $1', [versionId]);
        return { tenantId, fileId, versionId, blobId: String(blob.rows[0]?.blob_id) };
      },
      jobsOf: async (versionId) =>
        (await ctx().db.query(`select name from ${schema}.job where singleton_key = $1 order by created_on`, [versionId])).rows.map((r) => r.name as JobName),
      auditOf: async (tenantId) => (await ctx().db.query('select action from audit_events where tenant_id = $1 order by id', [tenantId])).rows.map((r) => String(r.action)),
      async eventsOf(tenantId) {
        // NOTIFY is asynchronous: a marker published after the moves arrives after their events.
        const marker = { type: 'marker', tenantId, data: {} };
        await bus.publish(marker);
        const deadline = Date.now() + 5_000;
        while (!events.get(tenantId)?.some((e) => e.type === 'marker') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        return (events.get(tenantId) ?? []).filter((e) => e.type !== 'marker');
      },
      quarantined: async (tenantId, blobId) =>
        (await ctx().db.query('select quarantined_at is not null as q from blobs where tenant_id = $1 and id = $2', [tenantId, blobId])).rows[0]?.q === true,
    }));
  });

  describe('AuditLog', () => {
    auditLogContract(() => ({ log: new PostgresAuditLog(ctx().db), newTenant: () => insertTenant(ctx().db) }));

    it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
      const { db } = ctx();
      const log = new PostgresAuditLog(db);
      const tenantId = await insertTenant(db);
      await log.append({ tenantId, actor: 'key:1', role: 'api', action: 'file.upload', outcome: 'ok' });
      await expect(db.query("update audit_events set outcome = 'denied' where tenant_id = $1", [tenantId])).rejects.toThrow(/append-only/);
      await expect(db.query('delete from audit_events where tenant_id = $1', [tenantId])).rejects.toThrow(/append-only/);
      await expect(db.exec('truncate audit_events')).rejects.toThrow(/append-only/);
      expect((await log.list(tenantId)).map((e) => e.outcome)).toEqual(['ok']);
    });
  });

  describe('migrations', () => {
    it('apply once: running them again, even concurrently, applies nothing', async () => {
      const { db } = ctx();
      expect(await Promise.all([migrate(db), migrate(db)])).toEqual([[], []]);
      const { rows } = await db.query('select name from schema_migrations order by name');
      expect(rows.map((r) => r.name)).toEqual(bundledMigrations().map((m) => m.name));
      expect(rows[0]?.name).toBe('001_catalog.sql');
    });

    it('roll back a failing migration whole and record nothing', async () => {
      const { db } = ctx();
      const broken = { name: '999_broken.sql', sql: 'create table vf_probe (id int); select * from no_such_table;' };
      await expect(migrate(db, [broken])).rejects.toThrow(/999_broken\.sql/);
      const { rows } = await db.query("select to_regclass('vf_probe') as probe, (select count(*) from schema_migrations where name = '999_broken.sql')::int as recorded");
      expect(rows[0]).toEqual({ probe: null, recorded: 0 });
    });

    it('keep ids server-generated and foreign keys tenant-consistent', async () => {
      const { db } = ctx();
      const [a, b] = [await insertTenant(db), await insertTenant(db)];
      const file = await db.query("insert into files (tenant_id, name, visibility) values ($1, 'x.pdf', 'internal') returning id", [b]);
      const blob = await db.query("insert into blobs (tenant_id, sha256, size, storage_key) values ($1, repeat('a', 64), 1, 'k') returning id", [a]);
      expect(String(file.rows[0]?.id)).toMatch(/^[0-9a-f-]{36}$/);
      // A version of tenant A cannot point at tenant B's file, even with tenant A's blob.
      await expect(
        db.query(
          "insert into file_versions (tenant_id, file_id, version, blob_id, sha256, size, mime_type, extension, kind) values ($1, $2, 1, $3, 'x', 1, 'a', 'b', 'text')",
          [a, file.rows[0]?.id, blob.rows[0]?.id],
        ),
      ).rejects.toMatchObject({ code: '23503', constraint: 'file_versions_tenant_id_file_id_fkey' });
    });
  });
});
