import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { JoseTokenSigner } from '../../../adapters/tokens/jose.token-signer.ts';
import { CachedSessionRevocations } from '../../../src/app/revocation-cache.ts';
import { CLOCK_TOLERANCE_SECONDS, issueSession, revokeSession, sessionStillValid, verifySession, type SessionDeps, type SessionInput } from '../../../src/app/sessions.use-case.ts';
import { isDomainError } from '../../../src/domain/errors.ts';
import type { Principal } from '../../../src/domain/principal.ts';
import { BODIES } from '../../../src/transport/http/request-schemas.ts';
import { InputGate } from '../../../src/transport/input-gate.ts';
import { sessionRevocationsContract } from '../../contract/session-revocations.contract.ts';
import { MemoryAuditLog } from '../fakes/memory.audit-log.ts';
import { MemorySessionRevocations } from '../fakes/memory.session-revocations.ts';

const key = new Uint8Array(randomBytes(32));
const issuer: Extract<Principal, { kind: 'api_key' }> = { kind: 'api_key', tenantId: randomUUID(), keyId: randomUUID(), locale: 'de' };
const ctx = { requestId: 'req-1' };

function setup(now = new Date('2026-05-23T10:00:00Z')) {
  const clock = { current: now, now: () => clock.current };
  const audit = new MemoryAuditLog();
  const revocations = new MemorySessionRevocations();
  const deps: SessionDeps = {
    tokens: new JoseTokenSigner({ key, issuer: 'voicefiles', audience: 'voicefiles-agent', clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS }),
    revocations,
    audit,
    clock,
    maxTtlSeconds: 7200,
  };
  return { deps, clock, audit, revocations };
}

const gate = new InputGate().compile<SessionInput>(BODIES.createSession(7200), '');
const problems = (run: () => unknown): Record<string, string> => {
  try {
    run();
  } catch (error) {
    if (isDomainError(error) && error.code === 'validation_failed') return { ...(error.details as Record<string, string>) };
    throw error;
  }
  throw new Error('expected validation_failed');
};

describe('the in-memory SessionRevocations keeps the contract', () => {
  sessionRevocationsContract(() => ({ revocations: new MemorySessionRevocations(), newTenant: async () => randomUUID() }));
});

describe('session requests pass the input gate first', () => {
  it('a __proto__ or constructor field is validation_failed, never internal, and pollutes nothing', () => {
    for (const body of ['{"__proto__":{"role":"staff"}}', '{"constructor":{"prototype":{"admin":true}}}', '{"caller":{"__proto__":{"verified":true}}}']) {
      const found = problems(() => gate(JSON.parse(body)));
      expect(Object.values(found)).toEqual(['is not a known field']);
    }
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect(({} as Record<string, unknown>).verified).toBeUndefined();
  });

  it('names every faulty field, bounded and typed, NUL included', () => {
    expect(problems(() => gate({ role: 'admin', call_id: 'c\u0000', ttl_seconds: 9999, scopes: ['delete'], caller: { phone: 'call me' } }))).toEqual({
      role: 'must be one of caller, staff',
      call_id: 'must not contain control characters',
      ttl_seconds: 'must be at most 7200',
      'scopes.0': 'must be one of read, share, upload',
      'caller.phone': 'is not in the expected format',
    });
  });
});

