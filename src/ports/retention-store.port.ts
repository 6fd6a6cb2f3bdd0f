import type { AuditEvent } from '../domain/audit.ts';
import type { RetentionMatch, RetentionRule } from '../domain/retention.ts';

/** Retention rules of each tenant (migration 052); the trash and the lifecycle job apply them in their own SQL. */
export interface RetentionStore {
  /** Add a rule, with its audit event. Rejects `conflict` when the tenant has a rule for the same category or tag. */
  create(input: { tenantId: string; match: RetentionMatch; value: string; minDays: number | null; maxDays: number | null; createdBy: string; audit: (rule: RetentionRule) => AuditEvent }): Promise<RetentionRule>;
  /** The tenant's rules, oldest first. */
  list(tenantId: string): Promise<RetentionRule[]>;
  /** Remove a rule, with its audit event; null when there is none. */
  remove(input: { tenantId: string; ruleId: string; audit: (rule: RetentionRule) => AuditEvent }): Promise<RetentionRule | null>;
}
