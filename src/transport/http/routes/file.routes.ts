import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { getFile, listFiles } from '../../../app/files.use-case.ts';
import { runIdempotently, type IdempotencyDeps, type IdempotentOutcome } from '../../../app/idempotent-request.use-case.ts';
import { ingestUpload, type IntakeDeps } from '../../../app/intake/intake.use-case.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { Visibility } from '../../../domain/file.ts';
import { digestBody } from '../body-digest.ts';
import { guardBodyRate, type BodyRateLimits } from '../body-rate-guard.ts';
import { fileJson } from '../file-json.ts';
import { sendJson } from '../http-kit.ts';
import { PARAMS, QUERIES } from '../request-schemas.ts';
import type { Router } from '../router.ts';
import type { UploadTracker } from '../upload-tracker.ts';

export interface FileRouteDeps extends ApiKeyAuthDeps {
  intake: IntakeDeps;
  uploads: UploadTracker;
  /** The whole upload must arrive within this (UPLOAD_TIMEOUT_SECONDS). */
  uploadTimeoutMs: number;
  /** And no slower than this. */
  bodyRate: BodyRateLimits;
  /** Where Idempotency-Key claims and first answers are kept. */
  idempotency: IdempotencyDeps;
}

interface UploadQuery {
  name?: string;
  visibility?: Visibility;
  customer_id?: string;
  file_id?: string;
}

/** Upload (streamed), read and list files with a tenant API key. */
export function fileRoutes(router: Router, deps: FileRouteDeps): void {
  router.add<UploadQuery>(
    'POST',
    '/v1/files',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
      const upload = deps.uploads.begin(deps.uploadTimeoutMs);
      const onClose = () => {
        if (!req.complete) req.destroy(new DomainError('upload_aborted'));
      };
      req.once('close', onClose);
      const stopRate = guardBodyRate(req, deps.bodyRate, (error) => upload.abort(error));
      const fileId = ctx.query.file_id?.toLowerCase() ?? null;
      const store = async (): Promise<IdempotentOutcome> => {
        const result = await ingestUpload(deps.intake, principal, ctx, {
          name: ctx.query.name ?? null,
          customerId: ctx.query.customer_id ?? null,
          visibility: ctx.query.visibility ?? null,
          fileId,
          declaredLength: Number.isFinite(declared) ? declared : null,
          body: req,
          signal: upload.signal,
        });
        const body = { file_id: result.file.id, version: result.version.version, version_id: result.version.id, status: result.version.status, deduplicated: result.deduplicated };
        return { response: { status: 201, body }, contentSha256: result.version.sha256 };
      };
      try {
        const key = req.headers['idempotency-key'];
        if (typeof key !== 'string') {
          const { response } = await store();
          sendJson(res, response.status, response.body);
          return;
        }
        const parameters = ['upload-v1', ctx.query.name ?? null, ctx.query.visibility ?? null, ctx.query.customer_id ?? null, fileId];
        const largest = Math.max(...Object.values(deps.intake.limits));
        const { response, replayed } = await runIdempotently(deps.idempotency, { tenantId: principal.tenantId, key, parameters }, store, () => digestBody(req, largest, upload.signal));
        sendJson(res, response.status, response.body, replayed ? { 'Idempotent-Replayed': 'true' } : {});
      } finally {
        stopRate();
        req.off('close', onClose);
        upload.end();
      }
    },
    { query: QUERIES.upload },
  );

  router.add<{ limit?: number; cursor?: string; trashed?: boolean }>(
    'GET',
    '/v1/files',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      const page = await listFiles(deps.intake, principal, ctx.query);
      sendJson(res, 200, { files: page.files.map(fileJson), next_cursor: page.nextCursor });
    },
    { query: QUERIES.listFiles },
  );

  router.add(
    'GET',
    '/v1/files/:id',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      // The owner's API shows a file in the trash too, with trashed_at and purge_after.
      const detail = await getFile(deps.intake, principal, ctx.params.id!, { includeTrashed: true });
      sendJson(res, 200, fileJson(detail));
    },
    { params: PARAMS.file },
  );
}
