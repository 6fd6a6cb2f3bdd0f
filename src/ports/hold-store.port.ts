import type { AuditEvent } from '../domain/audit.ts';
import type { HoldTarget, LegalHold } from '../domain/hold.ts';

/**
 * Legal holds of each tenant (migration 051). Every method is tenant-scoped; placing and
 * releasing write their audit event in the same transaction. Other stores ask about holds in
 * their own SQL through `vf_file_hold(tenant_id, file_id)`, so a check and the delete it guards
 * share one transaction.
 */
export interface HoldStore {
  /** Place a hold. A file hold needs a file of this tenant (live or in the trash): otherwise rejects `file_not_found`. */
  place(input: { tenantId: string; target: HoldTarget; reason: string; placedBy: string; audit: (hold: LegalHold) => AuditEvent }): Promise<LegalHold>;
  /** Release an active hold; a hold released before is returned as it is, without a second audit event. Null when there is no such hold. */
  release(input: { tenantId: string; holdId: string; releasedBy: string; audit: (hold: LegalHold) => AuditEvent }): Promise<LegalHold | null>;
  /** The tenant's holds, newest first; only active ones with `activeOnly`. */
  list(tenantId: string, options?: { activeOnly?: boolean }): Promise<LegalHold[]>;
  /** The active hold that covers this file (the oldest, when several do), or null. */
  coveringHold(tenantId: string, fileId: string): Promise<LegalHold | null>;
}
