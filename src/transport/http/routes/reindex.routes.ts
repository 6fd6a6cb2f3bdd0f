import { authenticateAdmin, bearerToken } from '../../../app/authenticate.ts';
import { reindex, type ReindexRequestDeps } from '../../../app/reindex.use-case.ts';
import { sendJson } from '../http-kit.ts';
import { BODIES } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** Rebuilding the search index from the catalog, with the admin token (`voicefiles reindex`). */
export function reindexRoutes(router: Router, deps: ReindexRequestDeps & { adminTokenSha256: Buffer }): void {
  router.add<Record<string, never>, { tenant?: string }>(
    'POST',
    '/v1/reindex',
    async (req, res, ctx) => {
      authenticateAdmin(deps.adminTokenSha256, bearerToken(req.headers.authorization));
      const { tenant } = await ctx.body();
      const tenants = await reindex(deps, tenant);
      sendJson(res, 200, { tenants, indexed: tenants.reduce((sum, t) => sum + t.indexed, 0) });
    },
    { body: BODIES.reindex },
  );
}
