import { authenticateAdmin, bearerToken } from '../../../app/authenticate.ts';
import { createTenant, tenantBySlug, updateTenant, type CreateTenantInput, type TenantDeps, type UpdateTenantInput } from '../../../app/tenants.use-case.ts';
import type { Tenant } from '../../../domain/tenant.ts';
import { sendJson } from '../http-kit.ts';
import { BODIES, PARAMS } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** Tenant administration with the admin token. */
export function adminRoutes(router: Router, deps: TenantDeps & { adminTokenSha256: Buffer }): void {
  router.add<Record<string, never>, CreateTenantInput>(
    'POST',
    '/v1/tenants',
    async (req, res, ctx) => {
      authenticateAdmin(deps.adminTokenSha256, bearerToken(req.headers.authorization));
      const { tenant, apiKey } = await createTenant(deps, ctx, await ctx.body());
      sendJson(res, 201, { ...tenantJson(tenant), api_key: apiKey });
    },
    { body: BODIES.createTenant },
  );

  router.add(
    'GET',
    '/v1/tenants/:slug',
    async (req, res, ctx) => {
      authenticateAdmin(deps.adminTokenSha256, bearerToken(req.headers.authorization));
      const tenant = await tenantBySlug(deps, ctx.params.slug!);
      sendJson(res, 200, tenantJson(tenant));
    },
    { params: PARAMS.tenant },
  );

  router.add<Record<string, never>, UpdateTenantInput>(
    'PATCH',
    '/v1/tenants/:slug',
    async (req, res, ctx) => {
      authenticateAdmin(deps.adminTokenSha256, bearerToken(req.headers.authorization));
      const tenant = await updateTenant(deps, ctx, ctx.params.slug!, await ctx.body());
      sendJson(res, 200, tenantJson(tenant));
    },
    { params: PARAMS.tenant, body: BODIES.updateTenant },
  );
}

function tenantJson(tenant: Tenant): Record<string, unknown> {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    locale: tenant.locale,
    created_at: tenant.createdAt.toISOString(),
    quota_bytes: tenant.quota.bytes,
    quota_files: tenant.quota.files,
    trash_days: tenant.trashDays,
    time_zone: tenant.timeZone,
  };
}
