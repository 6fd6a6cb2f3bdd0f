import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import { SCOPES, type CallerIdentity, type Principal, type Role, type Scope } from '../domain/principal.ts';
import type { Locale } from '../domain/tenant.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { SessionRevocations } from '../ports/session-revocations.port.ts';
import type { TokenSigner } from '../ports/token-signer.port.ts';
import { auditAction, type RequestContext } from './audit.ts';

export type { Clock } from '../ports/clock.port.ts';

export const DEFAULT_SESSION_TTL_SECONDS = 3600;
export const MIN_SESSION_TTL_SECONDS = 30;
/** Clock skew tolerated between nodes when checking exp, nbf and iat (the signer adapter applies it). */
export const CLOCK_TOLERANCE_SECONDS = 30;

export interface SessionDeps {
  tokens: TokenSigner;
  /** Revoked sessions, best behind a short cache (`CachedSessionRevocations`). */
  revocations: SessionRevocations;
  audit: AuditLog;
  clock: Clock;
  maxTtlSeconds: number;
}

/** A session request as the input gate passed it (`POST /v1/sessions`): every field checked. */
export interface SessionInput {
  role?: Role;
  call_id?: string;
  caller?: { phone?: string; customer_id?: string; verified?: boolean };
  scopes?: Scope[];
  ttl_seconds?: number;
}

type SessionPrincipal = Extract<Principal, { kind: 'session' }>;
type ApiKeyPrincipal = Extract<Principal, { kind: 'api_key' }>;

/** Sign a short-lived token for one call, for the tenant's backend. */
export async function issueSession(
  deps: SessionDeps,
  ctx: RequestContext,
  issuer: ApiKeyPrincipal,
  input: SessionInput,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const ttl = input.ttl_seconds ?? DEFAULT_SESSION_TTL_SECONDS;
  if (ttl > deps.maxTtlSeconds) throw new DomainError('validation_failed', undefined, { details: { ttl_seconds: `must be at most ${deps.maxTtlSeconds}` } });
  const role = input.role ?? 'caller';
  const scopes = [...new Set(input.scopes ?? SCOPES)];
  const caller: CallerIdentity = {
    ...(input.caller?.phone !== undefined ? { phone: input.caller.phone } : {}),
    ...(input.caller?.customer_id !== undefined ? { customerId: input.caller.customer_id } : {}),
    ...(input.caller?.verified !== undefined ? { verified: input.caller.verified } : {}),
  };
  const sessionId = randomUUID();
  const issuedAt = new Date(Math.floor(deps.clock.now().getTime() / 1000) * 1000);
  const expiresAt = new Date(issuedAt.getTime() + ttl * 1000);
  const token = await deps.tokens.sign({
    id: sessionId,
    subject: issuer.keyId,
    issuedAt,
    expiresAt,
    claims: { tid: issuer.tenantId, role, scp: scopes, ...(input.call_id ? { cid: input.call_id } : {}), clr: caller, loc: issuer.locale, ...(issuer.timeZone ? { tz: issuer.timeZone } : {}) },
  });
  await auditAction(deps.audit, issuer, { ...ctx, callId: input.call_id ?? null }, 'session.create', 'ok', sessionId, { role, scopes });
  return { token, expiresAt, sessionId };
}

/** Verify a session token: signature, pinned algorithm, issuer, audience, expiry (bounded skew), then revocation. */
export async function verifySession(deps: Pick<SessionDeps, 'tokens' | 'revocations' | 'clock'>, token: string): Promise<SessionPrincipal> {
  const verified = await deps.tokens.verify(token, deps.clock.now());
  if (!verified.ok) {
    if (verified.refusal === 'expired') throw new DomainError('token_expired');
    throw new DomainError('unauthenticated', 'The session token is not valid.');
  }
  const { claims, id, expiresAt } = verified.token;
  if (typeof claims.tid !== 'string') throw new DomainError('unauthenticated', 'The session token is not valid.');
  if (await deps.revocations.isRevoked(claims.tid, id)) throw new DomainError('unauthenticated', 'The session was revoked.');
  return {
    kind: 'session',
    tenantId: claims.tid,
    sessionId: id,
    role: claims.role as Role,
    scopes: claims.scp as Scope[],
    ...(typeof claims.cid === 'string' ? { callId: claims.cid } : {}),
    caller: (claims.clr ?? {}) as CallerIdentity,
    locale: (claims.loc as Locale | undefined) ?? 'en',
    ...(typeof claims.tz === 'string' ? { timeZone: claims.tz } : {}),
    expiresAt,
  };
}

/**
 * Whether a verified session is still good now: not expired and not revoked. For
 * transports that hold a session open (checked per message; revocations reach every
 * node within the revocation cache's lifetime).
 */
export async function sessionStillValid(deps: Pick<SessionDeps, 'revocations' | 'clock'>, principal: SessionPrincipal): Promise<boolean> {
  if (deps.clock.now().getTime() >= principal.expiresAt.getTime()) return false;
  return !(await deps.revocations.isRevoked(principal.tenantId, principal.sessionId));
}

/**
 * Revoke one of the tenant's sessions before its token expires. Idempotent: an id
 * that was never issued, or is already revoked, is accepted and changes nothing.
 */
export async function revokeSession(deps: SessionDeps, ctx: RequestContext, issuer: ApiKeyPrincipal, sessionId: string): Promise<void> {
  const until = new Date(deps.clock.now().getTime() + (deps.maxTtlSeconds + CLOCK_TOLERANCE_SECONDS) * 1000);
  await deps.revocations.revoke(issuer.tenantId, sessionId, until);
  await auditAction(deps.audit, issuer, ctx, 'session.revoke', 'ok', sessionId);
}
