import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { listHolds, placeHold, releaseHold, type HoldDeps, type PlaceHoldInput } from '../../../app/holds.use-case.ts';
import type { LegalHold } from '../../../domain/hold.ts';
import { sendJson } from '../http-kit.ts';
import { BODIES, PARAMS, QUERIES } from '../request-schemas.ts';
import type { Router } from '../router.ts';

function holdJson(hold: LegalHold): Record<string, unknown> {
  return {
    id: hold.id,
    scope: hold.scope,
    file_id: hold.fileId,
    customer_id: hold.customerId,
    tenant: hold.scope === 'tenant',
    reason: hold.reason,
    placed_by: hold.placedBy,
    placed_at: hold.placedAt.toISOString(),
    released_at: hold.releasedAt?.toISOString() ?? null,
    released_by: hold.releasedBy,
    active: hold.releasedAt === null,
  };
}

/** Legal holds with a tenant API key: place, list, release (all audited). */
export function holdRoutes(router: Router, deps: ApiKeyAuthDeps & { holds: HoldDeps }): void {
  router.add<Record<string, never>, PlaceHoldInput>(
    'POST',
    '/v1/holds',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      sendJson(res, 201, holdJson(await placeHold(deps.holds, principal, ctx, await ctx.body())));
    },
    { body: BODIES.placeHold },
  );

  router.add<{ active?: boolean }>(
    'GET',
    '/v1/holds',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      sendJson(res, 200, { holds: (await listHolds(deps.holds, principal, ctx.query)).map(holdJson) });
    },
    { query: QUERIES.holds },
  );

  router.add(
    'DELETE',
    '/v1/holds/:id',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      sendJson(res, 200, holdJson(await releaseHold(deps.holds, principal, ctx, ctx.params.id!)));
    },
    { params: PARAMS.hold },
  );
}
