/** The ApiKeyStore contract (with TenantStore.findApiKey, which authenticates against the same keys). */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ApiKeyStore } from '../../src/ports/api-key-store.port.ts';
import type { TenantStore } from '../../src/ports/tenant-store.port.ts';

export interface ApiKeyStoreFixture {
  keys: ApiKeyStore;
  tenants: TenantStore;
  /** A new tenant's id. */
  newTenant(): Promise<string>;
}

const hash = () => randomBytes(32).toString('hex');

export function apiKeyStoreContract(fixture: () => ApiKeyStoreFixture): void {
  it('creates named keys with or without expiry, lists them newest first, and they authenticate', async () => {
    const { keys, tenants, newTenant } = fixture();
    const tenantId = await newTenant();
    const first = { id: randomUUID(), hash: hash(), name: 'billing', expiresAt: null };
    const second = { id: randomUUID(), hash: hash(), name: null, expiresAt: new Date(Date.now() + 86_400_000) };
    expect(await keys.create(tenantId, first)).toMatchObject({ id: first.id, tenantId, name: 'billing', expiresAt: null, revokedAt: null });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await keys.create(tenantId, second);
    const listed = await keys.list(tenantId);
    expect(listed.map((k) => k.id).slice(0, 2)).toEqual([second.id, first.id]);
    expect(listed[0]!.expiresAt?.getTime()).toBe(second.expiresAt.getTime());
    expect(JSON.stringify(listed)).not.toContain(first.hash);
    expect(await tenants.findApiKey(first.hash)).toMatchObject({ keyId: first.id, tenant: { id: tenantId } });
    expect(await tenants.findApiKey(second.hash)).toMatchObject({ keyId: second.id });
  });

  it('an expired key no longer authenticates, but is still listed', async () => {
    const { keys, tenants, newTenant } = fixture();
    const tenantId = await newTenant();
    const expired = { id: randomUUID(), hash: hash(), name: 'old', expiresAt: new Date(Date.now() - 1000) };
    await keys.create(tenantId, expired);
    expect(await tenants.findApiKey(expired.hash)).toBeNull();
    expect((await keys.list(tenantId)).map((k) => k.id)).toContain(expired.id);
  });

  it("revokes once (the first time stays), only the tenant's own key, and a revoked key stops authenticating", async () => {
    const { keys, tenants, newTenant } = fixture();
    const tenantId = await newTenant();
    const other = await newTenant();
    const key = { id: randomUUID(), hash: hash(), name: 'x', expiresAt: null };
    await keys.create(tenantId, key);
    expect(await keys.revoke(other, key.id)).toBeNull();
    expect(await tenants.findApiKey(key.hash)).not.toBeNull();
    const revoked = await keys.revoke(tenantId, key.id);
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect(await tenants.findApiKey(key.hash)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await keys.revoke(tenantId, key.id))?.revokedAt?.getTime()).toBe(revoked?.revokedAt?.getTime());
    expect(await keys.revoke(tenantId, randomUUID())).toBeNull();
    expect(await keys.revoke(tenantId, 'not-a-uuid')).toBeNull();
    expect((await keys.list(other)).map((k) => k.id)).not.toContain(key.id);
  });

  it('refuses a key for a tenant that does not exist', async () => {
    const { keys } = fixture();
    await expect(keys.create(randomUUID(), { id: randomUUID(), hash: hash(), name: null, expiresAt: null })).rejects.toMatchObject({ code: 'tenant_not_found' });
  });
}
