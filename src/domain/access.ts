import type { Principal, Scope } from './principal.ts';

/**
 * Which files a principal may see inside its own tenant. Cross-tenant access is
 * never possible: every query is scoped by tenant before this rule applies.
 * API keys and staff see everything; callers see public files, and customer
 * files of their own customer id once the tenant vouched for that id
 * (`caller.verified: true` on the session). A caller who only claims a customer id
 * (not verified) sees public files alone: saying a number on the phone proves nothing.
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
  const { customerId, verified } = principal.caller;
  return { tenantId: principal.tenantId, customerScope: { customerId: verified === true ? (customerId ?? null) : null } };
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.kind === 'api_key' || principal.scopes.includes(scope);
}
