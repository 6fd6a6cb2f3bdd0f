import { DomainError } from '../../src/domain/errors.ts';
import type { ApiKeyRecord, ApiKeyStore } from '../../src/ports/api-key-store.port.ts';
import type { Database, Row } from '../../src/ports/database.port.ts';
import * as sql from './api-key-store.queries.ts';
import { inTenant, isUuid, sqlErrorOf } from './tenant-scope.ts';

const FOREIGN_KEY_VIOLATION = '23503';

/** ApiKeyStore on Postgres (server or PGlite), in the `api_keys` table the tenant store authenticates against. */
export class PostgresApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: Database) {}

  async create(tenantId: string, key: { id: string; hash: string; name: string | null; expiresAt: Date | null }): Promise<ApiKeyRecord> {
    if (!isUuid(tenantId)) throw new DomainError('tenant_not_found');
    try {
      const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.INSERT_KEY, [key.id, tenantId, key.hash, key.name, key.expiresAt]));
      return toRecord(rows[0]);
    } catch (error) {
      if (sqlErrorOf(error).code === FOREIGN_KEY_VIOLATION) throw new DomainError('tenant_not_found', undefined, { cause: error });
      throw error;
    }
  }

  async list(tenantId: string): Promise<ApiKeyRecord[]> {
    if (!isUuid(tenantId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_KEYS, [tenantId]));
    return rows.map(toRecord);
  }

  async revoke(tenantId: string, keyId: string): Promise<ApiKeyRecord | null> {
    if (!isUuid(tenantId) || !isUuid(keyId)) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.REVOKE_KEY, [tenantId, keyId]));
    return rows[0] ? toRecord(rows[0]) : null;
  }
}

function toRecord(row: Row | undefined): ApiKeyRecord {
  if (!row) throw new Error('expected an api key row');
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    name: (row.name as string | null) ?? null,
    createdAt: row.created_at as Date,
    expiresAt: (row.expires_at as Date | null) ?? null,
    revokedAt: (row.revoked_at as Date | null) ?? null,
  };
}
