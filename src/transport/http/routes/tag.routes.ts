import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { setFileTags, type TagDeps } from '../../../app/tags.use-case.ts';
import { fileJson } from '../file-json.ts';
import { sendJson } from '../http-kit.ts';
import { BODIES, PARAMS } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** Tags of files, with a tenant API key. */
export function tagRoutes(router: Router, deps: ApiKeyAuthDeps & { tags: TagDeps }): void {
  router.add<Record<string, never>, { tags: string[] }>(
    'PUT',
    '/v1/files/:id/tags',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      const detail = await setFileTags(deps.tags, principal, ctx, ctx.params.id!, await ctx.body());
      sendJson(res, 200, fileJson(detail));
    },
    { params: PARAMS.file, body: BODIES.setTags },
  );
}
