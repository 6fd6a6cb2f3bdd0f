import type { AuditEvent, AuditOutcome, StoredAuditEvent } from '../domain/audit.ts';
import { actorOf, roleOf, type Principal } from '../domain/principal.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';

export type { AuditLog } from '../ports/audit-log.port.ts';

/** Where a request came from, carried into logs and audit events. */
export interface RequestContext {
  requestId: string;
  callId?: string | null;
}

/** Write one audit event for an action taken by `principal`. Audit failures are reported, never swallowed. */
export async function auditAction(
  audit: AuditLog,
  principal: Principal | null,
  ctx: RequestContext,
  action: string,
  outcome: AuditOutcome,
  target?: string | null,
  detail?: Record<string, unknown>,
): Promise<void> {
  await audit.append(auditEventOf(principal, ctx, action, outcome, target, detail));
}

/** The audit event for an action taken by `principal` (to be written in a store's own transaction, or by `auditAction`). */
export function auditEventOf(
  principal: Principal | null,
  ctx: RequestContext,
  action: string,
  outcome: AuditOutcome,
  target?: string | null,
  detail?: Record<string, unknown>,
): AuditEvent {
  return {
    tenantId: principal?.tenantId ?? null,
    actor: principal ? actorOf(principal) : 'master',
    role: principal ? roleOf(principal) : 'admin',
    callId: ctx.callId ?? (principal?.kind === 'session' ? principal.callId ?? null : null),
    requestId: ctx.requestId,
    action,
    target: target ?? null,
    outcome,
    ...(detail ? { detail } : {}),
  };
}

/** A filter of the audit trail, as the input gate passed it (`GET /v1/audit`). */
export interface AuditQuery {
  limit?: number;
  action?: string;
  target?: string;
}

/** The tenant's own audit trail, newest first. */
export async function listAuditEvents(deps: { audit: AuditLog }, principal: Principal, query: AuditQuery): Promise<StoredAuditEvent[]> {
  return deps.audit.list(principal.tenantId, {
    limit: query.limit ?? 100,
    ...(query.action !== undefined ? { action: query.action } : {}),
    ...(query.target !== undefined ? { target: query.target } : {}),
  });
}
