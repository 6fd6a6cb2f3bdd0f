import type { Database } from '../../src/ports/database.port.ts';
import type { SessionRevocations } from '../../src/ports/session-revocations.port.ts';
import * as sql from './session-revocations.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** SessionRevocations on Postgres (server or PGlite): one row per revoked session until its token would have expired. */
export class PostgresSessionRevocations implements SessionRevocations {
  constructor(private readonly db: Database) {}

  async revoke(tenantId: string, sessionId: string, until: Date): Promise<void> {
    if (!isUuid(tenantId) || !isUuid(sessionId)) return;
    await inTenant(this.db, tenantId, async (tx) => {
      await tx.query(sql.DELETE_EXPIRED, [tenantId]);
      await tx.query(sql.INSERT_REVOCATION, [tenantId, sessionId, until]);
    });
  }

  async isRevoked(tenantId: string, sessionId: string): Promise<boolean> {
    if (!isUuid(tenantId) || !isUuid(sessionId)) return false;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_REVOKED, [tenantId, sessionId]));
    return rows.length > 0;
  }
}
