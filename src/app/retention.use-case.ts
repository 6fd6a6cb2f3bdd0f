import { DomainError } from '../domain/errors.ts';
import { actorOf, type Principal } from '../domain/principal.ts';
import type { RetentionRule } from '../domain/retention.ts';
import type { RetentionStore } from '../ports/retention-store.port.ts';
import { auditEventOf, type RequestContext } from './audit.ts';

export interface RetentionDeps {
  retention: RetentionStore;
}

/** `POST /v1/retention-rules` as the input gate passed it: exactly one of category and tag, at least one of min_days and max_days. */
export interface RetentionRuleInput {
  category?: string;
  tag?: string;
  min_days?: number;
  max_days?: number;
}

const detail = (rule: RetentionRule) => ({ rule_id: rule.id, match: rule.match, value: rule.value, min_days: rule.minDays, max_days: rule.maxDays });

export async function createRetentionRule(deps: RetentionDeps, principal: Principal, ctx: RequestContext, input: RetentionRuleInput): Promise<RetentionRule> {
  if ((input.category === undefined) === (input.tag === undefined)) {
    throw new DomainError('validation_failed', 'A retention rule matches exactly one of: category or tag.', { details: { body: 'needs exactly one of category, tag' } });
  }
  if (input.min_days === undefined && input.max_days === undefined) {
    throw new DomainError('validation_failed', 'A retention rule needs min_days, max_days or both.', { details: { body: 'needs min_days or max_days' } });
  }
  if (input.min_days !== undefined && input.max_days !== undefined && input.min_days > input.max_days) {
    throw new DomainError('validation_failed', 'min_days cannot be larger than max_days.', { details: { min_days: 'must not exceed max_days' } });
  }
  const [match, value] = input.category !== undefined ? (['category', input.category] as const) : (['tag', input.tag!.trim().toLowerCase()] as const);
  return deps.retention.create({
    tenantId: principal.tenantId,
    match,
    value,
    minDays: input.min_days ?? null,
    maxDays: input.max_days ?? null,
    createdBy: actorOf(principal),
    audit: (rule) => auditEventOf(principal, ctx, 'retention.create', 'ok', rule.id, detail(rule)),
  });
}

export async function listRetentionRules(deps: RetentionDeps, principal: Principal): Promise<RetentionRule[]> {
  return deps.retention.list(principal.tenantId);
}

export async function deleteRetentionRule(deps: RetentionDeps, principal: Principal, ctx: RequestContext, ruleId: string): Promise<RetentionRule> {
  const rule = await deps.retention.remove({
    tenantId: principal.tenantId,
    ruleId: ruleId.toLowerCase(),
    audit: (removed) => auditEventOf(principal, ctx, 'retention.delete', 'ok', removed.id, detail(removed)),
  });
  if (!rule) throw new DomainError('not_found', 'That retention rule does not exist for this tenant.');
  return rule;
}
