/**
 * SQL of PostgresAttachmentStore. Every statement filters on `tenant_id = $1`;
 * nothing here is built from input.
 */

const FILE_COLUMNS = 'f.id, f.tenant_id, f.name, f.title, f.customer_id, f.visibility, f.current_version, f.created_at, f.updated_at';

const VERSION_COLUMNS = `v.id, v.tenant_id, v.file_id, v.version, v.blob_id, v.sha256, v.size, v.mime_type, v.extension,
  v.kind, v.status, v.status_reason, v.metadata, v.created_at`;

/** The attachment recorded before at this position of this parent version, with its first version (`v_` columns). */
export const SELECT_RECORDED = `
select ${FILE_COLUMNS},
  v.id as v_id, v.tenant_id as v_tenant_id, v.file_id as v_file_id, v.version as v_version, v.blob_id as v_blob_id,
  v.sha256 as v_sha256, v.size as v_size, v.mime_type as v_mime_type, v.extension as v_extension, v.kind as v_kind,
  v.status as v_status, v.status_reason as v_status_reason, v.metadata as v_metadata, v.created_at as v_created_at
from file_attachments a
join files f on f.tenant_id = a.tenant_id and f.id = a.file_id
join file_versions v on v.tenant_id = f.tenant_id and v.file_id = f.id and v.version = 1
where a.tenant_id = $1 and a.parent_version_id = $2 and a.position = $3`;

/** A new file that inherits who may see it from the message it came in ($2: the message version). */
export const INSERT_FILE_LIKE_PARENT = `
insert into files as f (tenant_id, name, customer_id, visibility)
select $1, $3, p.customer_id, p.visibility
from file_versions pv
join files p on p.tenant_id = pv.tenant_id and p.id = pv.file_id
where pv.tenant_id = $1 and pv.id = $2
returning ${FILE_COLUMNS}`;

/** Reuse the tenant's blob with this sha256 (counting one more reference) or insert this one. */
export const UPSERT_BLOB = `
insert into blobs (id, tenant_id, sha256, size, storage_key)
values ($2, $1, $3, $4, $5)
on conflict (tenant_id, sha256) do update set ref_count = blobs.ref_count + 1
returning id`;

export const INSERT_VERSION = `
insert into file_versions as v (tenant_id, file_id, version, blob_id, sha256, size, mime_type, extension, kind, metadata)
values ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9::jsonb)
returning ${VERSION_COLUMNS}`;

/** The link, one level deeper than the message's own link (0 when the message was uploaded). */
export const INSERT_LINK = `
insert into file_attachments (tenant_id, file_id, parent_file_id, parent_version_id, position, depth)
select $1, $2, pv.file_id, pv.id, $4,
  coalesce((select a.depth from file_attachments a where a.tenant_id = $1 and a.file_id = pv.file_id), 0) + 1
from file_versions pv
where pv.tenant_id = $1 and pv.id = $3`;

export const SELECT_DEPTH = `
select depth from file_attachments where tenant_id = $1 and file_id = $2`;
