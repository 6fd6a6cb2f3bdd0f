import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import { ROLES, SCOPES, type Principal, type Role, type Scope } from '../domain/principal.ts';
import type { AgentKeyRecord, AgentKeyStore } from '../ports/agent-key-store.port.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import { auditAction, type RequestContext } from './audit.ts';

export type { AgentKeyRecord } from '../ports/agent-key-store.port.ts';

/** `vfa_<tenant id, 32 hex>_<secret>`: the tenant is named so the lookup runs bound to it. */
const PREFIX = 'vfa_';
const SHAPE = /^vfa_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
/** Longest time a revocation may take to reach a node that has the key cached. */
export const AGENT_KEY_CACHE_MS = 5_000;
const CACHE_LIMIT = 10_000;
const DEFAULT_DAYS = 365;
const MAX_DAYS = 3650;
/** An agent key without expiry still has one for timers: far away. */
const NEVER = new Date('9999-12-31T00:00:00Z');

export interface AgentKeyDeps {
  agentKeys: AgentKeyStore;
  /** Keyed hash of credentials at rest (the API-key hashing key). */
  hashingKey: Buffer;
  audit: AuditLog;
  clock: Clock;
}

export interface AgentKeyRequest {
  name?: string;
  role?: Role;
  scopes?: Scope[];
  expires_in_days?: number;
}

type CallPrincipal = Extract<Principal, { kind: 'session' }>;

export function looksLikeAgentKey(credential: string): boolean {
  return credential.startsWith(PREFIX);
}

function hashOf(deps: Pick<AgentKeyDeps, 'hashingKey'>, key: string): string {
  return createHmac('sha256', deps.hashingKey).update(`agent-key:${key}`).digest('hex');
}

function tenantIdOf(key: string): string | null {
  const match = SHAPE.exec(key);
  if (!match) return null;
  const hex = match[1] as string;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Issue a key for the tenant of `issuer` (its API key). The key is returned once and stored as a keyed hash. */
export async function issueAgentKey(
  deps: AgentKeyDeps,
  ctx: RequestContext,
  issuer: Extract<Principal, { kind: 'api_key' }>,
  input: AgentKeyRequest,
): Promise<{ key: string; record: AgentKeyRecord }> {
  const role = input.role ?? 'caller';
  const scopes = [...new Set(input.scopes ?? ['read'])] as Scope[];
  if (!(ROLES as readonly string[]).includes(role) || scopes.length === 0 || !scopes.every((s) => (SCOPES as readonly string[]).includes(s))) {
    throw new DomainError('validation_failed', 'role or scopes are not valid.');
  }
  const days = input.expires_in_days ?? DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new DomainError('validation_failed', `expires_in_days must be a whole number from 1 to ${MAX_DAYS}.`);
  const key = `${PREFIX}${issuer.tenantId.replace(/-/g, '').toLowerCase()}_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(deps.clock.now().getTime() + days * 86_400_000);
  const record = await deps.agentKeys.create({
    id: randomUUID(),
    tenantId: issuer.tenantId,
    name: input.name ?? `${role} key`,
    keyHash: hashOf(deps, key),
    role,
    scopes,
    expiresAt,
  });
  await auditAction(deps.audit, issuer, ctx, 'agent_key.create', 'ok', record.id, { role, scopes, expires_at: expiresAt.toISOString() });
  return { key, record };
}

export async function listAgentKeys(deps: Pick<AgentKeyDeps, 'agentKeys'>, issuer: Extract<Principal, { kind: 'api_key' }>): Promise<AgentKeyRecord[]> {
  return deps.agentKeys.list(issuer.tenantId);
}

/** Revoke a key of the issuer's tenant; `not_found` when there is no such live key. */
export async function revokeAgentKey(
  deps: AgentKeyDeps & { verifier?: AgentKeyVerifier },
  ctx: RequestContext,
  issuer: Extract<Principal, { kind: 'api_key' }>,
  id: string,
): Promise<void> {
  const revoked = await deps.agentKeys.revoke(issuer.tenantId, id, deps.clock.now());
  if (!revoked) throw new DomainError('not_found', 'No such agent key, or it is already revoked.');
  deps.verifier?.forget(id);
  await auditAction(deps.audit, issuer, ctx, 'agent_key.revoke', 'ok', id);
}

/**
 * Resolves agent keys to the principal they stand for, with a short cache so that a call's
 * every message does not cost a query. A revoked key stops working on this node at once
 * and on every other node within AGENT_KEY_CACHE_MS.
 */
export class AgentKeyVerifier {
  private readonly cache = new Map<string, { principal: CallPrincipal | null; until: number }>();

  constructor(private readonly deps: Pick<AgentKeyDeps, 'agentKeys' | 'hashingKey' | 'clock'>) {}

  async verify(key: string): Promise<CallPrincipal> {
    const principal = await this.lookup(key);
    if (!principal) throw new DomainError('unauthenticated', 'That agent key is not valid.');
    if (principal.expiresAt.getTime() <= this.deps.clock.now().getTime()) throw new DomainError('token_expired', 'That agent key has expired.');
    return principal;
  }

  /** Is the key behind `principal` still live (unrevoked, unexpired)? */
  async stillValid(principal: CallPrincipal, key: string): Promise<boolean> {
    if (principal.expiresAt.getTime() <= this.deps.clock.now().getTime()) return false;
    return (await this.lookup(key)) !== null;
  }

  forget(agentKeyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.principal?.agentKeyId === agentKeyId) this.cache.delete(hash);
  }

  private async lookup(key: string): Promise<CallPrincipal | null> {
    const tenantId = tenantIdOf(key);
    if (!tenantId) return null;
    const hash = hashOf(this.deps, key);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    let found: Awaited<ReturnType<AgentKeyStore['findActive']>>;
    try {
      found = await this.deps.agentKeys.findActive(tenantId, hash);
    } catch (error) {
      // The database away: keep the last answer rather than end every live call (see CachedSessionRevocations).
      if (cached && error instanceof DomainError && error.code === 'unavailable') return cached.principal;
      throw error;
    }
    const principal: CallPrincipal | null = found
      ? {
          kind: 'session',
          tenantId: found.tenantId,
          sessionId: found.id,
          agentKeyId: found.id,
          role: found.role,
          scopes: found.scopes,
          caller: {},
          locale: found.locale,
          ...(found.timeZone ? { timeZone: found.timeZone } : {}),
          expiresAt: found.expiresAt ?? NEVER,
        }
      : null;
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(hash, { principal, until: now + AGENT_KEY_CACHE_MS });
    return principal;
  }
}
