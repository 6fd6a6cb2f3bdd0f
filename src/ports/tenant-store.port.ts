import type { TenantQuota } from '../domain/quota.ts';
import type { Locale, Tenant, TenantSettings } from '../domain/tenant.ts';

/** A tenant to create with its first API key hash; quota and trash period optional (none, 30 days). */
export interface NewTenant {
  slug: string;
  name: string;
  locale: Locale;
  apiKeyId: string;
  apiKeyHash: string;
  quota?: TenantQuota;
  trashDays?: number;
  /** A canonical IANA zone name; default UTC. */
  timeZone?: string;
}

/** Tenants and their API keys. Keys are stored only as keyed hashes. */
export interface TenantStore {
  /** Create a tenant with its first API key hash. Rejects `slug_taken` if the slug exists. */
  createTenant(input: NewTenant): Promise<Tenant>;
  /** The tenant with this id, or null. */
  getTenant(id: string): Promise<Tenant | null>;
  /** The tenant with this slug, or null. */
  getTenantBySlug(slug: string): Promise<Tenant | null>;
  /** Every tenant, oldest first (platform work: rebuilding the search index). */
  listTenants(): Promise<Tenant[]>;
  /** Resolve an API key hash to its tenant and key id, or null if unknown, revoked or expired. */
  findApiKey(keyHash: string): Promise<{ tenant: Tenant; keyId: string } | null>;
  /** Add another API key to a tenant. */
  addApiKey(tenantId: string, input: { apiKeyId: string; apiKeyHash: string; label?: string }): Promise<void>;
  /** Change quota, trash period or time zone of the tenant with this slug; the tenant as it is now, or null if there is none. */
  updateTenant(slug: string, changes: TenantSettings): Promise<Tenant | null>;
}
