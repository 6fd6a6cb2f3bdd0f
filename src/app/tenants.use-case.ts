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
  /** Byte quota (deduplicated bytes); null or absent: no limit. */
  quota_bytes?: number | null;
  /** File-count quota; null or absent: no limit. */
  quota_files?: number | null;
  /** Days a deleted file stays restorable in the trash (default 30). */
  trash_days?: number;
}

/** Settings to change (`PATCH /v1/tenants/<slug>`), as the input gate passed them; absent: unchanged. */
export interface UpdateTenantInput {
  quota_bytes?: number;
  quota_files?: number;
  trash_days?: number;
  /** Quotas to remove. */
  unset?: Array<'quota_bytes' | 'quota_files'>;
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
    quota: { bytes: input.quota_bytes ?? null, files: input.quota_files ?? null },
    ...(input.trash_days !== undefined ? { trashDays: input.trash_days } : {}),
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

/** Change a tenant's quota or trash period (admin token); audited with the old and new values. */
export async function updateTenant(deps: Pick<TenantDeps, 'tenants' | 'audit'>, ctx: RequestContext, slug: string, input: UpdateTenantInput): Promise<Tenant> {
  for (const name of input.unset ?? []) {
    if (input[name] !== undefined) throw new DomainError('validation_failed', `${name} cannot be set and unset at once.`, { details: { [name]: 'is also in unset' } });
  }
  const before = await tenantBySlug(deps, slug);
  const updated = await deps.tenants.updateTenant(slug, {
    ...(input.quota_bytes !== undefined ? { quotaBytes: input.quota_bytes } : {}),
    ...(input.quota_files !== undefined ? { quotaFiles: input.quota_files } : {}),
    ...(input.unset?.includes('quota_bytes') ? { quotaBytes: null } : {}),
    ...(input.unset?.includes('quota_files') ? { quotaFiles: null } : {}),
    ...(input.trash_days !== undefined ? { trashDays: input.trash_days } : {}),
  });
  if (!updated) throw new DomainError('tenant_not_found');
  await deps.audit.append({
    tenantId: updated.id, actor: 'master', role: 'admin', requestId: ctx.requestId, action: 'tenant.update', target: updated.id, outcome: 'ok',
    detail: { before: settingsOf(before), after: settingsOf(updated) },
  });
  return updated;
}

function settingsOf(tenant: Tenant): Record<string, number | null> {
  return { quota_bytes: tenant.quota.bytes, quota_files: tenant.quota.files, trash_days: tenant.trashDays };
}
