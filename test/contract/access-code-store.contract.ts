/** The AccessCodeStore and AttemptThrottle contracts: every adapter passes them. */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AccessCodeStore, NewAccessCode } from '../../src/ports/access-code-store.port.ts';
import type { AttemptThrottle, BucketRef } from '../../src/ports/attempt-throttle.port.ts';
import type { AuditLog } from '../../src/ports/audit-log.port.ts';

export interface AccessCodeFixture {
  codes: AccessCodeStore;
  throttle: AttemptThrottle;
  audit: AuditLog;
  newTenant(): Promise<string>;
}

const hash = () => randomBytes(32).toString('hex');
const NOW = new Date('2030-05-01T10:00:00Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

function newCode(tenantId: string, over: Partial<NewAccessCode> = {}): NewAccessCode {
  return {
    id: randomUUID(), tenantId, kind: 'download', subjectId: randomUUID(), codeHash: hash(), issuedBy: 'session:s1',
    expiresAt: later(3600), useLimit: 2, attemptLimit: 3, ...over,
  };
}

export function accessCodeStoreContract(fixture: () => AccessCodeFixture): void {
  it('issues a code with its audit event and finds it by hash only in its tenant', async () => {
    const { codes, audit, newTenant } = fixture();
    const [tenant, other] = [await newTenant(), await newTenant()];
    const input = newCode(tenant);
    const issued = await codes.issue(input, { maxLive: 10, now: NOW, audit: { tenantId: tenant, actor: 'session:s1', role: 'caller', action: 'code.issue', target: input.id, outcome: 'ok' } });
    expect(issued).toMatchObject({ id: input.id, tenantId: tenant, kind: 'download', uses: 0, attempts: 0, useLimit: 2, attemptLimit: 3, revokedAt: null });
    expect(await codes.findByHashes(tenant, [hash(), input.codeHash])).toEqual([{ ...issued, codeHash: input.codeHash }]);
    expect(await codes.findByHashes(other, [input.codeHash])).toEqual([]);
    expect(await codes.findByHashes('nope', [input.codeHash])).toEqual([]);
    expect(await codes.get(other, input.id)).toBeNull();
    expect((await audit.list(tenant, { action: 'code.issue' })).map((e) => e.target)).toEqual([input.id]);
  });

  it('refuses a code past the live cap (expired, used-up and revoked ones do not count) and a duplicate hash', async () => {
    const { codes, newTenant } = fixture();
    const tenant = await newTenant();
    const first = await codes.issue(newCode(tenant), { maxLive: 2, now: NOW });
    await codes.issue(newCode(tenant, { expiresAt: later(1) }), { maxLive: 2, now: NOW });
    await expect(codes.issue(newCode(tenant), { maxLive: 2, now: NOW })).rejects.toMatchObject({ code: 'code_limit_reached' });
    await codes.issue(newCode(tenant), { maxLive: 2, now: later(2) });
    await codes.revoke(tenant, first.id, later(2));
    const duplicate = newCode(tenant);
    await codes.issue(duplicate, { maxLive: 3, now: later(2) });
    await expect(codes.issue({ ...newCode(tenant), codeHash: duplicate.codeHash }, { maxLive: 10, now: later(2) })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('redeems until used up, counting attempts; refuses expired, revoked and locked codes; audits each in its transaction', async () => {
    const { codes, audit, newTenant } = fixture();
    const tenant = await newTenant();
    const code = await codes.issue(newCode(tenant), { maxLive: 10, now: NOW });
    const auditOf = (o: { redeemed: boolean }) => ({ tenantId: tenant, actor: 'anonymous', role: 'public', action: 'code.redeem', target: code.id, outcome: o.redeemed ? 'ok' as const : 'denied' as const });
    expect(await codes.redeem(tenant, code.id, { now: NOW, audit: auditOf })).toMatchObject({ redeemed: true, code: { uses: 1, attempts: 1 } });
    expect(await codes.redeem(tenant, code.id, { now: NOW, audit: auditOf })).toMatchObject({ redeemed: true, code: { uses: 2, attempts: 2 } });
    expect(await codes.redeem(tenant, code.id, { now: NOW, audit: auditOf })).toMatchObject({ redeemed: false, state: 'used_up', code: { uses: 2, attempts: 3 } });
    expect((await audit.list(tenant, { action: 'code.redeem' })).map((e) => e.outcome).sort()).toEqual(['denied', 'ok', 'ok']);
    expect(await codes.redeem(await newTenant(), code.id, { now: NOW })).toBeNull();

    const expiring = await codes.issue(newCode(tenant), { maxLive: 10, now: NOW });
    expect(await codes.redeem(tenant, expiring.id, { now: later(3600) })).toMatchObject({ redeemed: false, state: 'expired' });
    const revoked = await codes.issue(newCode(tenant), { maxLive: 10, now: NOW });
    expect(await codes.revoke(tenant, revoked.id, NOW)).toBe(true);
    expect(await codes.redeem(tenant, revoked.id, { now: NOW })).toMatchObject({ redeemed: false, state: 'revoked' });
    const locking = await codes.issue(newCode(tenant), { maxLive: 10, now: NOW });
    for (let i = 0; i < 3; i++) await codes.countAttempt(tenant, locking.id);
    expect(await codes.redeem(tenant, locking.id, { now: NOW })).toMatchObject({ redeemed: false, state: 'locked' });
  });

  it('uses a code at most its use limit under concurrent redemptions', async () => {
    const { codes, newTenant } = fixture();
    const tenant = await newTenant();
    const code = await codes.issue(newCode(tenant, { useLimit: 3, attemptLimit: 20 }), { maxLive: 10, now: NOW });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => codes.redeem(tenant, code.id, { now: NOW })));
    expect(outcomes.filter((o) => o?.redeemed)).toHaveLength(3);
  });

  it('revokes every live code of a subject', async () => {
    const { codes, newTenant } = fixture();
    const tenant = await newTenant();
    const subjectId = randomUUID();
    await codes.issue(newCode(tenant, { subjectId }), { maxLive: 10, now: NOW });
    await codes.issue(newCode(tenant, { subjectId }), { maxLive: 10, now: NOW });
    await codes.issue(newCode(tenant, { subjectId, kind: 'upload' }), { maxLive: 10, now: NOW });
    expect(await codes.revokeForSubject(tenant, 'download', subjectId, NOW)).toBe(2);
    expect(await codes.revokeForSubject(tenant, 'download', subjectId, NOW)).toBe(0);
  });

  it('throttle: takes from every bucket or none, refills at its rate, never above its burst, per tenant', async () => {
    const { throttle, newTenant } = fixture();
    const [tenant, other] = [await newTenant(), await newTenant()];
    const tight: BucketRef = { scope: 'address', key: '192.0.2.1', limit: { attempts: 1, perSeconds: 10, burst: 2 } };
    const loose: BucketRef = { scope: 'tenant', key: 'all', limit: { attempts: 100, perSeconds: 1, burst: 100 } };
    expect(await throttle.take(tenant, [tight, loose], NOW)).toEqual({ allowed: true });
    expect(await throttle.take(tenant, [tight, loose], NOW)).toEqual({ allowed: true });
    expect(await throttle.take(tenant, [loose, tight], NOW)).toEqual({ allowed: false, retryAfterSeconds: 10, scope: 'address' });
    expect(await throttle.take(other, [tight], NOW)).toEqual({ allowed: true });
    expect(await throttle.take(tenant, [tight], later(5))).toMatchObject({ allowed: false, retryAfterSeconds: 5 });
    expect(await throttle.take(tenant, [tight], later(10))).toEqual({ allowed: true });
    await throttle.refund(tenant, [tight, tight, tight], later(10));
    // Refunds stop at the burst: two takes, then empty.
    expect(await throttle.take(tenant, [tight], later(10))).toEqual({ allowed: true });
    expect(await throttle.take(tenant, [tight], later(10))).toEqual({ allowed: true });
    expect(await throttle.take(tenant, [tight], later(10))).toMatchObject({ allowed: false });
  });

  it('throttle: concurrent takes never pass more than the bucket holds', async () => {
    const { throttle, newTenant } = fixture();
    const tenant = await newTenant();
    const bucket: BucketRef = { scope: 'code', key: randomUUID(), limit: { attempts: 1, perSeconds: 3600, burst: 5 } };
    const decisions = await Promise.all(Array.from({ length: 20 }, () => throttle.take(tenant, [bucket], NOW)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });
}
