/** SQL of PostgresUploadRequestStore. Every statement runs bound to one tenant (`inTenant`). */

const REQUEST_COLUMNS =
  'r.id, r.tenant_id, r.call_key, r.session_id, r.actor, r.purpose, r.max_files, r.max_bytes, r.types, r.locale, r.progress_token, r.created_at, r.deadline, r.closed_at';

const FILE_COLUMNS = 'f.upload_id, f.blob_id, f.name, f.declared_size, f.extension, f.file_id, f.version_id, f.refusal, f.created_at, f.completed_at';

export const INSERT_REQUEST = `
insert into upload_requests as r (id, tenant_id, call_key, session_id, actor, purpose, max_files, max_bytes, types, locale, progress_token, created_at, deadline)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10, $11::jsonb, $12, $13)
returning ${REQUEST_COLUMNS}`;

export const SELECT_REQUEST = `
select ${REQUEST_COLUMNS}
from upload_requests r
where r.tenant_id = $1 and r.id = $2`;

/** Locks the request row, so concurrent reservations count each other. */
export const LOCK_REQUEST = `
select r.id from upload_requests r where r.tenant_id = $1 and r.id = $2 for update`;

/** Slots that count against max_files: not refused, and in, being taken in, or announced within the hour (an abandoned one frees its place). */
export const COUNT_LIVE_SLOTS = `
select count(*)::int as n from upload_request_files f
where f.tenant_id = $1 and f.upload_id = $2 and f.refusal is null
  and (f.completed_at is not null or f.claimed_at is not null or f.created_at > now() - interval '1 hour')`;

export const INSERT_SLOT = `
insert into upload_request_files as f (tenant_id, upload_id, blob_id, name, declared_size, extension)
values ($1, $2, $3, $4, $5, $6)
returning ${FILE_COLUMNS}`;

export const CLAIM_SLOT = `
update upload_request_files as f
set claimed_at = now()
where f.tenant_id = $1 and f.upload_id = $2 and f.blob_id = $3 and f.claimed_at is null and f.completed_at is null`;

export const RELEASE_SLOT = `
update upload_request_files as f
set claimed_at = null
where f.tenant_id = $1 and f.upload_id = $2 and f.blob_id = $3 and f.completed_at is null`;

export const COMPLETE_SLOT = `
update upload_request_files as f
set file_id = $4, version_id = $5, refusal = $6, completed_at = now()
where f.tenant_id = $1 and f.upload_id = $2 and f.blob_id = $3 and f.completed_at is null
returning ${FILE_COLUMNS}`;

export const SELECT_FILES = `
select ${FILE_COLUMNS}, v.status as version_status, v.status_reason
from upload_request_files f
left join file_versions v on v.tenant_id = f.tenant_id and v.id = f.version_id
where f.tenant_id = $1 and f.upload_id = $2
order by f.created_at, f.blob_id
limit 100`;

export const FIND_BY_FILE = `
select ${FILE_COLUMNS}, v.status as version_status, v.status_reason
from upload_request_files f
left join file_versions v on v.tenant_id = f.tenant_id and v.id = f.version_id
where f.tenant_id = $1 and f.file_id = $2
order by f.completed_at desc nulls last
limit 1`;

export const SELECT_FOR_CALL = `
select ${REQUEST_COLUMNS}
from upload_requests r
where r.tenant_id = $1 and r.call_key = $2
order by r.created_at desc
limit 20`;
