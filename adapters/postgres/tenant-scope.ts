/**
 * Tenant scoping, and row-level security as the second line of defence behind the
 * `tenant_id = $n` of every query. How it works (migrations 001 and 003):
 *
 * - Every tenant table has `enable` + `force row level security` and the policy
 *   `using (tenant_id = vf_current_tenant()) with check (tenant_id = vf_current_tenant())`.
 *   `vf_current_tenant()` reads the transaction-local setting `app.tenant_id`. With no tenant
 *   bound a query sees no rows and can write none: forgetting the binding fails closed.
 * - Tenant work runs through `inTenant(db, tenantId, tx => ...)`, which binds the tenant first.
 *   A transaction that creates a tenant binds it with `bindTenant(tx, id)` once it has the id.
 * - The service connects as a role that owns nothing (DATABASE_URL; on PGlite, `SET ROLE` to
 *   `voicefiles_app` after migrating, see PgliteDatabase.assumeRole), so policies bind it and it
 *   cannot alter them. Migrations run as the owner (DATABASE_MIGRATION_URL).
 * - Platform-wide work (the API-key lookup by hash, versions in given states across tenants,
 *   audit events without a tenant) goes through SECURITY DEFINER functions owned by the owner:
 *   `vf_find_api_key`, `vf_versions_in_states`, `vf_append_platform_audit`. They turn
 *   `app.platform` on for their body (restored before they return), and the `platform_functions`
 *   policy passes rows only when that is on AND the current user is the owner, that is, only
 *   inside these functions. The runtime role setting app.platform itself gains nothing.
 *
 * For a new tenant table (CONVENTIONS.md): enable + force row level security and the fail-closed
 * `tenant_isolation` policy above; read and write it only inside `inTenant`. Writing the function
 * as `(select vf_current_tenant())` makes Postgres evaluate it once per statement rather than per
 * row (migration 003 does, for its tables: a scan of many rows is several times faster). If it needs a
 * platform-wide query, add a SECURITY DEFINER function in a migration, written like those of
 * 003 (plpgsql, `security definer`, `set search_path from current`, app.platform on around the
 * query and restored after, returning only what the caller needs), plus the table's
 * `platform_functions` policy:
 * `create policy platform_functions on <table> using (vf_platform_access()) with check (vf_platform_access())`.
 * To change one of 003's functions, `create or replace` it in a new migration.
 */
import type { Database, SqlExecutor, Transaction } from '../../src/ports/database.port.ts';

/** Transaction-local: row-level security policies read it; it resets when the transaction ends. */
const SET_TENANT = "select set_config('app.tenant_id', $1, true)";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a textual UUID; anything else cannot name a row and must not reach a `::uuid` cast. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Run `work` in a transaction bound to one tenant: `app.tenant_id` is set first, so the
 * row-level security policies (second line of defence) hide every other tenant's rows.
 */
export async function inTenant<T>(db: Database, tenantId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await bindTenant(tx, tenantId);
    return work(tx);
  });
}

/** Bind the rest of this transaction to `tenantId` (inTenant does it first; a transaction creating a tenant does it once it has the id). */
export async function bindTenant(tx: SqlExecutor, tenantId: string): Promise<void> {
  await tx.query(SET_TENANT, [tenantId]);
}

/** The SQLSTATE and constraint of a driver error (pg and PGlite both expose them). */
export function sqlErrorOf(error: unknown): { code?: string; constraint?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
  };
}
