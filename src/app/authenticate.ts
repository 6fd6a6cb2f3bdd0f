import { DomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';
import { hashApiKey, looksLikeApiKey, secretsEqual } from './keys.ts';

/** Accept only the master key. */
export function authenticateMaster(masterKey: string, bearer: string | null): void {
  if (bearer === null || !secretsEqual(bearer, masterKey)) throw new DomainError('unauthenticated', 'The master key is required.');
}

/** Resolve a tenant API key to its principal. */
export async function authenticateApiKey(
  deps: { tenants: TenantStore; apiKeyHashing: Buffer },
  bearer: string | null,
): Promise<Extract<Principal, { kind: 'api_key' }>> {
  if (bearer === null || !looksLikeApiKey(bearer)) throw new DomainError('unauthenticated', 'A tenant API key is required.');
  const found = await deps.tenants.findApiKey(hashApiKey(deps.apiKeyHashing, bearer));
  if (!found) throw new DomainError('unauthenticated', 'That API key is not valid.');
  return { kind: 'api_key', tenantId: found.tenant.id, keyId: found.keyId, locale: found.tenant.locale };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
