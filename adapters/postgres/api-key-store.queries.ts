/** SQL of PostgresApiKeyStore. Parameters are positional; nothing here is built from input. Run inside inTenant(). */

const KEY_COLUMNS = 'k.id, k.tenant_id, coalesce(k.name, k.label) as name, k.created_at, k.expires_at, k.revoked_at';

export const INSERT_KEY = `
insert into api_keys as k (id, tenant_id, key_hash, name, expires_at)
values ($1, $2, $3, $4, $5)
returning ${KEY_COLUMNS}`;

export const SELECT_KEYS = `
select ${KEY_COLUMNS}
from api_keys k
where k.tenant_id = $1
order by k.created_at desc, k.id desc`;

/** Sets revoked_at only the first time; returns the key either way (nothing when it is not the tenant's). */
export const REVOKE_KEY = `
update api_keys as k
set revoked_at = coalesce(k.revoked_at, now())
where k.tenant_id = $1 and k.id = $2
returning ${KEY_COLUMNS}`;
