/**
 * A database outage must not end every live call: the per-message credential checks (session
 * revocation, agent keys) keep their last answer while the store answers `unavailable`, and
 * still fail for any other error or when they have no answer at all.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentKeyVerifier, issueAgentKey } from '../../../src/app/agent-keys.use-case.ts';
import { CachedSessionRevocations } from '../../../src/app/revocation-cache.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import type { AgentKeyRecord, AgentKeyStore } from '../../../src/ports/agent-key-store.port.ts';
import type { SessionRevocations } from '../../../src/ports/session-revocations.port.ts';
import { MemoryAuditLog } from '../../support/fakes/memory.services.ts';

const TENANT = '0f6c2d5e-1b3a-4c7d-9e8f-0a1b2c3d4e5f';
const unavailable = () => new DomainError('unavailable', 'The database is not reachable right now; please try again shortly.');

/** A store whose answers a test switches off: `failure` is thrown instead while set. */
class SwitchableRevocations implements SessionRevocations {
  failure: Error | null = null;
  readonly revoked = new Set<string>();
  async revoke(tenantId: string, sessionId: string): Promise<void> {
    this.revoked.add(`${tenantId}/${sessionId}`);
  }
  async isRevoked(tenantId: string, sessionId: string): Promise<boolean> {
    if (this.failure) throw this.failure;
    return this.revoked.has(`${tenantId}/${sessionId}`);
  }
}

describe('session revocation checks while the database is away', () => {
  let now = 0;
  const open = () => {
    const store = new SwitchableRevocations();
    return { store, cache: new CachedSessionRevocations(store, { ttlMs: 1_000, maxEntries: 10, now: () => now }) };
  };

  it('keeps the last "not revoked" answer past its lifetime while the store is unavailable, and asks again once it is back', async () => {
    const { store, cache } = open();
    expect(await cache.isRevoked(TENANT, 's1')).toBe(false);
    now += 5_000;
    store.failure = unavailable();
    expect(await cache.isRevoked(TENANT, 's1')).toBe(false);
    store.failure = null;
    await store.revoke(TENANT, 's1');
    expect(await cache.isRevoked(TENANT, 's1')).toBe(true);
  });

  it('has nothing to keep for a session it never saw, and passes the outage on', async () => {
    const { store, cache } = open();
    store.failure = unavailable();
    await expect(cache.isRevoked(TENANT, 'never-seen')).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('passes any other failure on, whatever it knew', async () => {
    const { store, cache } = open();
    await cache.isRevoked(TENANT, 's1');
    now += 5_000;
    store.failure = new Error('permission denied for table session_revocations');
    await expect(cache.isRevoked(TENANT, 's1')).rejects.toThrow(/permission denied/);
  });
});

class SwitchableAgentKeys implements AgentKeyStore {
  failure: Error | null = null;
  readonly keys = new Map<string, AgentKeyRecord & { keyHash: string }>();
  async create(input: Parameters<AgentKeyStore['create']>[0]): Promise<AgentKeyRecord> {
    const record = { ...input, createdAt: new Date(), revokedAt: null };
    this.keys.set(input.keyHash, record);
    return record;
  }
  async findActive(tenantId: string, keyHash: string) {
    if (this.failure) throw this.failure;
    const record = this.keys.get(keyHash);
    return record && record.tenantId === tenantId && !record.revokedAt ? { ...record, locale: 'en' as const } : null;
  }
  async list(): Promise<AgentKeyRecord[]> {
    return [...this.keys.values()];
  }
  async revoke(): Promise<boolean> {
    return false;
  }
}

describe('agent key checks while the database is away', () => {
  afterEach(() => void vi.useRealTimers());

  it('keep the last answer past the cache lifetime while the store is unavailable; other failures still fail', async () => {
    vi.useFakeTimers({ now: new Date('2026-05-23T10:00:00Z') });
    const agentKeys = new SwitchableAgentKeys();
    const deps = { agentKeys, hashingKey: Buffer.alloc(32, 7), audit: new MemoryAuditLog(), clock: { now: () => new Date() } };
    const { key } = await issueAgentKey(deps, { requestId: 'r' }, { kind: 'api_key', tenantId: TENANT, keyId: 'k', locale: 'en' }, {});
    const verifier = new AgentKeyVerifier(deps);
    const principal = await verifier.verify(key);
    vi.advanceTimersByTime(60_000);
    agentKeys.failure = unavailable();
    expect(await verifier.stillValid(principal, key)).toBe(true);
    agentKeys.failure = new Error('relation "agent_keys" does not exist');
    await expect(verifier.stillValid(principal, key)).rejects.toThrow(/does not exist/);
  });
});
