import type { FileRecord } from './file.ts';
import type { Principal, Scope } from './principal.ts';

/**
 * Which files a principal may see inside its own tenant. Cross-tenant access is
 * never possible: every query is scoped by tenant before this rule applies.
 * API keys and staff see everything; callers see public files and customer
 * files of their own customer id.
 */
export interface VisibilityFilter {
  tenantId: string;
  /** null: no restriction within the tenant. */
  customerScope: { customerId: string | null } | null;
}

export function visibilityFilterFor(principal: Principal): VisibilityFilter {
  if (principal.kind === 'api_key' || principal.role === 'staff') {
    return { tenantId: principal.tenantId, customerScope: null };
  }
  return { tenantId: principal.tenantId, customerScope: { customerId: principal.caller.customerId ?? null } };
}

export function canSeeFile(principal: Principal, file: Pick<FileRecord, 'tenantId' | 'visibility' | 'customerId'>): boolean {
  if (file.tenantId !== principal.tenantId) return false;
  const filter = visibilityFilterFor(principal);
  if (filter.customerScope === null) return true;
  if (file.visibility === 'public') return true;
  const customerId = filter.customerScope.customerId;
  return file.visibility === 'customer' && customerId !== null && file.customerId === customerId;
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.kind === 'api_key' || principal.scopes.includes(scope);
}
