import type { AccessCounters } from '../../src/ports/access-counters.port.ts';
import type { Database } from '../../src/ports/database.port.ts';
import * as sql from './access-counters.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** AccessCounters on Postgres (server or PGlite): files.download_count and share_access_counts (migration 057). */
export class PostgresAccessCounters implements AccessCounters {
  constructor(private readonly db: Database) {}

  async recordDownload(tenantId: string, fileId: string, options: { shareId?: string | null; at?: Date } = {}): Promise<void> {
    if (!isUuid(tenantId) || !isUuid(fileId)) return;
    const at = options.at ?? new Date();
    const shareId = options.shareId && isUuid(options.shareId) ? options.shareId : null;
    await inTenant(this.db, tenantId, async (tx) => {
      await tx.query(sql.COUNT_FILE_DOWNLOAD, [tenantId, fileId, at]);
      if (shareId) await tx.query(sql.COUNT_SHARE_DOWNLOAD, [tenantId, fileId, at, shareId]);
    });
  }
}
