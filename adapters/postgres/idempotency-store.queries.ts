/** SQL of PostgresIdempotencyStore. Parameters are positional; nothing here is built from input. Run inside inTenant(). */

/** Keys older than the retention, for this tenant only: the purge costs what the tenant's own traffic does. */
export const DELETE_EXPIRED = `
delete from idempotency_keys
where tenant_id = $1 and created_at < $2`;

/**
 * A new claim, or the take-over of one whose holder's lease lapsed. Returns a row only when
 * the key is now ours; a live claim or a completed request leaves the row as it was.
 */
export const CLAIM = `
insert into idempotency_keys as k (tenant_id, key, fingerprint, state, lease_until, created_at)
values ($1, $2, $3, 'in_progress', $4, $5)
on conflict (tenant_id, key) do update
  set fingerprint = excluded.fingerprint, lease_until = excluded.lease_until, created_at = excluded.created_at
  where k.state = 'in_progress' and k.lease_until < $5
returning k.key`;

export const SELECT_KEY = `
select state, fingerprint, content_sha256, response_status, response_body
from idempotency_keys
where tenant_id = $1 and key = $2`;

export const EXTEND = `
update idempotency_keys
set lease_until = $3
where tenant_id = $1 and key = $2 and state = 'in_progress'`;

export const COMPLETE = `
update idempotency_keys
set state = 'completed', content_sha256 = $3, response_status = $4, response_body = $5
where tenant_id = $1 and key = $2 and state = 'in_progress'`;

export const RELEASE = `
delete from idempotency_keys
where tenant_id = $1 and key = $2 and state = 'in_progress'`;
