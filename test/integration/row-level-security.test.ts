/**
 * Row-level security as a real second line of defence, through the application's own database
 * connection as the composition root opens it (src/composition/database.ts): on PGlite (the
 * embedded superuser migrates, then the session runs as `voicefiles_app`) and on the PostgreSQL
 * server (migrations as an owner role, requests as a role that owns nothing, set up as
 * infra/postgres/init.sql does). A query that forgets the tenant sees nothing, a write for another
 * tenant is refused, the runtime role cannot widen its own view, and the platform functions are
 * the only way across tenants.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresAuditLog } from '../../adapters/postgres/postgres.audit-log.ts';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresProcessingStore } from '../../adapters/postgres/postgres.processing-store.ts';
import { PostgresTenantStore } from '../../adapters/postgres/postgres.tenant-store.ts';
import { bindTenant } from '../../adapters/postgres/tenant-scope.ts';
import { InProcessEventBus } from '../../adapters/events/in-process.event-bus.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { openDatabase } from '../../src/composition/database.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database, SqlExecutor } from '../../src/ports/database.port.ts';
import { createRoleSeparatedDatabase, type RoleSeparatedDatabase } from '../support/role-separated-database.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../support/services.ts';

const serverUp = await postgresAvailable();
const TABLES = ['files', 'file_versions', 'blobs', 'search_entries', 'search_postings', 'search_passages', 'search_terms', 'api_keys', 'audit_events', 'scan_results'] as const;

for (const engine of ['pglite', 'postgres'] as const) {
  const skip = engine === 'postgres' && !serverUp;
  describe.skipIf(skip)(skip ? `row-level security on postgres (skipped: PostgreSQL server not reachable at ${TEST_DATABASE_URL})` : `row-level security through the application's connection on ${engine}`, () => {
    let db: Database;
    let dataDir: string;
    let server: RoleSeparatedDatabase | undefined;
    const tenants: Record<'a' | 'b', { id: string; keyHash: string; versionId: string }> = { a: { id: '', keyHash: '', versionId: '' }, b: { id: '', keyHash: '', versionId: '' } };

    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-rls-'));
      const env: Record<string, string> = { VOICEFILES_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
      if (engine === 'postgres') {
        server = await createRoleSeparatedDatabase(TEST_DATABASE_URL, 'vf_rls');
        env.DATABASE_URL = server.url;
        env.DATABASE_MIGRATION_URL = server.migrationUrl;
      }
      ({ db } = await openDatabase(loadConfig(env), pino({ level: 'silent' })));
      const links = { jobs: { sendInTransaction: async () => undefined }, events: new InProcessEventBus() };
      for (const key of ['a', 'b'] as const) {
        const keyHash = randomBytes(32).toString('hex');
        const tenant = await new PostgresTenantStore(db).createTenant({ slug: `rls-${key}-${randomBytes(3).toString('hex')}`, name: key, locale: 'en', apiKeyId: randomUUID(), apiKeyHash: keyHash });
        const blobId = randomUUID();
        const sha = createHash('sha256').update(key).digest('hex');
        const { file, version } = await new PostgresFileCatalog(db).recordIntake({
          tenantId: tenant.id, name: 'Quarterly numbers.pdf', customerId: null, visibility: 'public',
          blob: { id: blobId, sha256: sha, size: 10, storageKey: `tenants/${tenant.id}/blobs/${blobId}` },
          mimeType: 'application/pdf', extension: 'pdf', kind: 'document',
          audit: () => ({ tenantId: tenant.id, actor: 'key:x', role: 'api', action: 'file.upload', outcome: 'ok' }),
        });
        await new PostgresSearchIndex(db).upsert({
          tenantId: tenant.id, fileId: file.id, versionId: version.id, name: file.name, title: null, kind: 'document',
          mimeType: 'application/pdf', customerId: null, visibility: 'public', createdAt: file.createdAt, text: 'numbers',
        });
        await new PostgresProcessingStore(db, links).rememberScan(tenant.id, sha, 'sig-1', { verdict: 'clean' });
        tenants[key] = { id: tenant.id, keyHash, versionId: version.id };
      }
    });

    afterAll(async () => {
      await db?.close();
      await server?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const bound = <T>(tenantId: string, work: (tx: SqlExecutor) => Promise<T>) =>
      db.transaction(async (tx) => {
        await bindTenant(tx, tenantId);
        return work(tx);
      });
    const tenantsIn = async (tx: SqlExecutor, table: string) => (await tx.query(`select distinct tenant_id from ${table} order by 1`)).rows.map((r) => String(r.tenant_id));

    it('runs as a role that owns nothing and that row-level security binds', async () => {
      const { rows } = await db.query(
        `select r.rolsuper, r.rolbypassrls, pg_has_role(current_user, c.relowner, 'USAGE') as owns
         from pg_roles r, pg_class c where r.rolname = current_user and c.oid = 'files'::regclass`,
      );
      expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owns: false });
    });

    it('forces row-level security on every table with a tenant_id, with a fail-closed policy', async () => {
      const { rows } = await db.query(
        `select c.relname, c.relrowsecurity and c.relforcerowsecurity as forced,
                array(select pg_get_expr(p.polqual, p.polrelid) from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation') as quals
         from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
         where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' order by c.relname`,
      );
      expect(rows.map((r) => r.relname)).toEqual(expect.arrayContaining([...TABLES]));
      for (const row of rows) {
        expect(row.forced, String(row.relname)).toBe(true);
        // The convention's form, or the same evaluated once per statement (migration 003's tables).
        expect(row.quals, String(row.relname)).toEqual([expect.stringMatching(/^\(tenant_id = (vf_current_tenant\(\)|\( SELECT vf_current_tenant\(\) AS vf_current_tenant\))\)$/)]);
      }
    });

    it.each(TABLES)('an unscoped query on %s through the application connection gets zero rows', async (table) => {
      expect((await db.query(`select * from ${table}`)).rows).toEqual([]);
      expect(await bound(tenants.a.id, (tx) => tenantsIn(tx, table))).toEqual([tenants.a.id]);
      expect(await bound(tenants.b.id, (tx) => tenantsIn(tx, table))).toEqual([tenants.b.id]);
    });

    it('gains nothing by setting the platform switch itself: only the owner, inside the platform functions, passes it', async () => {
      const seen = await db.transaction(async (tx) => {
        await tx.query("select set_config('app.platform', 'on', true)");
        return (await tx.query('select tenant_id from files')).rows;
      });
      expect(seen).toEqual([]);
    });

    it('refuses writes for another tenant, and writes without a tenant', async () => {
      await expect(bound(tenants.a.id, (tx) => tx.query("insert into files (tenant_id, name, visibility) values ($1, 'planted.pdf', 'public')", [tenants.b.id]))).rejects.toMatchObject({ code: '42501' });
      await expect(bound(tenants.a.id, (tx) => tx.query("insert into audit_events (tenant_id, actor, role, action, outcome) values ($1, 'x', 'x', 'forged', 'ok')", [tenants.b.id]))).rejects.toMatchObject({ code: '42501' });
      await expect(bound(tenants.a.id, (tx) => tx.query('update files set tenant_id = $1 where tenant_id = $2', [tenants.b.id, tenants.a.id]))).rejects.toMatchObject({ code: '42501' });
      await expect(db.query("insert into audit_events (tenant_id, actor, role, action, outcome) values (null, 'x', 'x', 'forged', 'ok')")).rejects.toMatchObject({ code: '42501' });
      const touched = await bound(tenants.a.id, (tx) => tx.query('delete from search_entries where tenant_id = $1 returning file_id', [tenants.b.id]));
      expect(touched.rows).toEqual([]);
      // The same write for its own tenant is allowed: the policy is what refused the others.
      await bound(tenants.a.id, (tx) => tx.query("insert into files (tenant_id, name, visibility) values ($1, 'mine.pdf', 'public')", [tenants.a.id]));
    });

    it('may change data, never the shape or the policies, and never the audit trail', async () => {
      await expect(db.query('alter table files disable row level security')).rejects.toMatchObject({ code: '42501' });
      await expect(db.query('drop policy tenant_isolation on files')).rejects.toMatchObject({ code: '42501' });
      await expect(db.query('create table planted (id int)')).rejects.toMatchObject({ code: '42501' });
      await expect(bound(tenants.a.id, (tx) => tx.query("update audit_events set outcome = 'denied' where tenant_id = $1", [tenants.a.id]))).rejects.toMatchObject({ code: '42501' });
      await expect(db.query('select vf_grant_runtime(current_user, null)')).rejects.toMatchObject({ code: '42501' });
    });

    it('reaches across tenants only through the platform functions, which return only what their callers need', async () => {
      const store = new PostgresTenantStore(db);
      expect((await store.findApiKey(tenants.a.keyHash))?.tenant.id).toBe(tenants.a.id);
      expect((await store.findApiKey(tenants.b.keyHash))?.tenant.id).toBe(tenants.b.id);
      expect(await store.findApiKey('no-such-hash')).toBeNull();
      const links = { jobs: { sendInTransaction: async () => undefined }, events: new InProcessEventBus() };
      const stored = await new PostgresProcessingStore(db, links).listInStates(['stored'], 100);
      expect(stored.map((v) => v.versionId).sort()).toEqual([tenants.a.versionId, tenants.b.versionId].sort());
      await new PostgresAuditLog(db).append({ tenantId: null, actor: 'master', role: 'admin', action: 'tenant.lookup', outcome: 'ok' });
    });
  });
}
