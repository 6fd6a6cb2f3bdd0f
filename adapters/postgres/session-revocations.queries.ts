/** SQL of PostgresSessionRevocations. Parameters are positional; nothing here is built from input. Run inside inTenant(). */

/** Revoking twice keeps the first revocation and the later expiry. */
export const INSERT_REVOCATION = `
insert into session_revocations (tenant_id, session_id, expires_at)
values ($1, $2, $3)
on conflict (tenant_id, session_id) do update set expires_at = greatest(session_revocations.expires_at, excluded.expires_at)`;

/** Revocations whose tokens have expired anyway; run on each revocation, so the table stays small. */
export const DELETE_EXPIRED = `
delete from session_revocations
where tenant_id = $1 and expires_at < now()`;

export const SELECT_REVOKED = `
select 1
from session_revocations
where tenant_id = $1 and session_id = $2`;
