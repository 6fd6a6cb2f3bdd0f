import type { Tenant } from '../domain/tenant.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';

/**
 * Tenants by slug for the public code pages, remembered for a few seconds: every /c request
 * names its tenant, and a tenant's id and locale change rarely (a renamed locale shows after
 * `ttlMs`). Unknown slugs are not remembered, so a new tenant's page works at once.
 */
export function cachedTenantsBySlug(tenants: Pick<TenantStore, 'getTenantBySlug'>, options: { ttlMs: number; maxEntries: number }): Pick<TenantStore, 'getTenantBySlug'> {
  const cache = new Map<string, { tenant: Tenant; until: number }>();
  return {
    async getTenantBySlug(slug) {
      const hit = cache.get(slug);
      if (hit && hit.until > Date.now()) return hit.tenant;
      const tenant = await tenants.getTenantBySlug(slug);
      if (tenant) {
        if (cache.size >= options.maxEntries) cache.delete(cache.keys().next().value as string);
        cache.set(slug, { tenant, until: Date.now() + options.ttlMs });
      } else cache.delete(slug);
      return tenant;
    },
  };
}
