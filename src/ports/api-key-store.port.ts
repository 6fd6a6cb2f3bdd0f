/** One tenant API key as an administrator sees it (never the key itself, never its hash). */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  /** What the key is for ("billing backend", "voicefiles-cli@laptop"); null for keys made before keys had names. */
  name: string | null;
  createdAt: Date;
  /** After this the key no longer authenticates; null: no expiry. */
  expiresAt: Date | null;
  /** When it was revoked; null while it is not. */
  revokedAt: Date | null;
}

/**
 * The lifecycle of tenant API keys: create, list, revoke. Keys are stored only as
 * keyed hashes; looking a key up by its hash (authentication) is `TenantStore.findApiKey`.
 * Every method is scoped by tenant id.
 */
export interface ApiKeyStore {
  /** Add a key to a tenant. Rejects `tenant_not_found` when there is no such tenant. */
  create(tenantId: string, key: { id: string; hash: string; name: string | null; expiresAt: Date | null }): Promise<ApiKeyRecord>;
  /** The tenant's keys, newest first, expired and revoked ones included. */
  list(tenantId: string): Promise<ApiKeyRecord[]>;
  /** Revoke a key now (revoking twice keeps the first time); the key, or null when the tenant has no such key. */
  revoke(tenantId: string, keyId: string): Promise<ApiKeyRecord | null>;
}
