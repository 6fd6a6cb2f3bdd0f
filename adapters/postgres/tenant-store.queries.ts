/** SQL of PostgresTenantStore. Parameters are positional; nothing here is built from input. */

const TENANT_COLUMNS = 't.id, t.slug, t.name, t.locale, t.created_at, t.quota_bytes, t.quota_files, t.trash_days, t.time_zone';

export const INSERT_TENANT = `
insert into tenants as t (slug, name, locale, quota_bytes, quota_files, trash_days, time_zone)
values ($1, $2, $3, $4, $5, coalesce($6, 30), coalesce($7, 'UTC'))
returning ${TENANT_COLUMNS}`;

export const INSERT_API_KEY = `
insert into api_keys (id, tenant_id, key_hash, label)
values ($1, $2, $3, $4)`;

export const SELECT_TENANT_BY_ID = `
select ${TENANT_COLUMNS}
from tenants t
where t.id = $1`;

export const SELECT_TENANTS = `
select ${TENANT_COLUMNS}
from tenants t
order by t.created_at, t.id`;

export const SELECT_TENANT_BY_SLUG = `
select ${TENANT_COLUMNS}
from tenants t
where t.slug = $1`;

/**
 * Platform lookup (no tenant yet): the key row comes through the SECURITY DEFINER function of
 * migration 003, the only way the runtime role reads api_keys without a tenant bound; whether it
 * is still good is decided here.
 */
export const SELECT_ACTIVE_API_KEY = `
select ${TENANT_COLUMNS}, k.id as key_id
from vf_find_api_key($1) k
join tenants t on t.id = k.tenant_id
where k.revoked_at is null
  and (k.expires_at is null or k.expires_at > now())`;

/** $2..$4, $8: new values; $5..$7, $9: whether each is changed (a quota can be set back to null: no limit). */
export const UPDATE_TENANT_SETTINGS = `
update tenants as t
set quota_bytes = case when $5::boolean then $2::bigint else t.quota_bytes end,
    quota_files = case when $6::boolean then $3::bigint else t.quota_files end,
    trash_days = case when $7::boolean then $4::integer else t.trash_days end,
    time_zone = case when $9::boolean then $8::text else t.time_zone end
where t.slug = $1
returning ${TENANT_COLUMNS}`;
