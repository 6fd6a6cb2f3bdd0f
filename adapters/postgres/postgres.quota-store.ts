import type { QuotaMeasure, QuotaWarning, TenantQuota, TenantUsage } from '../../src/domain/quota.ts';
import type { Database, Row, SqlExecutor } from '../../src/ports/database.port.ts';
import type { QuotaStore } from '../../src/ports/quota-store.port.ts';
import * as sql from './quota.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** QuotaStore on Postgres (server or PGlite). */
export class PostgresQuotaStore implements QuotaStore {
  constructor(private readonly db: Database) {}

  async usage(tenantId: string): Promise<TenantUsage> {
    if (!isUuid(tenantId)) return { bytes: 0, files: 0, quota: { bytes: null, files: null }, lastWarning: null };
    return inTenant(this.db, tenantId, async (tx) => {
      const quota = await readQuota(tx, tenantId);
      const used = await readUsage(tx, tenantId);
      const { rows } = await tx.query(sql.SELECT_QUOTA_STATE, [tenantId]);
      return { ...used, quota, lastWarning: rows[0] ? toWarning(rows[0]) : null };
    });
  }
}

/** The tenant's limits (none when the tenant is unknown). */
export async function readQuota(tx: SqlExecutor, tenantId: string): Promise<TenantQuota> {
  const { rows } = await tx.query(sql.SELECT_QUOTA, [tenantId]);
  const row = rows[0];
  return { bytes: nullableNumber(row?.quota_bytes), files: nullableNumber(row?.quota_files) };
}

export async function readUsage(tx: SqlExecutor, tenantId: string): Promise<{ bytes: number; files: number }> {
  const { rows } = await tx.query(sql.SELECT_USAGE, [tenantId]);
  return { bytes: Number(rows[0]?.bytes ?? 0), files: Number(rows[0]?.files ?? 0) };
}

function toWarning(row: Row): QuotaWarning | null {
  if (row.last_warning_percent === null || row.last_warning_percent === undefined) return null;
  return {
    percent: Number(row.last_warning_percent),
    measure: row.last_warning_measure as QuotaMeasure,
    at: row.last_warning_at as Date,
    bytes: Number(row.last_warning_bytes),
    files: Number(row.last_warning_files),
  };
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
