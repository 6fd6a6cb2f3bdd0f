/** SQL of PostgresAccessCodeStore. Parameters are positional; nothing here is built from input. Run inside inTenant(). */

const COLUMNS = 'c.id, c.tenant_id, c.kind, c.subject_id, c.issued_by, c.created_at, c.expires_at, c.use_limit, c.uses, c.attempt_limit, c.attempts, c.revoked_at';

/** Serialises issuing within one tenant, so the live-code cap holds under concurrent issues. */
export const LOCK_TENANT_CODES = "select pg_advisory_xact_lock(hashtext('vf_access_codes:' || $1::text))";

/** Live codes of the tenant at $2: not revoked, not expired, not used up, not locked. */
export const COUNT_LIVE = `
select count(*)::int as live
from access_codes c
where c.tenant_id = $1 and c.revoked_at is null and c.expires_at > $2
  and c.uses < c.use_limit and c.attempts < c.attempt_limit`;

export const INSERT_CODE = `
insert into access_codes as c (id, tenant_id, kind, subject_id, code_hash, issued_by, created_at, expires_at, use_limit, attempt_limit)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
returning ${COLUMNS}`;

export const SELECT_BY_HASHES = `
select ${COLUMNS}, c.code_hash
from access_codes c
where c.tenant_id = $1 and c.code_hash = any($2::text[])`;

export const SELECT_ONE = `select ${COLUMNS} from access_codes c where c.tenant_id = $1 and c.id = $2`;

export const SELECT_ONE_FOR_UPDATE = `${SELECT_ONE} for update`;

/** One attempt, and one use when $3 is true. */
export const COUNT_REDEMPTION = `
update access_codes as c
set attempts = c.attempts + 1, uses = c.uses + (case when $3::boolean then 1 else 0 end)
where c.tenant_id = $1 and c.id = $2
returning ${COLUMNS}`;

export const REVOKE = `
update access_codes as c
set revoked_at = coalesce(c.revoked_at, $3)
where c.tenant_id = $1 and c.id = $2
returning c.id`;

export const REVOKE_SUBJECT = `
update access_codes as c
set revoked_at = $4
where c.tenant_id = $1 and c.kind = $2 and c.subject_id = $3 and c.revoked_at is null`;
