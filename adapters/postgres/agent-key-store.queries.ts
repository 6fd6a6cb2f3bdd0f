/** SQL of PostgresAgentKeyStore. Every statement runs bound to one tenant (`inTenant`). */

const COLUMNS = 'k.id, k.tenant_id, k.name, k.role, k.scopes, k.created_at, k.expires_at, k.revoked_at';

export const INSERT_AGENT_KEY = `
insert into agent_keys as k (id, tenant_id, name, key_hash, role, scopes, expires_at)
values ($1, $2, $3, $4, $5, $6::text[], $7)
returning ${COLUMNS}`;

export const SELECT_ACTIVE_AGENT_KEY = `
select ${COLUMNS}, t.locale, t.time_zone
from agent_keys k
join tenants t on t.id = k.tenant_id
where k.tenant_id = $1
  and k.key_hash = $2
  and k.revoked_at is null`;

export const SELECT_AGENT_KEYS = `
select ${COLUMNS}
from agent_keys k
where k.tenant_id = $1
order by k.created_at desc, k.id
limit 1000`;

export const REVOKE_AGENT_KEY = `
update agent_keys
set revoked_at = $3
where tenant_id = $1
  and id = $2
  and revoked_at is null`;
