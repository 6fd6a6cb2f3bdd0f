/** The IdempotencyStore contract. */
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { IdempotencyStore } from '../../src/ports/idempotency-store.port.ts';

const DAY = 86_400_000;
const sha = () => randomBytes(32).toString('hex');
const key = () => `key-${randomBytes(6).toString('hex')}`;
const at = (now: number) => ({ now: new Date(now), leaseUntil: new Date(now + 60_000), expiredBefore: new Date(now - DAY) });

export function idempotencyStoreContract(fixture: () => { store: IdempotencyStore; newTenant(): Promise<string> }): void {
  it('claims a key once; a repeat sees it in progress, then completed with the first answer', async () => {
    const { store, newTenant } = fixture();
    const tenant = await newTenant();
    const k = key();
    const now = Date.now();
    expect(await store.claim(tenant, k, { fingerprint: 'f1', ...at(now) })).toEqual({ kind: 'claimed' });
    expect(await store.claim(tenant, k, { fingerprint: 'f1', ...at(now + 1000) })).toEqual({ kind: 'in_progress', fingerprint: 'f1' });
    const content = sha();
    await store.complete(tenant, k, { contentSha256: content, response: { status: 201, body: { file_id: 'x', deduplicated: false } } });
    expect(await store.claim(tenant, k, { fingerprint: 'f2', ...at(now + 2000) })).toEqual({ kind: 'completed', fingerprint: 'f1', contentSha256: content, response: { status: 201, body: { file_id: 'x', deduplicated: false } } });
  });

  it('a released claim, or one whose lease lapsed, can be claimed again; a completed one cannot', async () => {
    const { store, newTenant } = fixture();
    const tenant = await newTenant();
    const released = key();
    const now = Date.now();
    await store.claim(tenant, released, { fingerprint: 'f', ...at(now) });
    await store.release(tenant, released);
    expect(await store.claim(tenant, released, { fingerprint: 'g', ...at(now) })).toEqual({ kind: 'claimed' });
    const lapsed = key();
    await store.claim(tenant, lapsed, { fingerprint: 'f', ...at(now) });
    expect(await store.claim(tenant, lapsed, { fingerprint: 'f', ...at(now + 30_000) })).toMatchObject({ kind: 'in_progress' });
    await store.extend(tenant, lapsed, new Date(now + 120_000));
    expect(await store.claim(tenant, lapsed, { fingerprint: 'f', ...at(now + 90_000) })).toMatchObject({ kind: 'in_progress' });
    expect(await store.claim(tenant, lapsed, { fingerprint: 'h', ...at(now + 130_000) })).toEqual({ kind: 'claimed' });
    await store.complete(tenant, lapsed, { contentSha256: sha(), response: { status: 201, body: {} } });
    await store.release(tenant, lapsed);
    expect(await store.claim(tenant, lapsed, { fingerprint: 'h', ...at(now + 500_000) })).toMatchObject({ kind: 'completed' });
  });

  it('forgets keys past the retention', async () => {
    const { store, newTenant } = fixture();
    const tenant = await newTenant();
    const k = key();
    const then = Date.now() - 2 * DAY;
    await store.claim(tenant, k, { fingerprint: 'f', ...at(then) });
    await store.complete(tenant, k, { contentSha256: sha(), response: { status: 201, body: {} } });
    expect(await store.claim(tenant, k, { fingerprint: 'new', ...at(Date.now()) })).toEqual({ kind: 'claimed' });
  });

  it('keeps tenants apart: the same key is independent per tenant', async () => {
    const { store, newTenant } = fixture();
    const [a, b] = [await newTenant(), await newTenant()];
    const k = key();
    expect(await store.claim(a, k, { fingerprint: 'f', ...at(Date.now()) })).toEqual({ kind: 'claimed' });
    expect(await store.claim(b, k, { fingerprint: 'f', ...at(Date.now()) })).toEqual({ kind: 'claimed' });
  });

  it('gives a key to exactly one of several requests racing for it', async () => {
    const { store, newTenant } = fixture();
    const tenant = await newTenant();
    const k = key();
    const results = await Promise.all(Array.from({ length: 6 }, () => store.claim(tenant, k, { fingerprint: 'f', ...at(Date.now()) })));
    expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'in_progress')).toHaveLength(5);
  });
}
