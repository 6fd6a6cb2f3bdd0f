import { authenticateApiKey, bearerToken } from '../../../app/authenticate.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { AuditLog } from '../../../ports/audit-log.port.ts';
import type { TenantStore } from '../../../ports/tenant-store.port.ts';
import { sendJson } from '../http-kit.ts';
import type { Router } from '../router.ts';

/** The tenant's own audit trail, newest first (read-only; nothing can change it). */
export function auditRoutes(router: Router, deps: { tenants: TenantStore; apiKeyHashing: Buffer; audit: AuditLog }): void {
  router.add('GET', '/v1/audit', async (req, res, ctx) => {
    const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
    const limit = Number(ctx.url.searchParams.get('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new DomainError('validation_failed', 'limit must be a whole number from 1 to 1000.');
    const action = ctx.url.searchParams.get('action');
    const target = ctx.url.searchParams.get('target');
    const events = await deps.audit.list(principal.tenantId, { limit, ...(action ? { action } : {}), ...(target ? { target } : {}) });
    sendJson(res, 200, {
      events: events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actor: e.actor,
        role: e.role,
        call_id: e.callId ?? null,
        request_id: e.requestId ?? null,
        action: e.action,
        target: e.target ?? null,
        outcome: e.outcome,
        detail: e.detail ?? {},
      })),
    });
  });
}
