/** The DescriptionCache on PGlite and on the Postgres server (migration 015). */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PostgresDescriptionCache } from '../../adapters/postgres/postgres.description-cache.ts';
import type { Database } from '../../src/ports/database.port.ts';
import type { Description } from '../../src/ports/describer.port.ts';
import { forEachEngine } from '../support/db.ts';

async function insertTenant(db: Database): Promise<string> {
  const slug = `t-${randomBytes(5).toString('hex')}`;
  const { rows } = await db.query("insert into tenants (slug, name, locale) values ($1, $1, 'en') returning id", [slug]);
  return String(rows[0]?.id);
}

async function insertVersion(db: Database, tenantId: string): Promise<{ fileId: string; versionId: string }> {
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

const said: Description = { source: 'bedrock', sentence: 'A lease between Acme and Jane Smith, ending with three months notice.' };

await forEachEngine(import.meta.url, (ctx) => {
  describe('DescriptionCache (version_descriptions)', () => {
    it('remembers a description per version, describer and locale; a second write replaces the first', async () => {
      const { db } = ctx();
      const cache = new PostgresDescriptionCache(db);
      const tenant = await insertTenant(db);
      const { versionId } = await insertVersion(db, tenant);
      expect(await cache.get(tenant, versionId, 'bedrock/m/1', 'en')).toBeNull();
      await cache.put(tenant, versionId, 'bedrock/m/1', 'en', said);
      expect(await cache.get(tenant, versionId, 'bedrock/m/1', 'en')).toEqual(said);
      expect(await cache.get(tenant, versionId, 'bedrock/m/1', 'de')).toBeNull();
      expect(await cache.get(tenant, versionId, 'bedrock/other/1', 'en')).toBeNull();
      await cache.put(tenant, versionId, 'bedrock/m/1', 'en', { source: 'bedrock', sentence: 'Newer.' });
      expect(await cache.get(tenant, versionId, 'bedrock/m/1', 'en')).toEqual({ source: 'bedrock', sentence: 'Newer.' });
    });

    it("never shows or takes another tenant's entries; a version of another tenant cannot be written", async () => {
      const { db } = ctx();
      const cache = new PostgresDescriptionCache(db);
      const [mine, theirs] = [await insertTenant(db), await insertTenant(db)];
      const { versionId } = await insertVersion(db, mine);
      await cache.put(mine, versionId, 'd', 'en', said);
      expect(await cache.get(theirs, versionId, 'd', 'en')).toBeNull();
      await cache.put(theirs, versionId, 'd', 'en', { source: 'bedrock', sentence: 'Planted.' });
      expect(await cache.get(mine, versionId, 'd', 'en')).toEqual(said);
      expect(await cache.get('not-a-uuid', versionId, 'd', 'en')).toBeNull();
    });

    it('forgets entries with their version, and ignores a write for a version already gone', async () => {
      const { db } = ctx();
      const cache = new PostgresDescriptionCache(db);
      const tenant = await insertTenant(db);
      const { fileId, versionId } = await insertVersion(db, tenant);
      await cache.put(tenant, versionId, 'd', 'en', said);
      await db.query('delete from file_versions where tenant_id = $1 and id = $2', [tenant, versionId]);
      await db.query('delete from files where tenant_id = $1 and id = $2', [tenant, fileId]);
      const { rows } = await db.query('select count(*)::int as n from version_descriptions where tenant_id = $1', [tenant]);
      expect(rows[0]?.n).toBe(0);
      await expect(cache.put(tenant, versionId, 'd', 'en', said)).resolves.toBeUndefined();
      await expect(cache.put(tenant, randomUUID(), 'd', 'en', said)).resolves.toBeUndefined();
    });
  });
});
