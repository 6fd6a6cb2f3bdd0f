/** SQL of PostgresDataSubjectStore. Every statement filters on `tenant_id = $1`; nothing is built from input. */

/** The customer's live files with their current version and its blob. */
export const SELECT_CUSTOMER_FILES = `
select f.id as file_id, f.name, f.current_version, f.created_at, f.updated_at,
  v.id as version_id, v.status, v.sha256, v.size, v.mime_type, v.created_at as version_created_at,
  b.storage_key, b.quarantined_at is not null as quarantined,
  (select count(*) from file_versions c where c.tenant_id = f.tenant_id and c.file_id = f.id)::int as version_count
from files f
join file_versions v on v.tenant_id = f.tenant_id and v.file_id = f.id and v.version = f.current_version
join blobs b on b.tenant_id = v.tenant_id and b.id = v.blob_id
where f.tenant_id = $1 and f.customer_id = $2 and f.trashed_at is null
order by f.created_at, f.id`;

/** Every file of the customer (trashed too), locked, with the active hold covering it, if any. */
export const LOCK_CUSTOMER_FILES = `
select f.id, h.id as hold_id, h.reason as hold_reason
from files f
left join legal_holds h on h.tenant_id = f.tenant_id and h.id = vf_file_hold(f.tenant_id, f.id)
where f.tenant_id = $1 and f.customer_id = $2
order by f.created_at, f.id
for update of f`;

/**
 * Upload requests that brought in erased files ($2) and none of the held ones ($3): deleted
 * (their file slots go with them).
 */
export const DELETE_UPLOAD_REQUESTS = `
delete from upload_requests r
where r.tenant_id = $1
  and exists (select 1 from upload_request_files s where s.tenant_id = r.tenant_id and s.upload_id = r.id and s.file_id = any($2::uuid[]))
  and not exists (select 1 from upload_request_files s where s.tenant_id = r.tenant_id and s.upload_id = r.id and s.file_id = any($3::uuid[]))
returning r.id`;

/** Shares of the erased files (they go with the files, migration 041); their ids for the codes and the trail. */
export const SELECT_SHARES = `
select s.id from shares s where s.tenant_id = $1 and s.file_id = any($2::uuid[])`;

/** Share confirmations still pending for erased files (they hold the recipient). */
export const DELETE_SHARE_CONFIRMATIONS = `
delete from share_confirmations c where c.tenant_id = $1 and c.file_id = any($2::uuid[])`;

/** Download codes of those shares (or naming an erased file), and the upload codes of deleted requests. */
export const DELETE_ACCESS_CODES = `
delete from access_codes c
where c.tenant_id = $1
  and ((c.kind = 'download' and c.subject_id = any($2::uuid[])) or (c.kind = 'upload' and c.subject_id = any($3::uuid[])))
returning c.id`;

export const REDACT_AUDIT = `
select vf_redact_audit_events($1, $2::text[], $3) as redacted`;
