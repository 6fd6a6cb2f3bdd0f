import type { Locale } from './tenant.ts';

export const ROLES = ['caller', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['read', 'share', 'upload'] as const;
export type Scope = (typeof SCOPES)[number];

export interface CallerIdentity {
  phone?: string;
  customerId?: string;
  verified?: boolean;
}

/** Who is acting: an API key holder (the tenant's backend) or a call session. */
export type Principal =
  | {
      kind: 'api_key';
      tenantId: string;
      keyId: string;
      locale: Locale;
      /** The tenant's IANA time zone, for relative dates ("yesterday"); absent: UTC. */
      timeZone?: string;
    }
  | {
      kind: 'session';
      tenantId: string;
      sessionId: string;
      role: Role;
      scopes: Scope[];
      callId?: string;
      caller: CallerIdentity;
      locale: Locale;
      /** The tenant's IANA time zone, for relative dates ("yesterday"); absent: UTC. */
      timeZone?: string;
      /** When the session token stops being valid; the connection closes then. */
      expiresAt: Date;
      /** Set when the credential is a tenant-issued agent key (static, shared by the calls of one assistant) rather than a per-call session token. */
      agentKeyId?: string;
    };

export function actorOf(principal: Principal): string {
  if (principal.kind === 'api_key') return `key:${principal.keyId}`;
  return principal.agentKeyId ? `agent_key:${principal.agentKeyId}` : `session:${principal.sessionId}`;
}

export function roleOf(principal: Principal): Role | 'api' {
  return principal.kind === 'api_key' ? 'api' : principal.role;
}
