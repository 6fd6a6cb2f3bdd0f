import { authenticateApiKey, bearerToken } from '../../../app/authenticate.ts';
import { issueSession, type SessionDeps } from '../../../app/sessions.use-case.ts';
import type { TenantStore } from '../../../ports/tenant-store.port.ts';
import { readJson, sendJson } from '../http-kit.ts';
import type { Router } from '../router.ts';

/** Session tokens for one call, issued to the tenant's backend. */
export function sessionRoutes(router: Router, deps: SessionDeps & { tenants: TenantStore; apiKeyHashing: Buffer }): void {
  router.add('POST', '/v1/sessions', async (req, res, ctx) => {
    const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
    const body = await readJson(req);
    const session = await issueSession(deps, ctx, principal, body);
    sendJson(res, 201, { token: session.token, expires_at: session.expiresAt.toISOString(), session_id: session.sessionId });
  });
}
