import { DomainError } from '../../src/domain/errors.ts';
import type { RetentionMatch, RetentionRule } from '../../src/domain/retention.ts';
import type { Database, Row } from '../../src/ports/database.port.ts';
import type { RetentionStore } from '../../src/ports/retention-store.port.ts';
import { INSERT_EVENT } from './audit-log.queries.ts';
import { auditEventParams } from './postgres.audit-log.ts';
import { inTenant, isUuid, sqlErrorOf } from './tenant-scope.ts';

const COLUMNS = 'r.id, r.tenant_id, r.match, r.value, r.min_days, r.max_days, r.created_by, r.created_at';
const INSERT_RULE = `
insert into retention_rules as r (tenant_id, match, value, min_days, max_days, created_by)
values ($1, $2, $3, $4, $5, $6)
returning ${COLUMNS}`;
const SELECT_RULES = `select ${COLUMNS} from retention_rules r where r.tenant_id = $1 order by r.created_at, r.id`;
const DELETE_RULE = `delete from retention_rules r where r.tenant_id = $1 and r.id = $2 returning ${COLUMNS}`;

/** RetentionStore on Postgres (server or PGlite): the `retention_rules` table of migration 052. */
export class PostgresRetentionStore implements RetentionStore {
  constructor(private readonly db: Database) {}

  async create(input: Parameters<RetentionStore['create']>[0]): Promise<RetentionRule> {
    if (!isUuid(input.tenantId)) throw new DomainError('tenant_not_found');
    try {
      return await inTenant(this.db, input.tenantId, async (tx) => {
        const { rows } = await tx.query(INSERT_RULE, [input.tenantId, input.match, input.value, input.minDays, input.maxDays, input.createdBy]);
        const rule = toRule(rows[0]);
        await tx.query(INSERT_EVENT, auditEventParams(input.audit(rule)));
        return rule;
      });
    } catch (error) {
      if (sqlErrorOf(error).code === '23505') throw new DomainError('conflict', `There is already a retention rule for the ${input.match} "${input.value}"; delete it first.`, { cause: error });
      throw error;
    }
  }

  async list(tenantId: string): Promise<RetentionRule[]> {
    if (!isUuid(tenantId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(SELECT_RULES, [tenantId]));
    return rows.map(toRule);
  }

  async remove(input: Parameters<RetentionStore['remove']>[0]): Promise<RetentionRule | null> {
    if (!isUuid(input.tenantId) || !isUuid(input.ruleId)) return null;
    return inTenant(this.db, input.tenantId, async (tx) => {
      const { rows } = await tx.query(DELETE_RULE, [input.tenantId, input.ruleId]);
      if (!rows[0]) return null;
      const rule = toRule(rows[0]);
      await tx.query(INSERT_EVENT, auditEventParams(input.audit(rule)));
      return rule;
    });
  }
}

function toRule(row: Row | undefined): RetentionRule {
  if (!row) throw new Error('expected a retention rule row');
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    match: row.match as RetentionMatch,
    value: String(row.value),
    minDays: row.min_days == null ? null : Number(row.min_days),
    maxDays: row.max_days == null ? null : Number(row.max_days),
    createdBy: String(row.created_by),
    createdAt: row.created_at as Date,
  };
}
