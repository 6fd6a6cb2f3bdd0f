/** The AttachmentStore on Postgres, on PGlite and on the Postgres server. */
import { createHash, randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { PostgresAttachmentStore } from '../../adapters/postgres/postgres.attachment-store.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { forEachEngine } from '../support/db.ts';
import { attachmentStoreContract } from './attachment-store.contract.ts';

async function newMessage(db: Database): Promise<{ tenantId: string; fileId: string; versionId: string }> {
  const slug = `t-${randomBytes(5).toString('hex')}`;
  const tenant = await db.query("insert into tenants (slug, name, locale) values ($1, $1, 'de') returning id", [slug]);
  const tenantId = String(tenant.rows[0]?.id);
  const sha = createHash('sha256').update(randomBytes(16)).digest('hex');
  const { rows } = await db.query(
    `with b as (insert into blobs (tenant_id, sha256, size, storage_key) values ($1, $2, 1, 'k') returning id),
          f as (insert into files (tenant_id, name, customer_id, visibility) values ($1, 'Rechnung.eml', 'cust-9', 'customer') returning id)
     insert into file_versions (tenant_id, file_id, version, blob_id, sha256, size, mime_type, extension, kind)
     select $1, f.id, 1, b.id, $2, 1, 'message/rfc822', 'eml', 'document' from f, b
     returning file_id, id`,
    [tenantId, sha],
  );
  return { tenantId, fileId: String(rows[0]?.file_id), versionId: String(rows[0]?.id) };
}

await forEachEngine(import.meta.url, (ctx) => {
  describe('AttachmentStore', () => {
    attachmentStoreContract(() => ({
      store: new PostgresAttachmentStore(ctx().db),
      newMessage: () => newMessage(ctx().db),
      refCount: async (tenantId, sha256) => {
        const { rows } = await ctx().db.query('select ref_count from blobs where tenant_id = $1 and sha256 = $2', [tenantId, sha256]);
        return Number(rows[0]?.ref_count);
      },
    }));
  });
});
