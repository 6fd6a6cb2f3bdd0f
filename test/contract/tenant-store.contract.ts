/** The TenantStore contract: every adapter passes it. */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { TenantStore } from '../../src/ports/tenant-store.port.ts';

export interface TenantStoreFixture {
  store: TenantStore;
  /** Revoke a key by id from outside the port (the port has no revoke operation). */
  revokeApiKey(keyId: string): Promise<void>;
}

const uniqueSlug = () => `acme-${randomBytes(4).toString('hex')}`;
const keyHash = () => randomBytes(32).toString('hex');

/** Register the contract's tests in the current describe block. */
export function tenantStoreContract(fixture: () => TenantStoreFixture): void {
  it('creates a tenant and finds it by id and by slug', async () => {
    const { store } = fixture();
    const slug = uniqueSlug();
    const tenant = await store.createTenant({ slug, name: 'Acme GmbH', locale: 'de', apiKeyId: randomUUID(), apiKeyHash: keyHash() });
    expect(tenant).toMatchObject({ slug, name: 'Acme GmbH', locale: 'de' });
    expect(tenant.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(tenant.createdAt).toBeInstanceOf(Date);
    expect(await store.getTenant(tenant.id)).toEqual(tenant);
    expect(await store.getTenantBySlug(slug)).toEqual(tenant);
  });

  it('keeps a time zone per tenant: UTC unless given, changed by updateTenant, seen through an API key', async () => {
    const { store } = fixture();
    const hash = keyHash();
    const plain = await store.createTenant({ slug: uniqueSlug(), name: 'Plain', locale: 'en', apiKeyId: randomUUID(), apiKeyHash: keyHash() });
    expect(plain.timeZone).toBe('UTC');
    const zoned = await store.createTenant({ slug: uniqueSlug(), name: 'Kiwi', locale: 'en', apiKeyId: randomUUID(), apiKeyHash: hash, timeZone: 'Pacific/Auckland' });
    expect(zoned.timeZone).toBe('Pacific/Auckland');
    expect((await store.findApiKey(hash))?.tenant.timeZone).toBe('Pacific/Auckland');
    expect(await store.updateTenant(zoned.slug, { trashDays: 9 })).toMatchObject({ timeZone: 'Pacific/Auckland', trashDays: 9 });
    expect(await store.updateTenant(zoned.slug, { timeZone: 'America/Los_Angeles' })).toMatchObject({ timeZone: 'America/Los_Angeles', trashDays: 9 });
    expect((await store.getTenant(zoned.id))?.timeZone).toBe('America/Los_Angeles');
    expect((await store.getTenant(plain.id))?.timeZone).toBe('UTC');
  });

  it('refuses a slug that is taken with slug_taken, and keeps the first tenant', async () => {
    const { store } = fixture();
    const slug = uniqueSlug();
    const first = await store.createTenant({ slug, name: 'First', locale: 'en', apiKeyId: randomUUID(), apiKeyHash: keyHash() });
    const secondKey = keyHash();
    await expect(store.createTenant({ slug, name: 'Second', locale: 'en', apiKeyId: randomUUID(), apiKeyHash: secondKey })).rejects.toMatchObject({
      name: 'DomainError',
      code: 'slug_taken',
    });
    expect(await store.getTenantBySlug(slug)).toEqual(first);
    // The refused tenant's key was not stored either.
    expect(await store.findApiKey(secondKey)).toBeNull();
  });

  it('resolves an API key hash to its tenant and key id', async () => {
    const { store } = fixture();
    const keyId = randomUUID();
    const hash = keyHash();
    const tenant = await store.createTenant({ slug: uniqueSlug(), name: 'Keys', locale: 'en', apiKeyId: keyId, apiKeyHash: hash });
    expect(await store.findApiKey(hash)).toEqual({ tenant, keyId });
    expect(await store.findApiKey(keyHash())).toBeNull();
  });

  it('adds further keys; a revoked key no longer resolves while the others still do', async () => {
    const { store, revokeApiKey } = fixture();
    const firstId = randomUUID();
    const firstHash = keyHash();
    const tenant = await store.createTenant({ slug: uniqueSlug(), name: 'Rotate', locale: 'en', apiKeyId: firstId, apiKeyHash: firstHash });
    const secondId = randomUUID();
    const secondHash = keyHash();
    await store.addApiKey(tenant.id, { apiKeyId: secondId, apiKeyHash: secondHash, label: 'ci' });
    expect(await store.findApiKey(secondHash)).toEqual({ tenant, keyId: secondId });

    await revokeApiKey(firstId);
    expect(await store.findApiKey(firstHash)).toBeNull();
    expect(await store.findApiKey(secondHash)).toEqual({ tenant, keyId: secondId });
  });

  it('refuses a key for a tenant that does not exist with tenant_not_found', async () => {
    const { store } = fixture();
    await expect(store.addApiKey(randomUUID(), { apiKeyId: randomUUID(), apiKeyHash: keyHash() })).rejects.toMatchObject({ code: 'tenant_not_found' });
  });

  it('answers null for unknown and malformed ids and slugs', async () => {
    const { store } = fixture();
    expect(await store.getTenant(randomUUID())).toBeNull();
    expect(await store.getTenant('not-a-uuid')).toBeNull();
    expect(await store.getTenantBySlug(uniqueSlug())).toBeNull();
  });
}
