import type { AuditEvent, StoredAuditEvent } from '../domain/audit.ts';

/** Append-only audit trail. Nothing updates or deletes an event. */
export interface AuditLog {
  /** Append one event. */
  append(event: AuditEvent): Promise<void>;
  /** Newest events of a tenant first, optionally filtered by action or target. */
  list(tenantId: string, filter?: { action?: string; target?: string; limit?: number }): Promise<StoredAuditEvent[]>;
}
