import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { getVersion, listVersions, restoreFile, restoreVersion, trashFile, type FileLifecycleDeps } from '../../../app/file-lifecycle.use-case.ts';
import { emptyTrash, type LifecycleDeps } from '../../../app/lifecycle.use-case.ts';
import { fileJson, versionJson } from '../file-json.ts';
import { sendJson } from '../http-kit.ts';
import { PARAMS } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** Versions, delete (to the trash) and restore, with a tenant API key. */
export function fileLifecycleRoutes(router: Router, deps: ApiKeyAuthDeps & { lifecycle: FileLifecycleDeps; purge: LifecycleDeps }): void {
  router.add(
    'GET',
    '/v1/files/:id/versions',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      const { detail, versions } = await listVersions(deps.lifecycle, principal, ctx.params.id!);
      sendJson(res, 200, { file_id: detail.file.id, current_version: detail.file.currentVersion, versions: versions.map((v) => versionJson(v, detail.file.currentVersion)) });
    },
    { params: PARAMS.file },
  );

  router.add(
    'GET',
    '/v1/files/:id/versions/:n',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      const { detail, version } = await getVersion(deps.lifecycle, principal, ctx.params.id!, Number(ctx.params.n));
      sendJson(res, 200, { file_id: detail.file.id, ...versionJson(version, detail.file.currentVersion), metadata: version.metadata });
    },
    { params: PARAMS.fileVersion },
  );

  router.add(
    'POST',
    '/v1/files/:id/versions/:n/restore',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      const restored = await restoreVersion(deps.lifecycle, principal, ctx, ctx.params.id!, Number(ctx.params.n));
      sendJson(res, 201, { file_id: restored.file.id, ...versionJson(restored.version, restored.file.currentVersion) });
    },
    { params: PARAMS.fileVersion },
  );

  router.add(
    'DELETE',
    '/v1/files/:id',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      sendJson(res, 200, fileJson(await trashFile(deps.lifecycle, principal, ctx, ctx.params.id!)));
    },
    { params: PARAMS.file },
  );

  router.add(
    'POST',
    '/v1/files/:id/restore',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      sendJson(res, 200, fileJson(await restoreFile(deps.lifecycle, principal, ctx, ctx.params.id!)));
    },
    { params: PARAMS.file },
  );

  router.add('POST', '/v1/trash/empty', async (req, res, ctx) => {
    const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
    const result = await emptyTrash(deps.purge, principal, ctx);
    sendJson(res, 200, { purged_files: result.purgedFiles, purged_versions: result.purgedVersions, purged_bytes: result.purgedBytes, deleted_blobs: result.deletedBlobs, held: result.held });
  });
}
