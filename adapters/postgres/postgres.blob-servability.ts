import type { BlobServability } from '../../src/ports/blob-servability.port.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** Blob keys name their tenant: `tenants/<tenant id>/...` (src/app/intake). */
const TENANT_OF_KEY = /^tenants\/([0-9a-f-]{36})\//i;

/** Run inside inTenant(): $1 tenant, $2 storage key, $3 whether `unscanned` is servable. */
const SERVABLE = `
select b.quarantined_at is null
   and coalesce(bool_or(v.status = 'ready' or ($3::boolean and v.status = 'unscanned')), false)
   and not coalesce(bool_or(v.status in ('infected', 'rejected')), false) as servable
from blobs b
left join file_versions v on v.tenant_id = b.tenant_id and v.blob_id = b.id
where b.tenant_id = $1 and b.storage_key = $2
group by b.id, b.quarantined_at`;

/** BlobServability on the catalog tables (blobs, file_versions). */
export class PostgresBlobServability implements BlobServability {
  constructor(private readonly db: Database) {}

  async servable(storageKey: string, options: { unscannedAllowed: boolean }): Promise<boolean> {
    const tenantId = TENANT_OF_KEY.exec(storageKey)?.[1];
    if (!tenantId || !isUuid(tenantId)) return false;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(SERVABLE, [tenantId, storageKey, options.unscannedAllowed]));
    return rows[0]?.servable === true;
  }
}
