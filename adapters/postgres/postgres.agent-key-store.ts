import type { Role, Scope } from '../../src/domain/principal.ts';
import type { Locale } from '../../src/domain/tenant.ts';
import type { AgentKeyRecord, AgentKeyStore } from '../../src/ports/agent-key-store.port.ts';
import type { Database, Row } from '../../src/ports/database.port.ts';
import * as sql from './agent-key-store.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** AgentKeyStore on Postgres (server or PGlite); keys only as keyed hashes. */
export class PostgresAgentKeyStore implements AgentKeyStore {
  constructor(private readonly db: Database) {}

  async create(input: { id: string; tenantId: string; name: string; keyHash: string; role: Role; scopes: Scope[]; expiresAt: Date | null }): Promise<AgentKeyRecord> {
    const { rows } = await inTenant(this.db, input.tenantId, (tx) =>
      tx.query(sql.INSERT_AGENT_KEY, [input.id, input.tenantId, input.name, input.keyHash, input.role, input.scopes, input.expiresAt]),
    );
    return toRecord(rows[0]);
  }

  async findActive(tenantId: string, keyHash: string): Promise<(AgentKeyRecord & { locale: Locale; timeZone: string }) | null> {
    if (!isUuid(tenantId)) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_ACTIVE_AGENT_KEY, [tenantId, keyHash]));
    const row = rows[0];
    return row ? { ...toRecord(row), locale: row.locale as Locale, timeZone: typeof row.time_zone === 'string' ? row.time_zone : 'UTC' } : null;
  }

  async list(tenantId: string): Promise<AgentKeyRecord[]> {
    if (!isUuid(tenantId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_AGENT_KEYS, [tenantId]));
    return rows.map(toRecord);
  }

  async revoke(tenantId: string, id: string, at: Date): Promise<boolean> {
    if (!isUuid(tenantId) || !isUuid(id)) return false;
    const { rowCount } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.REVOKE_AGENT_KEY, [tenantId, id, at]));
    return rowCount > 0;
  }
}

function toRecord(row: Row | undefined): AgentKeyRecord {
  if (!row) throw new Error('expected an agent key row');
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    name: String(row.name),
    role: row.role as Role,
    scopes: row.scopes as Scope[],
    createdAt: row.created_at as Date,
    expiresAt: (row.expires_at as Date | null) ?? null,
    revokedAt: (row.revoked_at as Date | null) ?? null,
  };
}