describe('sessions on fakes: issue, verify, expire, revoke', () => {
  it('issues a token that verifies to the principal asked for, and audits it', async () => {
    const { deps, audit } = setup();
    const input = gate({ role: 'caller', call_id: 'call-7', caller: { customer_id: 'C-1', verified: true }, scopes: ['read', 'read'], ttl_seconds: 600 });
    const issued = await issueSession(deps, ctx, issuer, input);
    expect(issued.expiresAt.toISOString()).toBe('2026-05-23T10:10:00.000Z');
    const principal = await verifySession(deps, issued.token);
    expect(principal).toEqual({
      kind: 'session',
      tenantId: issuer.tenantId,
      sessionId: issued.sessionId,
      role: 'caller',
      scopes: ['read'],
      callId: 'call-7',
      caller: { customerId: 'C-1', verified: true },
      locale: 'de',
      expiresAt: issued.expiresAt,
    });
    expect(audit.events).toMatchObject([{ action: 'session.create', target: issued.sessionId, callId: 'call-7', outcome: 'ok' }]);
  });

  it("carries the tenant's time zone from the issuing key into the session (relative dates in find)", async () => {
    const { deps } = setup();
    const issued = await issueSession(deps, ctx, { ...issuer, timeZone: 'Pacific/Auckland' }, gate({ role: 'staff' }));
    expect(await verifySession(deps, issued.token)).toMatchObject({ kind: 'session', locale: 'de', timeZone: 'Pacific/Auckland' });
  });

  it('refuses an expired token as token_expired, with the clock tolerance, and a foreign or unsigned one as unauthenticated', async () => {
    const { deps, clock } = setup();
    const { token } = await issueSession(deps, ctx, issuer, { ttl_seconds: 60 });
    clock.current = new Date(clock.current.getTime() + (60 + CLOCK_TOLERANCE_SECONDS - 1) * 1000);
    await expect(verifySession(deps, token)).resolves.toMatchObject({ kind: 'session' });
    clock.current = new Date(clock.current.getTime() + 2000);
    await expect(verifySession(deps, token)).rejects.toMatchObject({ code: 'token_expired' });

    const fresh = setup();
    const foreign = await new SignJWT({ tid: issuer.tenantId }).setProtectedHeader({ alg: 'HS256' }).setIssuer('voicefiles').setAudience('voicefiles-agent').setJti(randomUUID()).setIssuedAt().setExpirationTime('1h').sign(new Uint8Array(randomBytes(32)));
    const unsigned = new UnsecuredJWT({ tid: issuer.tenantId }).setIssuer('voicefiles').setAudience('voicefiles-agent').setJti(randomUUID()).setIssuedAt().setExpirationTime('1h').encode();
    for (const bad of [foreign, unsigned, 'not a token', `${(await issueSession(fresh.deps, ctx, issuer, {})).token}x`]) {
      await expect(verifySession(fresh.deps, bad)).rejects.toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('a revoked session no longer verifies, nor stays valid on an open connection', async () => {
    const { deps, audit } = setup(new Date());
    const issued = await issueSession(deps, ctx, issuer, {});
    const principal = await verifySession(deps, issued.token);
    expect(await sessionStillValid(deps, principal)).toBe(true);
    await revokeSession(deps, ctx, issuer, issued.sessionId);
    await expect(verifySession(deps, issued.token)).rejects.toMatchObject({ code: 'unauthenticated', message: 'The session was revoked.' });
    expect(await sessionStillValid(deps, principal)).toBe(false);
    expect(audit.events.at(-1)).toMatchObject({ action: 'session.revoke', target: issued.sessionId });
    const other = { ...issuer, tenantId: randomUUID() };
    await revokeSession(deps, ctx, other, (await issueSession(deps, ctx, issuer, {})).sessionId);
  });

  it('refuses a lifetime over SESSION_MAX_TTL_SECONDS even past the gate', async () => {
    const { deps } = setup();
    await expect(issueSession(deps, ctx, issuer, { ttl_seconds: 7201 })).rejects.toMatchObject({ code: 'validation_failed', details: { ttl_seconds: 'must be at most 7200' } });
  });
});

describe('the revocation cache bounds how late a node learns of a revocation', () => {
  it('trusts "not revoked" for ttlMs, keeps "revoked" for good, and sees its own revocations at once', async () => {
    let now = 0;
    const store = new MemorySessionRevocations();
    const cached = new CachedSessionRevocations(store, { ttlMs: 5000, maxEntries: 100, now: () => now });
    const elsewhere = new CachedSessionRevocations(store, { ttlMs: 5000, maxEntries: 100, now: () => now });
    const [tenant, session] = [randomUUID(), randomUUID()];
    expect(await cached.isRevoked(tenant, session)).toBe(false);
    await elsewhere.revoke(tenant, session, new Date(Date.now() + 3600_000));
    expect(await elsewhere.isRevoked(tenant, session)).toBe(true);
    now = 4999;
    expect(await cached.isRevoked(tenant, session)).toBe(false);
    now = 5000;
    expect(await cached.isRevoked(tenant, session)).toBe(true);
    const lookups = store.lookups;
    now = 1e9;
    expect(await cached.isRevoked(tenant, session)).toBe(true);
    expect(store.lookups).toBe(lookups);
  });

  it('holds at most maxEntries answers', async () => {
    const store = new MemorySessionRevocations();
    const cached = new CachedSessionRevocations(store, { ttlMs: 60_000, maxEntries: 10, now: () => 0 });
    const tenant = randomUUID();
    const first = randomUUID();
    await cached.isRevoked(tenant, first);
    for (let i = 0; i < 20; i++) await cached.isRevoked(tenant, randomUUID());
    const before = store.lookups;
    await cached.isRevoked(tenant, first);
    expect(store.lookups).toBe(before + 1);
  });
});
