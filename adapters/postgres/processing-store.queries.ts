/**
 * SQL of PostgresProcessingStore. Every statement but SELECT_IN_STATES filters on
 * `tenant_id = $1` and runs bound to that tenant; nothing here is built from input.
 */

export const SELECT_WORK = `
select f.id, f.tenant_id, f.name, f.title, f.customer_id, f.visibility, f.current_version, f.created_at, f.updated_at, f.trashed_at, f.purge_after, f.tags, f.category, f.download_count, f.last_access_at,
  v.id as v_id, v.tenant_id as v_tenant_id, v.file_id as v_file_id, v.version as v_version, v.blob_id as v_blob_id,
  v.sha256 as v_sha256, v.size as v_size, v.mime_type as v_mime_type, v.extension as v_extension, v.kind as v_kind,
  v.status as v_status, v.status_reason as v_status_reason, v.metadata as v_metadata, v.created_at as v_created_at,
  b.storage_key, b.quarantined_at is not null as quarantined, t.locale
from file_versions v
join files f on f.tenant_id = v.tenant_id and f.id = v.file_id
join blobs b on b.tenant_id = v.tenant_id and b.id = v.blob_id
join tenants t on t.id = v.tenant_id
where v.tenant_id = $1 and v.id = $2`;

/** Compare-and-set: only from one of the statuses in $3; $5/$8 say whether to replace the reason/text. */
export const MOVE_VERSION = `
update file_versions as v
set status = $4,
    status_reason = case when $5::boolean then $6::text else v.status_reason end,
    metadata = v.metadata || $7::jsonb,
    extracted_text = case when $8::boolean then $9::text else v.extracted_text end
where v.tenant_id = $1 and v.id = $2 and v.status = any($3::text[])
returning v.id, v.tenant_id, v.file_id, v.version, v.blob_id, v.sha256, v.size, v.mime_type, v.extension,
  v.kind, v.status, v.status_reason, v.metadata, v.created_at`;

/** $3: at most this many characters, or null for all of it. */
export const SELECT_TEXT = `
select case when $3::integer is null then coalesce(extracted_text, '') else left(coalesce(extracted_text, ''), $3::integer) end as text
from file_versions where tenant_id = $1 and id = $2`;

export const QUARANTINE_BLOB = `
update blobs set quarantined_at = coalesce(quarantined_at, now()), quarantine_reason = coalesce(quarantine_reason, $3)
where tenant_id = $1 and id = $2`;

export const SELECT_SCAN = `
select verdict, signature from scan_results where tenant_id = $1 and sha256 = $2 and signature_version = $3`;

export const UPSERT_SCAN = `
insert into scan_results (tenant_id, sha256, signature_version, verdict, signature) values ($1, $2, $3, $4, $5)
on conflict (tenant_id, sha256, signature_version) do update set verdict = excluded.verdict, signature = excluded.signature, scanned_at = now()`;

/**
 * Platform-wide on purpose (resuming after a restart, rescanning): through the SECURITY DEFINER
 * function of migration 003, which returns ids and states only.
 */
export const SELECT_IN_STATES = `
select tenant_id, id, status from vf_versions_in_states($1::text[], $2)`;
