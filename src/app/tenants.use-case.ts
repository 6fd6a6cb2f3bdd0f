import { DomainError } from '../domain/errors.ts';
import type { Locale, Tenant } from '../domain/tenant.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';
import type { RequestContext } from './audit.ts';
import { newApiKey } from './keys.ts';

export interface TenantDeps {
  tenants: TenantStore;
  audit: AuditLog;
  apiKeyHashing: Buffer;
  defaultLocale: Locale;
}

/** A tenant to create, as the input gate passed it (`POST /v1/tenants`). */
export interface CreateTenantInput {
  slug: string;
  name?: string;
  locale?: Locale;
}

/** Create a tenant and its first API key (returned once, stored hashed). */
export async function createTenant(deps: TenantDeps, ctx: RequestContext, input: CreateTenantInput): Promise<{ tenant: Tenant; apiKey: string }> {
  const key = newApiKey(deps.apiKeyHashing);
  const tenant = await deps.tenants.createTenant({
    slug: input.slug,
    name: input.name ?? input.slug,
    locale: input.locale ?? deps.defaultLocale,
    apiKeyId: key.id,
    apiKeyHash: key.hash,
  });
  await deps.audit.append({ tenantId: tenant.id, actor: 'master', role: 'admin', requestId: ctx.requestId, action: 'tenant.create', target: tenant.id, outcome: 'ok' });
  return { tenant, apiKey: key.key };
}

/** The tenant with this slug; `tenant_not_found` when there is none. */
export async function tenantBySlug(deps: Pick<TenantDeps, 'tenants'>, slug: string): Promise<Tenant> {
  const tenant = await deps.tenants.getTenantBySlug(slug);
  if (!tenant) throw new DomainError('tenant_not_found');
  return tenant;
}
