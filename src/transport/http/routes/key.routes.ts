import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyDeps, type ApiKeyRecord, type ApiKeyStatus, type CreateApiKeyInput } from '../../../app/api-keys.use-case.ts';
import { authenticateAdmin, bearerToken } from '../../../app/authenticate.ts';
import { sendJson } from '../http-kit.ts';
import { BODIES, PARAMS } from '../request-schemas.ts';
import type { Router } from '../router.ts';

function keyJson(record: ApiKeyRecord & { status: ApiKeyStatus }): Record<string, unknown> {
  return {
    key_id: record.id,
    name: record.name,
    status: record.status,
    created_at: record.createdAt.toISOString(),
    expires_at: record.expiresAt?.toISOString() ?? null,
    revoked_at: record.revokedAt?.toISOString() ?? null,
  };
}

/** A tenant's API keys with the admin token: list, create (shown once), revoke. */
export function keyRoutes(router: Router, deps: ApiKeyDeps & { adminTokenSha256: Buffer }): void {
  router.add(
    'GET',
    '/v1/tenants/:slug/keys',
    async (req, res, ctx) => {
      authenticateAdmin(deps.adminTokenSha256, bearerToken(req.headers.authorization));
      const { tenant, keys } = await listApiKeys(deps, ctx.params.slug!);
      sendJson(res, 200, { tenant_id: tenant.id, keys: keys.map(keyJson) });
    },
    { params: PARAMS.tenant },
  );

  router.add<Record<string, never>, CreateApiKeyInput>(
    'POST',
    '/v1/tenants/:slug/keys',
    async (req, res, ctx) => {
      authenticateAdmin(deps.adminTokenSha256, bearerToken(req.headers.authorization));
      const { tenant, record, apiKey } = await createApiKey(deps, ctx, ctx.params.slug!, await ctx.body());
      sendJson(res, 201, { tenant_id: tenant.id, ...keyJson({ ...record, status: 'active' }), api_key: apiKey });
    },
    { params: PARAMS.tenant, body: BODIES.createKey },
  );

  router.add(
    'DELETE',
    '/v1/tenants/:slug/keys/:key_id',
    async (req, res, ctx) => {
      authenticateAdmin(deps.adminTokenSha256, bearerToken(req.headers.authorization));
      const record = await revokeApiKey(deps, ctx, ctx.params.slug!, ctx.params.key_id!.toLowerCase());
      sendJson(res, 200, keyJson(record));
    },
    { params: PARAMS.tenantKey },
  );
}
