import type { Locale } from '../../src/domain/tenant.ts';
import type { Database } from '../../src/ports/database.port.ts';
import type { Description, DescriptionCache } from '../../src/ports/describer.port.ts';
import * as sql from './description-cache.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Descriptions per version in `version_descriptions` (migration 015): shared by every node,
 * kept across restarts, removed with their version.
 */
export class PostgresDescriptionCache implements DescriptionCache {
  constructor(private readonly db: Database) {}

  async get(tenantId: string, versionId: string, describerId: string, locale: Locale): Promise<Description | null> {
    if (!isUuid(tenantId) || !isUuid(versionId)) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_DESCRIPTION, [tenantId, versionId, describerId, locale]));
    const stored = rows[0]?.description;
    if (!stored) return null;
    return (typeof stored === 'string' ? JSON.parse(stored) : stored) as Description;
  }

  async put(tenantId: string, versionId: string, describerId: string, locale: Locale, description: Description): Promise<void> {
    if (!isUuid(tenantId) || !isUuid(versionId)) return;
    try {
      await inTenant(this.db, tenantId, (tx) => tx.query(sql.UPSERT_DESCRIPTION, [tenantId, versionId, describerId, locale, JSON.stringify(description)]));
    } catch (error) {
      // The version was purged while it was being described: nothing to remember.
      if ((error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) return;
      throw error;
    }
  }
}
