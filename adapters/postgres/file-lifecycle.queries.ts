/**
 * SQL of PostgresFileLifecycle: trash, restore from the trash, version restores. Every statement
 * filters on `tenant_id = $1` and runs bound to that tenant; nothing here is built from input.
 */
import { FILE_COLUMNS, VERSION_COLUMNS } from './file-catalog.queries.ts';

/** The live file, locked: a delete, a restore and the purge of one file serialise on it. */
export const LOCK_LIVE_FILE = `
select f.id, f.customer_id, f.created_at from files f
where f.tenant_id = $1 and f.id = $2 and f.trashed_at is null
for update`;

/** The active hold that covers the file (migration 051's vf_file_hold), with its reason. */
export const COVERING_HOLD = `
select h.id, h.reason from legal_holds h
where h.tenant_id = $1 and h.id = vf_file_hold($1, $2)`;

/** Into the trash until now + the tenant's trash_days; $3 names who deleted it. */
export const TRASH_FILE = `
update files as f
set trashed_at = now(), purge_after = now() + make_interval(days => t.trash_days), trashed_by = $3, updated_at = now()
from tenants t
where t.id = f.tenant_id and f.tenant_id = $1 and f.id = $2 and f.trashed_at is null
returning ${FILE_COLUMNS}`;

export const RESTORE_FILE = `
update files as f
set trashed_at = null, purge_after = null, trashed_by = null, updated_at = now()
where f.tenant_id = $1 and f.id = $2 and f.trashed_at is not null
returning ${FILE_COLUMNS}`;

/** The next version number of a live file, taken under its row lock. */
export const BUMP_LIVE_FILE = `
update files as f
set current_version = f.current_version + 1, updated_at = now()
where f.tenant_id = $1 and f.id = $2 and f.trashed_at is null
returning ${FILE_COLUMNS}`;

export const SELECT_SOURCE_VERSION = `
select v.id, v.blob_id, v.status, b.quarantined_at is not null as quarantined
from file_versions v
join blobs b on b.tenant_id = v.tenant_id and b.id = v.blob_id
where v.tenant_id = $1 and v.file_id = $2 and v.version = $3`;

export const ADD_BLOB_REFERENCE = `
update blobs set ref_count = ref_count + 1 where tenant_id = $1 and id = $2`;

/**
 * The copy of version $4 as version $3: same content; with $5 (it was ready) also its state,
 * reason, metadata and extracted text, otherwise `stored` for the pipeline to process again.
 */
export const INSERT_RESTORED_VERSION = `
insert into file_versions as v (tenant_id, file_id, version, blob_id, sha256, size, mime_type, extension, kind,
  status, status_reason, metadata, extracted_text, uploaded_by, restored_from)
select s.tenant_id, s.file_id, $3, s.blob_id, s.sha256, s.size, s.mime_type, s.extension, s.kind,
  case when $5::boolean then s.status else 'stored' end,
  case when $5::boolean then s.status_reason end,
  case when $5::boolean then s.metadata else '{}'::jsonb end,
  case when $5::boolean then s.extracted_text end,
  $6, s.version
from file_versions s
where s.tenant_id = $1 and s.file_id = $2 and s.id = $4
returning ${VERSION_COLUMNS}`;
