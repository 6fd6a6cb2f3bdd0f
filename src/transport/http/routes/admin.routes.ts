import { authenticateMaster, bearerToken } from '../../../app/authenticate.ts';
import { createTenant, mintApiKey, type TenantDeps } from '../../../app/tenants.use-case.ts';
import { DomainError } from '../../../domain/errors.ts';
import { readJson, sendJson } from '../http-kit.ts';
import type { Router } from '../router.ts';

/** Tenant administration with the master key. */
export function adminRoutes(router: Router, deps: TenantDeps & { masterKey: string }): void {
  router.add('POST', '/v1/tenants', async (req, res, ctx) => {
    authenticateMaster(deps.masterKey, bearerToken(req.headers.authorization));
    const body = await readJson(req);
    const { tenant, apiKey } = await createTenant(deps, ctx, body);
    sendJson(res, 201, { id: tenant.id, slug: tenant.slug, name: tenant.name, locale: tenant.locale, api_key: apiKey });
  });

  router.add('GET', '/v1/tenants/:slug', async (req, res, ctx) => {
    authenticateMaster(deps.masterKey, bearerToken(req.headers.authorization));
    const tenant = await deps.tenants.getTenantBySlug(ctx.params.slug ?? '');
    if (!tenant) throw new DomainError('tenant_not_found');
    sendJson(res, 200, { id: tenant.id, slug: tenant.slug, name: tenant.name, locale: tenant.locale, created_at: tenant.createdAt.toISOString() });
  });

  router.add('POST', '/v1/tenants/:slug/keys', async (req, res, ctx) => {
    authenticateMaster(deps.masterKey, bearerToken(req.headers.authorization));
    const { tenant, apiKey } = await mintApiKey(deps, ctx, ctx.params.slug ?? '');
    sendJson(res, 201, { tenant_id: tenant.id, api_key: apiKey });
  });
}
