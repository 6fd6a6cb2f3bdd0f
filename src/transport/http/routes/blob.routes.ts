import { pipeline } from 'node:stream/promises';
import { openDownload, servesOwnDownloads, storeSignedUpload, type DownloadDeps } from '../../../app/downloads.use-case.ts';
import { DomainError } from '../../../domain/errors.ts';
import { sendNoContent } from '../http-kit.ts';
import { QUERIES } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/**
 * Serves presigned download links of stores that cannot serve them themselves
 * (local disk). The signature in the query is the only credential.
 */
export function blobRoutes(router: Router, deps: DownloadDeps): void {
  if (deps.blobs.capabilities.selfServedUploads) {
    // Signed upload links of the /u page (local disk); S3 takes its presigned POST itself.
    router.add(
      'PUT',
      '/v1/blobs/upload',
      async (req, res, ctx) => {
        const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
        const abort = new AbortController();
        const onClose = () => {
          if (!req.complete) abort.abort(new DomainError('upload_aborted'));
        };
        req.once('close', onClose);
        try {
          await storeSignedUpload(deps, ctx.url.searchParams, { contentType: req.headers['content-type'], declaredLength: Number.isFinite(declared) ? declared : null, body: req, signal: abort.signal });
        } finally {
          req.off('close', onClose);
        }
        sendNoContent(res);
      },
      { query: QUERIES.blobUpload },
    );
  }
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
