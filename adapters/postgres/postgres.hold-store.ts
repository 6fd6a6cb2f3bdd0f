import { DomainError } from '../../src/domain/errors.ts';
import type { HoldScope, LegalHold } from '../../src/domain/hold.ts';
import type { Database, Row } from '../../src/ports/database.port.ts';
import type { HoldStore } from '../../src/ports/hold-store.port.ts';
import { INSERT_EVENT } from './audit-log.queries.ts';
import * as sql from './hold-store.queries.ts';
import { auditEventParams } from './postgres.audit-log.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** HoldStore on Postgres (server or PGlite): the `legal_holds` table of migration 051. */
export class PostgresHoldStore implements HoldStore {
  constructor(private readonly db: Database) {}

  async place(input: Parameters<HoldStore['place']>[0]): Promise<LegalHold> {
    const { tenantId, target } = input;
    if (!isUuid(tenantId)) throw new DomainError('tenant_not_found');
    if (target.scope === 'file' && !isUuid(target.fileId)) throw new DomainError('file_not_found');
    return inTenant(this.db, tenantId, async (tx) => {
      if (target.scope === 'file' && (await tx.query(sql.FILE_EXISTS, [tenantId, target.fileId])).rows.length === 0) throw new DomainError('file_not_found');
      const { rows } = await tx.query(sql.INSERT_HOLD, [
        tenantId,
        target.scope,
        target.scope === 'file' ? target.fileId : null,
        target.scope === 'customer' ? target.customerId : null,
        input.reason,
        input.placedBy,
      ]);
      const hold = toHold(rows[0]);
      await tx.query(INSERT_EVENT, auditEventParams(input.audit(hold)));
      return hold;
    });
  }

  async release(input: Parameters<HoldStore['release']>[0]): Promise<LegalHold | null> {
    const { tenantId, holdId } = input;
    if (!isUuid(tenantId) || !isUuid(holdId)) return null;
    return inTenant(this.db, tenantId, async (tx) => {
      const released = (await tx.query(sql.RELEASE_HOLD, [tenantId, holdId, input.releasedBy])).rows[0];
      if (!released) {
        const existing = (await tx.query(sql.SELECT_HOLD, [tenantId, holdId])).rows[0];
        return existing ? toHold(existing) : null;
      }
      const hold = toHold(released);
      await tx.query(INSERT_EVENT, auditEventParams(input.audit(hold)));
      return hold;
    });
  }

  async list(tenantId: string, options: { activeOnly?: boolean } = {}): Promise<LegalHold[]> {
    if (!isUuid(tenantId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_HOLDS, [tenantId, options.activeOnly === true]));
    return rows.map(toHold);
  }

  async coveringHold(tenantId: string, fileId: string): Promise<LegalHold | null> {
    if (!isUuid(tenantId) || !isUuid(fileId)) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_COVERING_HOLD, [tenantId, fileId]));
    return rows[0] ? toHold(rows[0]) : null;
  }
}

function toHold(row: Row | undefined): LegalHold {
  if (!row) throw new Error('expected a hold row');
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    scope: row.scope as HoldScope,
    fileId: (row.file_id as string | null) ?? null,
    customerId: (row.customer_id as string | null) ?? null,
    reason: String(row.reason),
    placedBy: String(row.placed_by),
    placedAt: row.placed_at as Date,
    releasedAt: (row.released_at as Date | null) ?? null,
    releasedBy: (row.released_by as string | null) ?? null,
  };
}
