import type { Locale, Tenant } from '../domain/tenant.ts';

/** Tenants and their API keys. Keys are stored only as keyed hashes. */
export interface TenantStore {
  /** Create a tenant with its first API key hash. Rejects `slug_taken` if the slug exists. */
  createTenant(input: { slug: string; name: string; locale: Locale; apiKeyId: string; apiKeyHash: string }): Promise<Tenant>;
  /** The tenant with this id, or null. */
  getTenant(id: string): Promise<Tenant | null>;
  /** The tenant with this slug, or null. */
  getTenantBySlug(slug: string): Promise<Tenant | null>;
  /** Resolve an API key hash to its tenant and key id, or null if unknown, revoked or expired. */
  findApiKey(keyHash: string): Promise<{ tenant: Tenant; keyId: string } | null>;
  /** Add another API key to a tenant. */
  addApiKey(tenantId: string, input: { apiKeyId: string; apiKeyHash: string; label?: string }): Promise<void>;
}
