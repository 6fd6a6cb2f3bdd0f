import { authenticateApiKey, bearerToken } from '../../../app/authenticate.ts';
import { getFile, listFiles } from '../../../app/files.use-case.ts';
import { ingestUpload, type IntakeDeps } from '../../../app/intake/intake.use-case.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { TenantStore } from '../../../ports/tenant-store.port.ts';
import { fileJson } from '../file-json.ts';
import { sendJson } from '../http-kit.ts';
import type { Router } from '../router.ts';
import type { UploadTracker } from '../upload-tracker.ts';

export interface FileRouteDeps {
  tenants: TenantStore;
  apiKeyHashing: Buffer;
  intake: IntakeDeps;
  uploads: UploadTracker;
  uploadTimeoutMs: number;
}

/** Upload (streamed), read and list files with a tenant API key. */
export function fileRoutes(router: Router, deps: FileRouteDeps): void {
  router.add('POST', '/v1/files', async (req, res, ctx) => {
    const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
    const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    const upload = deps.uploads.begin(deps.uploadTimeoutMs);
    const onClose = () => {
      if (!req.complete) req.destroy(new DomainError('upload_aborted'));
    };
    req.once('close', onClose);
    try {
      const result = await ingestUpload(deps.intake, principal, ctx, {
        name: ctx.url.searchParams.get('name'),
        customerId: ctx.url.searchParams.get('customer_id'),
        visibility: ctx.url.searchParams.get('visibility'),
        fileId: ctx.url.searchParams.get('file_id'),
        declaredLength: Number.isFinite(declared) ? declared : null,
        body: req,
        signal: upload.signal,
      });
      sendJson(res, 201, {
        file_id: result.file.id,
        version: result.version.version,
        version_id: result.version.id,
        status: result.version.status,
        deduplicated: result.deduplicated,
      });
    } finally {
      req.off('close', onClose);
      upload.end();
    }
  });

  router.add('GET', '/v1/files', async (req, res, ctx) => {
    const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
    const limitParam = ctx.url.searchParams.get('limit');
    const page = await listFiles(deps.intake, principal, {
      limit: limitParam === null ? null : Number(limitParam),
      cursor: ctx.url.searchParams.get('cursor'),
    });
    sendJson(res, 200, { files: page.files.map(fileJson), next_cursor: page.nextCursor });
  });

  router.add('GET', '/v1/files/:id', async (req, res, ctx) => {
    const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
    const detail = await getFile(deps.intake, principal, ctx.params.id ?? '');
    sendJson(res, 200, fileJson(detail));
  });
}
