/**
 * Row-level security, the second line of defence: as an ordinary role (superusers bypass
 * policies), with app.tenant_id set to tenant A, tenant B's rows are invisible even to a query
 * without a tenant filter, and rows for tenant B cannot be written.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../../adapters/postgres/pg.database.ts';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import type { SqlExecutor } from '../../src/ports/database.port.ts';
import { hasFailure, testDatabase, type TestDatabase } from '../support/db.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../support/services.ts';

const serverUp = await postgresAvailable();
const TABLES = ['files', 'file_versions', 'blobs', 'search_documents', 'api_keys', 'audit_events'] as const;

describe.skipIf(!serverUp)(serverUp ? 'row-level security on the Postgres server' : `row-level security (skipped: PostgreSQL server not reachable at ${TEST_DATABASE_URL})`, () => {
  let t: TestDatabase;
  const role = `vf_rls_${randomBytes(4).toString('hex')}`;
  const tenants: Record<'a' | 'b', string> = { a: '', b: '' };

  beforeAll(async () => {
    t = await testDatabase(import.meta.url, 'postgres');
    const { db, schema } = t;
    const s = quoteIdent(schema ?? 'public');
    await db.exec(`create role ${quoteIdent(role)} nologin nosuperuser nobypassrls`);
    await db.exec(`grant usage on schema ${s} to ${quoteIdent(role)};
      grant select, insert, update, delete on all tables in schema ${s} to ${quoteIdent(role)};
      grant usage on all sequences in schema ${s} to ${quoteIdent(role)}`);
    const catalog = new PostgresFileCatalog(db);
    const search = new PostgresSearchIndex(db);
    for (const key of ['a', 'b'] as const) {
      const { rows } = await db.query("insert into tenants (slug, name, locale) values ($1, $1, 'en') returning id", [`rls-${key}-${role}`]);
      const tenantId = String(rows[0]?.id);
      tenants[key] = tenantId;
      const blobId = randomUUID();
      const { file, version } = await catalog.recordIntake({
        tenantId, name: 'Quarterly numbers.pdf', customerId: null, visibility: 'public',
        blob: { id: blobId, sha256: key.repeat(64), size: 10, storageKey: `k/${blobId}` },
        mimeType: 'application/pdf', extension: 'pdf', kind: 'document',
      });
      await search.upsert({
        tenantId, fileId: file.id, versionId: version.id, name: file.name, title: null, kind: 'document',
        mimeType: 'application/pdf', customerId: null, visibility: 'public', createdAt: file.createdAt, text: 'numbers',
      });
      await db.query('insert into api_keys (tenant_id, key_hash) values ($1, $2)', [tenantId, `hash-${key}-${role}`]);
      await db.query("insert into audit_events (tenant_id, actor, role, action, outcome) values ($1, 'key:x', 'api', 'seed', 'ok')", [tenantId]);
    }
  });

  afterAll(async ({}, suite) => {
    if (!t) return;
    await t.db.exec(`drop owned by ${quoteIdent(role)}; drop role ${quoteIdent(role)}`).catch(() => undefined);
    await t.cleanup(!hasFailure(suite));
  });

  /** Run `work` as the ordinary role, with app.tenant_id set to `tenantId` ('' = platform). */
  const asRole = <T>(tenantId: string, work: (tx: SqlExecutor) => Promise<T>) =>
    t.db.transaction(async (tx) => {
      await tx.query(`set local role ${quoteIdent(role)}`);
      await tx.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
      return work(tx);
    });

  const tenantsIn = async (tx: SqlExecutor, table: (typeof TABLES)[number]) =>
    (await tx.query(`select distinct tenant_id from ${quoteIdent(table)} order by 1`)).rows.map((r) => String(r.tenant_id));

  it('runs as a role that row-level security applies to', async () => {
    const { rows } = await asRole(tenants.a, (tx) => tx.query('select rolsuper, rolbypassrls from pg_roles where rolname = current_user'));
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('enables and forces row-level security on every table with a tenant_id (FORCE: the owner role is bound too)', async () => {
    const { rows } = await t.db.query(
      `select c.relname, c.relrowsecurity, c.relforcerowsecurity, exists (select 1 from pg_policy p where p.polrelid = c.oid) as has_policy
       from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
       where c.relnamespace = $1::regnamespace and c.relkind = 'r' order by c.relname`,
      [t.schema],
    );
    expect(rows.map((r) => r.relname)).toEqual(expect.arrayContaining([...TABLES]));
    expect(rows.filter((r) => !(r.relrowsecurity && r.relforcerowsecurity && r.has_policy))).toEqual([]);
  });

  it.each(TABLES)("hides tenant B's rows in %s from a query without a tenant filter", async (table) => {
    expect(await asRole(tenants.a, (tx) => tenantsIn(tx, table))).toEqual([tenants.a]);
    expect(await asRole(tenants.b, (tx) => tenantsIn(tx, table))).toEqual([tenants.b]);
  });

  it('lets platform work (no tenant set) see every tenant, e.g. to resolve an API key', async () => {
    expect(await asRole('', (tx) => tenantsIn(tx, 'api_keys'))).toEqual([tenants.a, tenants.b].sort());
  });

  it('refuses to insert a row for tenant B while bound to tenant A', async () => {
    await expect(
      asRole(tenants.a, (tx) => tx.query("insert into files (tenant_id, name, visibility) values ($1, 'planted.pdf', 'public')", [tenants.b])),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      asRole(tenants.a, (tx) => tx.query("insert into audit_events (tenant_id, actor, role, action, outcome) values ($1, 'x', 'x', 'forged', 'ok')", [tenants.b])),
    ).rejects.toMatchObject({ code: '42501' });
    // The same insert for tenant A itself is allowed (the policy is what refused it).
    await asRole(tenants.a, (tx) => tx.query("insert into files (tenant_id, name, visibility) values ($1, 'mine.pdf', 'public')", [tenants.a]));
  });

  it("cannot move a visible row into tenant B or touch B's rows", async () => {
    await expect(asRole(tenants.a, (tx) => tx.query('update files set tenant_id = $1 where tenant_id = $2', [tenants.b, tenants.a]))).rejects.toMatchObject({
      code: '42501',
    });
    const deleted = await asRole(tenants.a, (tx) => tx.query('delete from search_documents where tenant_id = $1 returning file_id', [tenants.b]));
    expect(deleted.rows).toEqual([]);
  });
});
