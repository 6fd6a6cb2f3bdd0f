/**
 * SQL of quotas (PostgresQuotaStore, and the check in PostgresFileCatalog.recordIntake).
 * Every statement filters on the tenant ($1); nothing here is built from input.
 */

/** The tenant's limits; the tenants table is platform-wide (no row-level security). */
export const SELECT_QUOTA = `
select t.quota_bytes, t.quota_files
from tenants t
where t.id = $1`;

/**
 * Lock the tenant's quota row (made on first use) for the rest of the transaction: concurrent
 * uploads of one tenant pass the check one after another, each seeing the others' bytes.
 */
export const LOCK_QUOTA_STATE = `
insert into tenant_quota_state as s (tenant_id)
values ($1)
on conflict (tenant_id) do update set warned_percent = s.warned_percent
returning s.warned_percent`;

/** Deduplicated usage: each referenced blob once, and the files. */
export const SELECT_USAGE = `
select
  (select coalesce(sum(b.size), 0) from blobs b where b.tenant_id = $1 and b.ref_count > 0)::bigint as bytes,
  (select count(*) from files f where f.tenant_id = $1)::bigint as files`;

/** The quota row's warning state (no row: never warned). */
export const SELECT_QUOTA_STATE = `
select s.warned_percent, s.last_warning_percent, s.last_warning_measure, s.last_warning_at, s.last_warning_bytes, s.last_warning_files
from tenant_quota_state s
where s.tenant_id = $1`;

/** A warning given now at $2 percent. */
export const RECORD_WARNING = `
update tenant_quota_state
set warned_percent = $2, last_warning_percent = $2, last_warning_measure = $3, last_warning_at = $4,
    last_warning_bytes = $5, last_warning_files = $6
where tenant_id = $1`;

/** Usage fell below the level warned about: crossing it again warns again. */
export const LOWER_WARNED_LEVEL = `
update tenant_quota_state
set warned_percent = $2
where tenant_id = $1`;
