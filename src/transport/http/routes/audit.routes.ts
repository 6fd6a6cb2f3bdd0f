import { listAuditEvents, type AuditLog, type AuditQuery } from '../../../app/audit.ts';
import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { sendJson } from '../http-kit.ts';
import { QUERIES } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** The tenant's own audit trail, newest first (read-only; nothing can change it). */
export function auditRoutes(router: Router, deps: ApiKeyAuthDeps & { audit: AuditLog }): void {
  router.add<AuditQuery>(
    'GET',
    '/v1/audit',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      const events = await listAuditEvents(deps, principal, ctx.query);
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
    },
    { query: QUERIES.audit },
  );
}
