import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { DomainError } from '../domain/errors.ts';
import { ROLES, SCOPES, type CallerIdentity, type Principal, type Role, type Scope } from '../domain/principal.ts';
import type { Locale } from '../domain/tenant.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import { auditAction, type RequestContext } from './audit.ts';

const ISSUER = 'voicefiles';
const AUDIENCE = 'voicefiles-agent';
/** Pinned: tokens signed any other way (including `none`) are refused. */
const ALGORITHM = 'HS256';
/** Clock skew tolerated between nodes when checking exp/nbf/iat. */
export const CLOCK_TOLERANCE_SECONDS = 30;
const DEFAULT_TTL_SECONDS = 3600;

export interface SessionDeps {
  signingKey: Uint8Array;
  audit: AuditLog;
  clock: Clock;
  maxTtlSeconds: number;
}

export interface SessionRequest {
  role?: unknown;
  call_id?: unknown;
  caller?: unknown;
  scopes?: unknown;
  ttl_seconds?: unknown;
}

/** Validate a session request from the tenant's backend and sign a short-lived token for one call. */
export async function issueSession(
  deps: SessionDeps,
  ctx: RequestContext,
  issuer: Extract<Principal, { kind: 'api_key' }>,
  input: SessionRequest,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const problems: Record<string, string> = {};
  const role = input.role ?? 'caller';
  if (!(ROLES as readonly unknown[]).includes(role)) problems.role = `must be one of ${ROLES.join(', ')}`;
  const scopes = input.scopes ?? [...SCOPES];
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => (SCOPES as readonly unknown[]).includes(s))) {
    problems.scopes = `must be a non-empty list of ${SCOPES.join(', ')}`;
  }
  const callId = input.call_id;
  if (callId !== undefined && (typeof callId !== 'string' || callId.length === 0 || callId.length > 200)) problems.call_id = 'must be a string of 1-200 characters';
  const ttl = input.ttl_seconds ?? DEFAULT_TTL_SECONDS;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 30 || ttl > deps.maxTtlSeconds) {
    problems.ttl_seconds = `must be a whole number of seconds from 30 to ${deps.maxTtlSeconds}`;
  }
  const caller = parseCaller(input.caller, problems);
  if (Object.keys(problems).length > 0) throw new DomainError('validation_failed', undefined, { details: problems });

  const sessionId = randomUUID();
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  const expiresAt = new Date((nowSeconds + (ttl as number)) * 1000);
  const token = await new SignJWT({
    tid: issuer.tenantId,
    role,
    scp: scopes,
    ...(callId ? { cid: callId } : {}),
    clr: caller,
    loc: issuer.locale,
  })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setJti(sessionId)
    .setSubject(issuer.keyId)
    .setIssuedAt(nowSeconds)
    .setNotBefore(nowSeconds)
    .setExpirationTime(expiresAt)
    .sign(deps.signingKey);
  await auditAction(deps.audit, issuer, { ...ctx, callId: (callId as string | undefined) ?? null }, 'session.create', 'ok', sessionId, { role, scopes });
  return { token, expiresAt, sessionId };
}

function parseCaller(value: unknown, problems: Record<string, string>): CallerIdentity {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.caller = 'must be an object';
    return {};
  }
  const raw = value as Record<string, unknown>;
  const caller: CallerIdentity = {};
  for (const key of Object.keys(raw)) {
    if (!['phone', 'customer_id', 'verified'].includes(key)) problems[`caller.${key}`] = 'is not a known field';
  }
  if (raw.phone !== undefined) {
    if (typeof raw.phone !== 'string' || !/^\+?[0-9 ()-]{3,32}$/.test(raw.phone)) problems['caller.phone'] = 'must be a phone number';
    else caller.phone = raw.phone;
  }
  if (raw.customer_id !== undefined) {
    if (typeof raw.customer_id !== 'string' || raw.customer_id.length === 0 || raw.customer_id.length > 200) problems['caller.customer_id'] = 'must be a string of 1-200 characters';
    else caller.customerId = raw.customer_id;
  }
  if (raw.verified !== undefined) {
    if (typeof raw.verified !== 'boolean') problems['caller.verified'] = 'must be true or false';
    else caller.verified = raw.verified;
  }
  return caller;
}

/** Verify a session token: signature, pinned algorithm, issuer, audience, expiry (with bounded skew). */
export async function verifySession(deps: Pick<SessionDeps, 'signingKey' | 'clock'>, token: string): Promise<Extract<Principal, { kind: 'session' }>> {
  try {
    const { payload } = await jwtVerify(token, deps.signingKey, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: deps.clock.now(),
      requiredClaims: ['exp', 'iat', 'jti', 'tid'],
    });
    const clr = (payload.clr ?? {}) as CallerIdentity;
    return {
      kind: 'session',
      tenantId: String(payload.tid),
      sessionId: String(payload.jti),
      role: payload.role as Role,
      scopes: payload.scp as Scope[],
      ...(typeof payload.cid === 'string' ? { callId: payload.cid } : {}),
      caller: clr,
      locale: (payload.loc as Locale) ?? 'en',
      expiresAt: new Date((payload.exp as number) * 1000),
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new DomainError('token_expired', undefined, { cause: error });
    throw new DomainError('unauthenticated', 'The session token is not valid.', { cause: error });
  }
}
