/** Rows straight in SQL for suites that need tenants and files but not the catalog adapters. */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../src/ports/database.port.ts';

/** A tenant row; resolves to its id. */
export async function insertTenant(db: Database, locale: 'en' | 'de' = 'en'): Promise<string> {
  const slug = `t-${randomBytes(5).toString('hex')}`;
  const { rows } = await db.query('insert into tenants (slug, name, locale) values ($1, $1, $2) returning id', [slug, locale]);
  return String(rows[0]?.id);
}

/** A file with one version (the search index refers to both: foreign keys, same tenant). */
export async function insertFile(db: Database, tenantId: string): Promise<{ fileId: string; versionId: string }> {
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
