/** The AgentKeyStore contract: every adapter passes it. */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AgentKeyStore } from '../../src/ports/agent-key-store.port.ts';

export interface AgentKeyStoreFixture {
  store: AgentKeyStore;
  /** A new tenant (locale de); returns its id. */
  newTenant(): Promise<string>;
}

const hash = () => randomBytes(32).toString('hex');

export function agentKeyStoreContract(fixture: () => AgentKeyStoreFixture): void {
  it('stores a key by its hash and finds it, with the tenant locale, only in its own tenant', async () => {
    const { store, newTenant } = fixture();
    const [tenant, other] = [await newTenant(), await newTenant()];
    const keyHash = hash();
    const expiresAt = new Date('2031-01-01T00:00:00Z');
    const created = await store.create({ id: randomUUID(), tenantId: tenant, name: 'Vapi', keyHash, role: 'caller', scopes: ['read', 'share'], expiresAt });
    expect(created).toMatchObject({ tenantId: tenant, name: 'Vapi', role: 'caller', scopes: ['read', 'share'], expiresAt, revokedAt: null });
    expect(await store.findActive(tenant, keyHash)).toMatchObject({ id: created.id, locale: 'de', timeZone: 'UTC' });
    expect(await store.findActive(other, keyHash)).toBeNull();
    expect(await store.findActive(tenant, hash())).toBeNull();
    expect(await store.findActive('not-a-uuid', keyHash)).toBeNull();
  });

  it('lists a tenant’s keys (newest first) and revokes one; a revoked key is not found and not revoked twice', async () => {
    const { store, newTenant } = fixture();
    const tenant = await newTenant();
    const first = await store.create({ id: randomUUID(), tenantId: tenant, name: 'first', keyHash: hash(), role: 'staff', scopes: ['read'], expiresAt: null });
    const secondHash = hash();
    const second = await store.create({ id: randomUUID(), tenantId: tenant, name: 'second', keyHash: secondHash, role: 'caller', scopes: ['read'], expiresAt: null });
    const listed = await store.list(tenant);
    expect(listed.map((k) => k.id).sort()).toEqual([first.id, second.id].sort());
    expect(listed[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(listed[1]!.createdAt.getTime());
    expect(await store.revoke(await newTenant(), second.id, new Date())).toBe(false);
    expect(await store.revoke(tenant, second.id, new Date())).toBe(true);
    expect(await store.revoke(tenant, second.id, new Date())).toBe(false);
    expect(await store.findActive(tenant, secondHash)).toBeNull();
    expect((await store.list(tenant)).find((k) => k.id === second.id)?.revokedAt).toBeInstanceOf(Date);
  });

  it('refuses scopes and roles outside the domain at the database too', async () => {
    const { store, newTenant } = fixture();
    const tenant = await newTenant();
    await expect(store.create({ id: randomUUID(), tenantId: tenant, name: 'x', keyHash: hash(), role: 'admin' as never, scopes: ['read'], expiresAt: null })).rejects.toThrow();
    await expect(store.create({ id: randomUUID(), tenantId: tenant, name: 'x', keyHash: hash(), role: 'staff', scopes: ['root' as never], expiresAt: null })).rejects.toThrow();
  });
}
