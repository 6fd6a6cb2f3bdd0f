import type { Principal } from '../domain/principal.ts';
import type { TenantUsage } from '../domain/quota.ts';
import type { QuotaStore } from '../ports/quota-store.port.ts';

/** What reading usage needs. */
export interface UsageDeps {
  quotas: QuotaStore;
}

/** The caller's tenant: bytes and files stored, its quota and the last warning (`GET /v1/usage`). */
export async function getUsage(deps: UsageDeps, principal: Principal): Promise<TenantUsage> {
  return deps.quotas.usage(principal.tenantId);
}
