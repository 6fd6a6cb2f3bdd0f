export const HOLD_SCOPES = ['file', 'customer', 'tenant'] as const;
/** What a legal hold covers: one file, every file of one customer id, or the whole tenant. */
export type HoldScope = (typeof HOLD_SCOPES)[number];

/**
 * A legal hold: while it is active (not released), nothing it covers may be deleted, trashed by
 * a retention rule, purged or erased. Holds are released, never deleted.
 */
export interface LegalHold {
  id: string;
  tenantId: string;
  scope: HoldScope;
  fileId: string | null;
  customerId: string | null;
  reason: string;
  /** Who placed it, as audit events name actors. */
  placedBy: string;
  placedAt: Date;
  releasedAt: Date | null;
  releasedBy: string | null;
}

/** What a new hold covers. */
export type HoldTarget = { scope: 'file'; fileId: string } | { scope: 'customer'; customerId: string } | { scope: 'tenant' };
