import type { AccessCodeRecord } from '../domain/access-code.ts';
import type { AuditEvent } from '../domain/audit.ts';
import type { ShareConfirmation, ShareRecord } from '../domain/share.ts';
import type { NewAccessCode } from './access-code-store.port.ts';
import type { NotificationTarget } from './notifier.port.ts';

/** Which pending confirmation a completion names: all of it must match, or nothing is used. */
export interface ConfirmationClaim {
  tenantId: string;
  tokenHash: string;
  callKey: string;
  actor: string;
  fileId: string;
}

/**
 * Shares, their pending confirmations and the tenant's webhook target, per tenant
 * (row-level security fails closed).
 */
export interface ShareStore {
  /** Store a pending confirmation (its token only as `tokenHash`). */
  createConfirmation(confirmation: ShareConfirmation & { tokenHash: string }): Promise<void>;
  /**
   * Use up a confirmation that matches `claim` and has not expired at `now`: atomically, so a token
   * works once. Null when none matches (used, expired, another call's or file's, unknown).
   */
  useConfirmation(claim: ConfirmationClaim, now: Date): Promise<ShareConfirmation | null>;
  /**
   * In one transaction: use up the confirmation, create the share and its download code, and write
   * the audit event. Null when the confirmation does not match (nothing is written); rejects
   * `code_limit_reached` past the tenant's live codes (nothing is written, the token stays usable).
   */
  completeShare(
    claim: ConfirmationClaim,
    share: Omit<ShareRecord, 'fileId' | 'versionId' | 'recipient' | 'createdAt'>,
    code: Omit<NewAccessCode, 'subjectId' | 'tenantId' | 'kind'>,
    options: { now: Date; maxLive: number; audit: (share: ShareRecord) => AuditEvent },
  ): Promise<{ share: ShareRecord; code: AccessCodeRecord } | null>;
  /** A share by id; null when the tenant has none such. */
  getShare(tenantId: string, id: string): Promise<ShareRecord | null>;
  /** The tenant's webhook target, or null when it has none. */
  webhook(tenantId: string): Promise<NotificationTarget | null>;
  /** Set (or with null, remove) the tenant's webhook target. */
  setWebhook(tenantId: string, target: NotificationTarget | null): Promise<void>;
}
