import { DomainError } from '../domain/errors.ts';
import { canonicalTimeZone, type Locale, type Tenant } from '../domain/tenant.ts';
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
  /** IANA time zone for relative dates in spoken queries (default UTC). */
  time_zone?: string;
}

/** Settings to change (`PATCH /v1/tenants/<slug>`), as the input gate passed them; absent: unchanged. */
export interface UpdateTenantInput {
  quota_bytes?: number;
  quota_files?: number;
  trash_days?: number;
  time_zone?: string;
  /** Quotas to remove. */
  unset?: Array<'quota_bytes' | 'quota_files'>;
}

/** Create a tenant and its first API key (returned once, stored hashed). */
export async function createTenant(deps: TenantDeps, ctx: RequestContext, input: CreateTenantInput): Promise<{ tenant: Tenant; apiKey: string }> {
  const timeZone = input.time_zone === undefined ? undefined : checkedTimeZone(input.time_zone);
  const key = newApiKey(deps.apiKeyHashing);
  const tenant = await deps.tenants.createTenant({
    slug: input.slug,
    name: input.name ?? input.slug,
    locale: input.locale ?? deps.defaultLocale,
    apiKeyId: key.id,
    apiKeyHash: key.hash,
    quota: { bytes: input.quota_bytes ?? null, files: input.quota_files ?? null },
    ...(input.trash_days !== undefined ? { trashDays: input.trash_days } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
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

/** Change a tenant's quota, trash period or time zone (admin token); audited with the old and new values. */
export async function updateTenant(deps: Pick<TenantDeps, 'tenants' | 'audit'>, ctx: RequestContext, slug: string, input: UpdateTenantInput): Promise<Tenant> {
  for (const name of input.unset ?? []) {
    if (input[name] !== undefined) throw new DomainError('validation_failed', `${name} cannot be set and unset at once.`, { details: { [name]: 'is also in unset' } });
  }
  const timeZone = input.time_zone === undefined ? undefined : checkedTimeZone(input.time_zone);
  const before = await tenantBySlug(deps, slug);
  const updated = await deps.tenants.updateTenant(slug, {
    ...(input.quota_bytes !== undefined ? { quotaBytes: input.quota_bytes } : {}),
    ...(input.quota_files !== undefined ? { quotaFiles: input.quota_files } : {}),
    ...(input.unset?.includes('quota_bytes') ? { quotaBytes: null } : {}),
    ...(input.unset?.includes('quota_files') ? { quotaFiles: null } : {}),
    ...(input.trash_days !== undefined ? { trashDays: input.trash_days } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
  });
  if (!updated) throw new DomainError('tenant_not_found');
  await deps.audit.append({
    tenantId: updated.id, actor: 'master', role: 'admin', requestId: ctx.requestId, action: 'tenant.update', target: updated.id, outcome: 'ok',
    detail: { before: settingsOf(before), after: settingsOf(updated) },
  });
  return updated;
}

function settingsOf(tenant: Tenant): Record<string, number | string | null> {
  return { quota_bytes: tenant.quota.bytes, quota_files: tenant.quota.files, trash_days: tenant.trashDays, time_zone: tenant.timeZone };
}

/** The zone as stored, or `invalid_time_zone` naming the field. */
function checkedTimeZone(value: string): string {
  const zone = canonicalTimeZone(value);
  if (zone === null) {
    throw new DomainError('invalid_time_zone', `"${value.slice(0, 64)}" is not a time zone name this server knows; use an IANA name such as Europe/Berlin, America/Los_Angeles or UTC.`, { details: { time_zone: 'is not a known IANA time zone name' } });
  }
  return zone;
}
