import type { SqlExecutor } from '../../src/ports/database.port.ts';

/**
 * The retention minimum that still keeps a file (migration 052): the matching rule whose minimum
 * ends last, if it has not ended yet. Runs inside the caller's tenant-bound transaction.
 */
const KEEPING_RULE = `
select r.id, f.created_at + make_interval(days => r.min_days) as until
from files f
join retention_rules r on r.tenant_id = f.tenant_id
where f.tenant_id = $1 and f.id = $2
  and r.min_days is not null
  and f.created_at + make_interval(days => r.min_days) > now()
  and vf_retention_matches(to_jsonb(f), r.match, r.value)
order by until desc
limit 1`;

export async function retentionMinimum(tx: SqlExecutor, tenantId: string, fileId: string): Promise<{ ruleId: string; until: Date } | null> {
  const row = (await tx.query(KEEPING_RULE, [tenantId, fileId])).rows[0];
  return row ? { ruleId: String(row.id), until: row.until as Date } : null;
}
