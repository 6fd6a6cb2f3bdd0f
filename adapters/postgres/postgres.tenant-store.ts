import { DomainError } from '../../src/domain/errors.ts';
import { DEFAULT_TIME_ZONE, type Locale, type Tenant, type TenantSettings } from '../../src/domain/tenant.ts';
import type { Database, Row } from '../../src/ports/database.port.ts';
import type { NewTenant, TenantStore } from '../../src/ports/tenant-store.port.ts';
import * as sql from './tenant-store.queries.ts';
import { bindTenant, inTenant, isUuid, sqlErrorOf } from './tenant-scope.ts';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/** TenantStore on Postgres (server or PGlite). API keys are stored only as keyed hashes. */
export class PostgresTenantStore implements TenantStore {
  constructor(private readonly db: Database) {}

  async createTenant(input: NewTenant): Promise<Tenant> {
    try {
      return await this.db.transaction(async (tx) => {
        const { rows } = await tx.query(sql.INSERT_TENANT, [input.slug, input.name, input.locale, input.quota?.bytes ?? null, input.quota?.files ?? null, input.trashDays ?? null, input.timeZone ?? null]);
        const tenant = toTenant(rows[0]);
        // The key row belongs to the new tenant: bind it, as any tenant write is.
        await bindTenant(tx, tenant.id);
        await tx.query(sql.INSERT_API_KEY, [input.apiKeyId, tenant.id, input.apiKeyHash, null]);
        return tenant;
      });
    } catch (error) {
      const { code, constraint } = sqlErrorOf(error);
      if (code === UNIQUE_VIOLATION && constraint === 'tenants_slug_key') {
        throw new DomainError('slug_taken', undefined, { cause: error, details: { slug: input.slug } });
      }
      throw error;
    }
  }

  async getTenant(id: string): Promise<Tenant | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query(sql.SELECT_TENANT_BY_ID, [id]);
    return rows[0] ? toTenant(rows[0]) : null;
  }

  async listTenants(): Promise<Tenant[]> {
    const { rows } = await this.db.query(sql.SELECT_TENANTS);
    return rows.map(toTenant);
  }

  async getTenantBySlug(slug: string): Promise<Tenant | null> {
    const { rows } = await this.db.query(sql.SELECT_TENANT_BY_SLUG, [slug]);
    return rows[0] ? toTenant(rows[0]) : null;
  }

  async findApiKey(keyHash: string): Promise<{ tenant: Tenant; keyId: string } | null> {
    const { rows } = await this.db.query(sql.SELECT_ACTIVE_API_KEY, [keyHash]);
    const row = rows[0];
    return row ? { tenant: toTenant(row), keyId: String(row.key_id) } : null;
  }

  async addApiKey(tenantId: string, input: { apiKeyId: string; apiKeyHash: string; label?: string }): Promise<void> {
    if (!isUuid(tenantId)) throw new DomainError('tenant_not_found');
    try {
      await inTenant(this.db, tenantId, (tx) => tx.query(sql.INSERT_API_KEY, [input.apiKeyId, tenantId, input.apiKeyHash, input.label ?? null]));
    } catch (error) {
      if (sqlErrorOf(error).code === FOREIGN_KEY_VIOLATION) throw new DomainError('tenant_not_found', undefined, { cause: error });
      throw error;
    }
  }

  async updateTenant(slug: string, changes: TenantSettings): Promise<Tenant | null> {
    const { rows } = await this.db.query(sql.UPDATE_TENANT_SETTINGS, [
      slug, changes.quotaBytes ?? null, changes.quotaFiles ?? null, changes.trashDays ?? null,
      changes.quotaBytes !== undefined, changes.quotaFiles !== undefined, changes.trashDays !== undefined, changes.timeZone ?? null, changes.timeZone !== undefined,
    ]);
    return rows[0] ? toTenant(rows[0]) : null;
  }
}

function toTenant(row: Row | undefined): Tenant {
  if (!row) throw new Error('expected a tenant row');
  return {
    id: String(row.id),
    slug: String(row.slug),
    name: String(row.name),
    locale: row.locale as Locale,
    createdAt: row.created_at as Date,
    quota: { bytes: nullableNumber(row.quota_bytes), files: nullableNumber(row.quota_files) },
    trashDays: Number(row.trash_days ?? 30),
    timeZone: typeof row.time_zone === 'string' ? row.time_zone : DEFAULT_TIME_ZONE,
  };
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
