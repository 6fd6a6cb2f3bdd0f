import type { AuditEvent, AuditOutcome, StoredAuditEvent } from '../../src/domain/audit.ts';
import type { AuditLog } from '../../src/ports/audit-log.port.ts';
import type { Database, Row } from '../../src/ports/database.port.ts';
import * as sql from './audit-log.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** AuditLog on Postgres: one row per event in the append-only `audit_events` table. */
export class PostgresAuditLog implements AuditLog {
  constructor(private readonly db: Database) {}

  async append(event: AuditEvent): Promise<void> {
    const params = auditEventParams(event);
    // Platform actions (no tenant) go through the one function allowed to write them.
    if (event.tenantId === null) await this.db.query(sql.INSERT_PLATFORM_EVENT, params.slice(1));
    else await inTenant(this.db, event.tenantId, (tx) => tx.query(sql.INSERT_EVENT, params));
  }

  async list(tenantId: string, filter: { action?: string; target?: string; limit?: number } = {}): Promise<StoredAuditEvent[]> {
    if (!isUuid(tenantId)) return [];
    const limit = Math.min(Math.max(Math.trunc(filter.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
    const { rows } = await inTenant(this.db, tenantId, (tx) =>
      tx.query(sql.SELECT_EVENTS, [tenantId, filter.action ?? null, filter.target ?? null, limit]),
    );
    return rows.map(toStoredEvent);
  }
}

/** The parameters of `INSERT_EVENT` for one event (also written by other stores inside their transactions). */
export function auditEventParams(event: AuditEvent): unknown[] {
  return [
    event.tenantId,
    event.actor,
    event.role,
    event.callId ?? null,
    event.requestId ?? null,
    event.action,
    event.target ?? null,
    event.outcome,
    JSON.stringify(event.detail ?? {}),
  ];
}

function toStoredEvent(row: Row): StoredAuditEvent {
  return {
    id: String(row.id),
    at: row.at as Date,
    tenantId: row.tenant_id === null ? null : String(row.tenant_id),
    actor: String(row.actor),
    role: String(row.role),
    callId: (row.call_id as string | null) ?? null,
    requestId: (row.request_id as string | null) ?? null,
    action: String(row.action),
    target: (row.target as string | null) ?? null,
    outcome: row.outcome as AuditOutcome,
    detail: (row.detail as Record<string, unknown> | null) ?? {},
  };
}
