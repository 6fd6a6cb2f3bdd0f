import type { AuditEvent } from '../domain/audit.ts';
import type { AccessCodeKind, AccessCodeRecord } from '../domain/access-code.ts';

/** A new code: its keyed hash (never the code), what it opens, its limits. */
export interface NewAccessCode {
  id: string;
  tenantId: string;
  kind: AccessCodeKind;
  subjectId: string;
  /** HMAC of the code's canonical form under the code-hashing key (hex). */
  codeHash: string;
  issuedBy: string;
  expiresAt: Date;
  useLimit: number;
  attemptLimit: number;
}

/** How a redemption went, decided in the store's transaction. */
export type RedeemOutcome =
  | { redeemed: true; code: AccessCodeRecord }
  | { redeemed: false; code: AccessCodeRecord; state: 'expired' | 'used_up' | 'locked' | 'revoked' };

/**
 * Spoken access codes, kept only as keyed hashes, per tenant (row-level security
 * fails closed). Every method is scoped by tenant id; a malformed id finds nothing.
 */
export interface AccessCodeStore {
  /**
   * Store a new code and, in the same transaction, its audit event. Rejects DomainError
   * `code_limit_reached` when the tenant already has `maxLive` live codes, and `conflict`
   * when the hash exists (a collision; the caller generates another code).
   */
  issue(code: NewAccessCode, options: { maxLive: number; now: Date; audit?: AuditEvent }): Promise<AccessCodeRecord>;
  /** The tenant's codes whose hash is one of `hashes`, in any state (so a page can say "expired"), each with its hash. */
  findByHashes(tenantId: string, hashes: readonly string[]): Promise<Array<AccessCodeRecord & { codeHash: string }>>;
  /** One code by id, in any state; null when the tenant has none such. */
  get(tenantId: string, id: string): Promise<AccessCodeRecord | null>;
  /**
   * Count one attempt on the code and, when it is live, one use; both atomically, with the
   * audit event `audit(outcome)` in the same transaction. Null when the tenant has no such code.
   */
  redeem(tenantId: string, id: string, options: { now: Date; audit?: (outcome: RedeemOutcome) => AuditEvent }): Promise<RedeemOutcome | null>;
  /** Count one attempt that named the code without using it (a refused redemption); the code after. */
  countAttempt(tenantId: string, id: string): Promise<AccessCodeRecord | null>;
  /** Revoke now (the first time counts); false when the tenant has no such code. */
  revoke(tenantId: string, id: string, now: Date): Promise<boolean>;
  /** Revoke every live code of a subject (a deleted file, a closed upload request); how many. */
  revokeForSubject(tenantId: string, kind: AccessCodeKind, subjectId: string, now: Date): Promise<number>;
}
