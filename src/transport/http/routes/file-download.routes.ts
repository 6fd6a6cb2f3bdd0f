import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { fileDownloadLink, type FileDownloadDeps } from '../../../app/file-download.use-case.ts';
import { sendJson } from '../http-kit.ts';
import { PARAMS } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** Download links of files, with a tenant API key; each counts as a download. */
export function fileDownloadRoutes(router: Router, deps: ApiKeyAuthDeps & { download: FileDownloadDeps }): void {
  router.add(
    'GET',
    '/v1/files/:id/download',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      const link = await fileDownloadLink(deps.download, principal, ctx.params.id!);
      sendJson(res, 200, { url: link.url, expires_at: link.expiresAt.toISOString(), name: link.fileName });
    },
    { params: PARAMS.file },
  );
}
