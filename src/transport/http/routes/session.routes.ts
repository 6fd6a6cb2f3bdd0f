import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { issueSession, revokeSession, type SessionDeps, type SessionInput } from '../../../app/sessions.use-case.ts';
import { sendJson, sendNoContent } from '../http-kit.ts';
import { BODIES, PARAMS } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** Session tokens for one call, issued to (and revoked by) the tenant's backend. */
export function sessionRoutes(router: Router, deps: SessionDeps & ApiKeyAuthDeps): void {
  router.add<Record<string, never>, SessionInput>(
    'POST',
    '/v1/sessions',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      const session = await issueSession(deps, ctx, principal, await ctx.body());
      sendJson(res, 201, { token: session.token, expires_at: session.expiresAt.toISOString(), session_id: session.sessionId });
    },
    { body: BODIES.createSession(deps.maxTtlSeconds) },
  );

  router.add(
    'DELETE',
    '/v1/sessions/:session_id',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      await revokeSession(deps, ctx, principal, ctx.params.session_id!.toLowerCase());
      sendNoContent(res);
    },
    { params: PARAMS.session },
  );
}
