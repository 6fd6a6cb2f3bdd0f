import type { TenantUsage } from '../domain/quota.ts';

/**
 * What a tenant uses against its quota. The quota itself is a tenant setting (TenantStore);
 * enforcement at commit is FileCatalog.recordIntake's (in the transaction that records a version).
 */
export interface QuotaStore {
  /**
   * Bytes (of distinct content still referenced) and files the tenant stores now, its quota
   * and the last warning given. Without a quota the sums are still reported.
   */
  usage(tenantId: string): Promise<TenantUsage>;
}
