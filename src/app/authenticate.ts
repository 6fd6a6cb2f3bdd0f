import { DomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';
import { hashApiKey, looksLikeApiKey, matchesSecretHash } from './keys.ts';

/** What checking a tenant API key needs. */
export interface ApiKeyAuthDeps {
  tenants: TenantStore;
  apiKeyHashing: Buffer;
}

/** Accept only the admin token, compared by its sha256 (the server never needs the token itself). */
export function authenticateAdmin(adminTokenSha256: Buffer, bearer: string | null): void {
  if (bearer === null || !matchesSecretHash(adminTokenSha256, bearer)) throw new DomainError('unauthenticated', 'The admin token is required.');
}

/** Resolve a tenant API key to its principal; unknown, revoked and expired keys are refused alike. */
export async function authenticateApiKey(deps: ApiKeyAuthDeps, bearer: string | null): Promise<Extract<Principal, { kind: 'api_key' }>> {
  if (bearer === null || !looksLikeApiKey(bearer)) throw new DomainError('unauthenticated', 'A tenant API key is required.');
  const found = await deps.tenants.findApiKey(hashApiKey(deps.apiKeyHashing, bearer));
  if (!found) throw new DomainError('unauthenticated', 'That API key is not valid.');
  return { kind: 'api_key', tenantId: found.tenant.id, keyId: found.keyId, locale: found.tenant.locale, timeZone: found.tenant.timeZone };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
