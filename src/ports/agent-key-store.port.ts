import type { Role, Scope } from '../domain/principal.ts';
import type { Locale } from '../domain/tenant.ts';

/** An agent key as stored: never the key itself, only its keyed hash (which this record omits). */
export interface AgentKeyRecord {
  id: string;
  tenantId: string;
  name: string;
  role: Role;
  scopes: Scope[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Tenant-issued agent keys. Every method is bound to one tenant (row-level security fails closed). */
export interface AgentKeyStore {
  /** Store a new key by its hash. */
  create(input: { id: string; tenantId: string; name: string; keyHash: string; role: Role; scopes: Scope[]; expiresAt: Date | null }): Promise<AgentKeyRecord>;
  /** The unrevoked key of this tenant with this hash, with the tenant's locale and time zone; null when unknown or revoked (expiry is the caller's to check). */
  findActive(tenantId: string, keyHash: string): Promise<(AgentKeyRecord & { locale: Locale; timeZone?: string }) | null>;
  /** The tenant's keys, newest first, revoked ones included. */
  list(tenantId: string): Promise<AgentKeyRecord[]>;
  /** Revoke a key at `at`; false when the tenant has no such unrevoked key. */
  revoke(tenantId: string, id: string, at: Date): Promise<boolean>;
}
