import type { AuditEvent, StoredAuditEvent } from '../../../src/domain/audit.ts';
import type { AuditLog } from '../../../src/ports/audit-log.port.ts';

/** An in-memory AuditLog for unit tests. */
export class MemoryAuditLog implements AuditLog {
  readonly events: StoredAuditEvent[] = [];

  async append(event: AuditEvent): Promise<void> {
    this.events.push({ ...structuredClone(event), id: String(this.events.length + 1), at: new Date() });
  }

  async list(tenantId: string, filter: { action?: string; target?: string; limit?: number } = {}): Promise<StoredAuditEvent[]> {
    return this.events
      .filter((e) => e.tenantId === tenantId && (filter.action === undefined || e.action === filter.action) && (filter.target === undefined || e.target === filter.target))
      .reverse()
      .slice(0, filter.limit ?? 100);
  }
}
