import { pipeline } from 'node:stream/promises';
import { openDownload, servesOwnDownloads, type DownloadDeps } from '../../../app/downloads.use-case.ts';
import { QUERIES } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/**
 * Serves presigned download links of stores that cannot serve them themselves
 * (local disk). The signature in the query is the only credential.
 */
export function blobRoutes(router: Router, deps: DownloadDeps): void {
  if (!servesOwnDownloads(deps)) return;
  router.add(
    'GET',
    '/v1/blobs',
    async (req, res, ctx) => {
      const { link, head, body } = await openDownload(deps, ctx.url.searchParams);
      res.writeHead(200, {
        'Content-Type': link.contentType ?? head.contentType ?? 'application/octet-stream',
        'Content-Length': head.size,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        ...(link.contentDisposition ? { 'Content-Disposition': link.contentDisposition } : {}),
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      await pipeline(await body(), res);
    },
    { query: QUERIES.blob },
  );
}
