/** SQL of PostgresAuditLog. audit_events is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. */

export const INSERT_EVENT = `
insert into audit_events (tenant_id, actor, role, call_id, request_id, action, target, outcome, detail)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`;

/** Newest first; $2/$3 filter by action/target when not null. */
export const SELECT_EVENTS = `
select id, at, tenant_id, actor, role, call_id, request_id, action, target, outcome, detail
from audit_events
where tenant_id = $1
  and ($2::text is null or action = $2)
  and ($3::text is null or target = $3)
order by at desc, id desc
limit $4`;

/** A platform action (no tenant): through the SECURITY DEFINER function of migration 003; same parameters as INSERT_EVENT but the first. */
export const INSERT_PLATFORM_EVENT = `
select vf_append_platform_audit($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`;
