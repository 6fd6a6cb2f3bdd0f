import { accessCodeState, type AccessCodeKind, type AccessCodeRecord } from '../../src/domain/access-code.ts';
import type { AuditEvent } from '../../src/domain/audit.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { AccessCodeStore, NewAccessCode, RedeemOutcome } from '../../src/ports/access-code-store.port.ts';
import type { Database, Row } from '../../src/ports/database.port.ts';
import * as sql from './access-code-store.queries.ts';
import { INSERT_EVENT } from './audit-log.queries.ts';
import { auditEventParams } from './postgres.audit-log.ts';
import { inTenant, isUuid, sqlErrorOf } from './tenant-scope.ts';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/** AccessCodeStore on Postgres (server or PGlite), table `access_codes` (migration 040). */
export class PostgresAccessCodeStore implements AccessCodeStore {
  constructor(private readonly db: Database) {}

  async issue(code: NewAccessCode, options: { maxLive: number; now: Date; audit?: AuditEvent }): Promise<AccessCodeRecord> {
    if (!isUuid(code.tenantId)) throw new DomainError('tenant_not_found');
    try {
      return await inTenant(this.db, code.tenantId, async (tx) => {
        await tx.query(sql.LOCK_TENANT_CODES, [code.tenantId]);
        const { rows: counted } = await tx.query(sql.COUNT_LIVE, [code.tenantId, options.now]);
        if (Number(counted[0]?.live ?? 0) >= options.maxLive) throw new DomainError('code_limit_reached', undefined, { details: { maxLive: options.maxLive } });
        const { rows } = await tx.query(sql.INSERT_CODE, [
          code.id, code.tenantId, code.kind, code.subjectId, code.codeHash, code.issuedBy, options.now, code.expiresAt, code.useLimit, code.attemptLimit,
        ]);
        if (options.audit) await tx.query(INSERT_EVENT, auditEventParams(options.audit));
        return toRecord(rows[0]);
      });
    } catch (error) {
      const { code: sqlState } = sqlErrorOf(error);
      if (sqlState === UNIQUE_VIOLATION) throw new DomainError('conflict', 'That code exists already.', { cause: error });
      if (sqlState === FOREIGN_KEY_VIOLATION) throw new DomainError('tenant_not_found', undefined, { cause: error });
      throw error;
    }
  }

  async findByHashes(tenantId: string, hashes: readonly string[]): Promise<Array<AccessCodeRecord & { codeHash: string }>> {
    if (!isUuid(tenantId) || hashes.length === 0) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_BY_HASHES, [tenantId, [...hashes]]));
    return rows.map((row) => ({ ...toRecord(row), codeHash: String(row.code_hash) }));
  }

  async get(tenantId: string, id: string): Promise<AccessCodeRecord | null> {
    if (!isUuid(tenantId) || !isUuid(id)) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_ONE, [tenantId, id]));
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async redeem(tenantId: string, id: string, options: { now: Date; audit?: (outcome: RedeemOutcome) => AuditEvent }): Promise<RedeemOutcome | null> {
    if (!isUuid(tenantId) || !isUuid(id)) return null;
    return inTenant(this.db, tenantId, async (tx) => {
      const { rows: locked } = await tx.query(sql.SELECT_ONE_FOR_UPDATE, [tenantId, id]);
      if (!locked[0]) return null;
      const state = accessCodeState(toRecord(locked[0]), options.now);
      const { rows } = await tx.query(sql.COUNT_REDEMPTION, [tenantId, id, state === 'live']);
      const code = toRecord(rows[0]);
      const outcome: RedeemOutcome = state === 'live' ? { redeemed: true, code } : { redeemed: false, code, state };
      if (options.audit) await tx.query(INSERT_EVENT, auditEventParams(options.audit(outcome)));
      return outcome;
    });
  }

  async countAttempt(tenantId: string, id: string): Promise<AccessCodeRecord | null> {
    if (!isUuid(tenantId) || !isUuid(id)) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.COUNT_REDEMPTION, [tenantId, id, false]));
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async revoke(tenantId: string, id: string, now: Date): Promise<boolean> {
    if (!isUuid(tenantId) || !isUuid(id)) return false;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.REVOKE, [tenantId, id, now]));
    return rows.length > 0;
  }

  async revokeForSubject(tenantId: string, kind: AccessCodeKind, subjectId: string, now: Date): Promise<number> {
    if (!isUuid(tenantId) || !isUuid(subjectId)) return 0;
    const result = await inTenant(this.db, tenantId, (tx) => tx.query(sql.REVOKE_SUBJECT, [tenantId, kind, subjectId, now]));
    return result.rowCount;
  }
}

/** An access_codes row as a record (also read by the share store, which issues codes in its own transaction). */
export function accessCodeRow(row: Row | undefined): AccessCodeRecord {
  return toRecord(row);
}

function toRecord(row: Row | undefined): AccessCodeRecord {
  if (!row) throw new Error('expected an access code row');
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    kind: row.kind as AccessCodeKind,
    subjectId: String(row.subject_id),
    issuedBy: String(row.issued_by),
    createdAt: row.created_at as Date,
    expiresAt: row.expires_at as Date,
    useLimit: Number(row.use_limit),
    uses: Number(row.uses),
    attemptLimit: Number(row.attempt_limit),
    attempts: Number(row.attempts),
    revokedAt: (row.revoked_at as Date | null) ?? null,
  };
}
