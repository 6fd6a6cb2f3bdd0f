import type { BlobReferences } from '../../src/ports/blob-references.port.ts';
import type { Database } from '../../src/ports/database.port.ts';
import * as sql from './blob-references.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** BlobReferences on the catalog's `blobs` table (server or PGlite). */
export class PostgresBlobReferences implements BlobReferences {
  constructor(private readonly db: Database) {}

  async referenced(tenantId: string, storageKeys: readonly string[]): Promise<Set<string>> {
    if (!isUuid(tenantId) || storageKeys.length === 0) return new Set();
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_REFERENCED_KEYS, [tenantId, [...storageKeys]]));
    return new Set(rows.map((row) => String(row.storage_key)));
  }
}
