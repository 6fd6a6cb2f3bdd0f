import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../../domain/errors.ts';
import type { BlobStore } from '../../../ports/blob-store.port.ts';
import type { Router } from '../router.ts';

/**
 * Serves presigned download links of stores that cannot serve them themselves
 * (local disk). The signature in the query is the only credential.
 */
export function blobRoutes(router: Router, deps: { blobs: BlobStore }): void {
  const verify = deps.blobs.verifyPresignedDownload?.bind(deps.blobs);
  if (!verify) return;
  router.add('GET', '/v1/blobs', async (req, res, ctx) => {
    const link = await verify(ctx.url.searchParams);
    const head = await deps.blobs.head(link.key);
    if (!head) throw new DomainError('not_found');
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
    await pipeline(await deps.blobs.get(link.key), res);
  });
}
