import { DomainError } from '../domain/errors.ts';
import { LOCALES, TENANT_SLUG_PATTERN, type Locale, type Tenant } from '../domain/tenant.ts';
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

export interface CreateTenantInput {
  slug?: unknown;
  name?: unknown;
  locale?: unknown;
}

/** Create a tenant and its first API key (returned once, stored hashed). */
export async function createTenant(deps: TenantDeps, ctx: RequestContext, input: CreateTenantInput): Promise<{ tenant: Tenant; apiKey: string }> {
  const problems: Record<string, string> = {};
  if (typeof input.slug !== 'string' || !TENANT_SLUG_PATTERN.test(input.slug)) {
    problems.slug = 'must be 2-63 lower-case letters, digits or single hyphens';
  }
  if (input.name !== undefined && (typeof input.name !== 'string' || input.name.length > 200)) problems.name = 'must be a string of at most 200 characters';
  if (input.locale !== undefined && !(LOCALES as readonly unknown[]).includes(input.locale)) problems.locale = `must be one of ${LOCALES.join(', ')}`;
  if (Object.keys(problems).length > 0) throw new DomainError('validation_failed', undefined, { details: problems });

  const slug = input.slug as string;
  const key = newApiKey(deps.apiKeyHashing);
  const tenant = await deps.tenants.createTenant({
    slug,
    name: (input.name as string | undefined) ?? slug,
    locale: (input.locale as Locale | undefined) ?? deps.defaultLocale,
    apiKeyId: key.id,
    apiKeyHash: key.hash,
  });
  await deps.audit.append({ tenantId: tenant.id, actor: 'master', role: 'admin', requestId: ctx.requestId, action: 'tenant.create', target: tenant.id, outcome: 'ok' });
  return { tenant, apiKey: key.key };
}

/** Mint an additional API key for an existing tenant (the CLI uses this with the master key). */
export async function mintApiKey(deps: TenantDeps, ctx: RequestContext, slug: string): Promise<{ tenant: Tenant; apiKey: string }> {
  const tenant = await deps.tenants.getTenantBySlug(slug);
  if (!tenant) throw new DomainError('tenant_not_found');
  const key = newApiKey(deps.apiKeyHashing);
  await deps.tenants.addApiKey(tenant.id, { apiKeyId: key.id, apiKeyHash: key.hash, label: 'minted' });
  await deps.audit.append({ tenantId: tenant.id, actor: 'master', role: 'admin', requestId: ctx.requestId, action: 'api_key.create', target: key.id, outcome: 'ok' });
  return { tenant, apiKey: key.key };
}
