import { DomainError } from '../domain/errors.ts';
import type { Tenant } from '../domain/tenant.ts';
import type { ApiKeyRecord, ApiKeyStore } from '../ports/api-key-store.port.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';
import type { RequestContext } from './audit.ts';
import { newApiKey } from './keys.ts';
import { tenantBySlug } from './tenants.use-case.ts';

export type { ApiKeyRecord } from '../ports/api-key-store.port.ts';

export interface ApiKeyDeps {
  tenants: TenantStore;
  keys: ApiKeyStore;
  audit: AuditLog;
  apiKeyHashing: Buffer;
  clock: Clock;
}

/** A key to create, as the input gate passed it (`POST /v1/tenants/<slug>/keys`). */
export interface CreateApiKeyInput {
  name?: string;
  expires_in_days?: number;
}

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

const DAY_MS = 86_400_000;

/** Make another API key for a tenant, with a name and an optional expiry. The key is returned once. */
export async function createApiKey(deps: ApiKeyDeps, ctx: RequestContext, slug: string, input: CreateApiKeyInput): Promise<{ tenant: Tenant; record: ApiKeyRecord; apiKey: string }> {
  const tenant = await tenantBySlug(deps, slug);
  const key = newApiKey(deps.apiKeyHashing);
  const expiresAt = input.expires_in_days === undefined ? null : new Date(deps.clock.now().getTime() + input.expires_in_days * DAY_MS);
  const record = await deps.keys.create(tenant.id, { id: key.id, hash: key.hash, name: input.name ?? null, expiresAt });
  await deps.audit.append({ tenantId: tenant.id, actor: 'master', role: 'admin', requestId: ctx.requestId, action: 'api_key.create', target: key.id, outcome: 'ok', detail: { expires_at: expiresAt?.toISOString() ?? null } });
  return { tenant, record, apiKey: key.key };
}

/** Every key of a tenant, newest first, with its status now. */
export async function listApiKeys(deps: ApiKeyDeps, slug: string): Promise<{ tenant: Tenant; keys: Array<ApiKeyRecord & { status: ApiKeyStatus }> }> {
  const tenant = await tenantBySlug(deps, slug);
  const now = deps.clock.now();
  return { tenant, keys: (await deps.keys.list(tenant.id)).map((record) => ({ ...record, status: keyStatus(record, now) })) };
}

/** Revoke a key at once; it stops authenticating on every node with its next request. Revoking twice is not an error. */
export async function revokeApiKey(deps: ApiKeyDeps, ctx: RequestContext, slug: string, keyId: string): Promise<ApiKeyRecord & { status: ApiKeyStatus }> {
  const tenant = await tenantBySlug(deps, slug);
  const record = await deps.keys.revoke(tenant.id, keyId);
  if (!record) throw new DomainError('key_not_found');
  await deps.audit.append({ tenantId: tenant.id, actor: 'master', role: 'admin', requestId: ctx.requestId, action: 'api_key.revoke', target: keyId, outcome: 'ok' });
  return { ...record, status: keyStatus(record, deps.clock.now()) };
}

export function keyStatus(record: ApiKeyRecord, now: Date): ApiKeyStatus {
  if (record.revokedAt !== null) return 'revoked';
  if (record.expiresAt !== null && record.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
