/** SQL of PostgresTenantStore. Parameters are positional; nothing here is built from input. */

const TENANT_COLUMNS = 't.id, t.slug, t.name, t.locale, t.created_at';

export const INSERT_TENANT = `
insert into tenants as t (slug, name, locale)
values ($1, $2, $3)
returning ${TENANT_COLUMNS}`;

export const INSERT_API_KEY = `
insert into api_keys (id, tenant_id, key_hash, label)
values ($1, $2, $3, $4)`;

export const SELECT_TENANT_BY_ID = `
select ${TENANT_COLUMNS}
from tenants t
where t.id = $1`;

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
