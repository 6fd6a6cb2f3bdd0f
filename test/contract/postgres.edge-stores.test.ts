/**
 * The stores of the edge (API keys, session revocations, idempotency keys) on PGlite and on the
 * Postgres server. One file, so PGlite starts once.
 */
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { PostgresApiKeyStore } from '../../adapters/postgres/postgres.api-key-store.ts';
import { PostgresIdempotencyStore } from '../../adapters/postgres/postgres.idempotency-store.ts';
import { PostgresSessionRevocations } from '../../adapters/postgres/postgres.session-revocations.ts';
import { PostgresTenantStore } from '../../adapters/postgres/postgres.tenant-store.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { forEachEngine } from '../support/db.ts';
import { apiKeyStoreContract } from './api-key-store.contract.ts';
import { idempotencyStoreContract } from './idempotency-store.contract.ts';
import { sessionRevocationsContract } from './session-revocations.contract.ts';

async function newTenant(db: Database): Promise<string> {
  const tenant = await new PostgresTenantStore(db).createTenant({ slug: `t-${randomBytes(5).toString('hex')}`, name: 'T', locale: 'en', apiKeyId: crypto.randomUUID(), apiKeyHash: randomBytes(32).toString('hex') });
  return tenant.id;
}

await forEachEngine(import.meta.url, (ctx) => {
  describe('ApiKeyStore', () => {
    apiKeyStoreContract(() => ({ keys: new PostgresApiKeyStore(ctx().db), tenants: new PostgresTenantStore(ctx().db), newTenant: () => newTenant(ctx().db) }));
  });
  describe('SessionRevocations', () => {
    sessionRevocationsContract(() => ({ revocations: new PostgresSessionRevocations(ctx().db), newTenant: () => newTenant(ctx().db) }));
  });
  describe('IdempotencyStore', () => {
    idempotencyStoreContract(() => ({ store: new PostgresIdempotencyStore(ctx().db), newTenant: () => newTenant(ctx().db) }));
  });
});
