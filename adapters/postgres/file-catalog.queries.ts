/**
 * SQL of PostgresFileCatalog. Every statement filters on `tenant_id = $1` (the first line of
 * defence; row-level security is the second). Nothing here is built from input.
 */

export const FILE_COLUMNS = 'f.id, f.tenant_id, f.name, f.title, f.customer_id, f.visibility, f.current_version, f.created_at, f.updated_at, f.trashed_at, f.purge_after, f.tags, f.category, f.download_count, f.last_access_at';

export const VERSION_COLUMNS = `v.id, v.tenant_id, v.file_id, v.version, v.blob_id, v.sha256, v.size, v.mime_type, v.extension,
  v.kind, v.status, v.status_reason, v.metadata, v.created_at, v.uploaded_by, v.restored_from`;

/** File columns as-is, current-version columns prefixed `v_`, the version count and the keyset cursor value. */
const DETAIL_COLUMNS = `${FILE_COLUMNS},
  v.id as v_id, v.tenant_id as v_tenant_id, v.file_id as v_file_id, v.version as v_version, v.blob_id as v_blob_id,
  v.sha256 as v_sha256, v.size as v_size, v.mime_type as v_mime_type, v.extension as v_extension, v.kind as v_kind,
  v.status as v_status, v.status_reason as v_status_reason, v.metadata as v_metadata, v.created_at as v_created_at,
  v.uploaded_by as v_uploaded_by, v.restored_from as v_restored_from,
  (select count(*) from file_versions c where c.tenant_id = f.tenant_id and c.file_id = f.id)::int as version_count,
  (extract(epoch from f.updated_at) * 1000000)::bigint::text as updated_us`;

const DETAIL_FROM = `
from files f
join file_versions v on v.tenant_id = f.tenant_id and v.file_id = f.id and v.version = f.current_version`;

/**
 * The VisibilityFilter ($n: no restriction, $n+1: the caller's customer id): public files,
 * plus customer files of that customer; internal files only without restriction.
 */
const visible = (all: string, customer: string) =>
  `(${all}::boolean or f.visibility = 'public' or (f.visibility = 'customer' and f.customer_id = ${customer}::text))`;

/** Reuse the tenant's blob with this sha256 (counting one more reference) or insert this one. */
export const UPSERT_BLOB = `
insert into blobs (id, tenant_id, sha256, size, storage_key)
values ($2, $1, $3, $4, $5)
on conflict (tenant_id, sha256) do update set ref_count = blobs.ref_count + 1
returning id`;

export const INSERT_FILE = `
insert into files as f (tenant_id, name, customer_id, visibility)
values ($1, $2, $3, $4)
returning ${FILE_COLUMNS}`;

/**
 * A new version of an existing file: the row lock serialises concurrent uploads to one file.
 * A file in the trash takes no new versions (restore it first).
 */
export const BUMP_FILE_VERSION = `
update files as f
set current_version = f.current_version + 1, name = $3, updated_at = now()
where f.tenant_id = $1 and f.id = $2 and f.trashed_at is null
returning ${FILE_COLUMNS}`;

export const INSERT_VERSION = `
insert into file_versions as v (tenant_id, file_id, version, blob_id, sha256, size, mime_type, extension, kind, uploaded_by)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
returning ${VERSION_COLUMNS}`;

/** $5: also a file in the trash (the owner's own API reads it; nothing else may). */
export const SELECT_FILE_DETAIL = `
select ${DETAIL_COLUMNS},
  (select coalesce(jsonb_agg(jsonb_build_object('share_id', s.share_id, 'downloads', s.downloads, 'last_access_at', s.last_access_at) order by s.last_access_at desc), '[]'::jsonb)
   from share_access_counts s where s.tenant_id = f.tenant_id and s.file_id = f.id) as share_access
${DETAIL_FROM}
where f.tenant_id = $1 and f.id = $2
  and ${visible('$3', '$4')}
  and ($5::boolean or f.trashed_at is null)`;

/** Several live files at once ($2 their ids), for search results: one round trip, not one per hit. */
export const SELECT_FILE_DETAILS = `
select ${DETAIL_COLUMNS},
  (select coalesce(jsonb_agg(jsonb_build_object('share_id', s.share_id, 'downloads', s.downloads, 'last_access_at', s.last_access_at) order by s.last_access_at desc), '[]'::jsonb)
   from share_access_counts s where s.tenant_id = f.tenant_id and s.file_id = f.id) as share_access
${DETAIL_FROM}
where f.tenant_id = $1 and f.id = any($2::uuid[])
  and ${visible('$3', '$4')}
  and f.trashed_at is null`;

/**
 * Newest first by (updated_at, id); $2/$3 is the cursor (microseconds since epoch, id) or null;
 * $6: the trash (true) or the live files (false).
 */
export const SELECT_FILE_PAGE = `
select ${DETAIL_COLUMNS}
${DETAIL_FROM}
where f.tenant_id = $1
  and ($2::bigint is null or (f.updated_at, f.id) < (timestamptz 'epoch' + $2::bigint * interval '1 microsecond', $3::uuid))
  and ${visible('$4', '$5')}
  and (f.trashed_at is not null) = $6::boolean
order by f.updated_at desc, f.id desc
limit $7`;

export const SELECT_VERSIONS = `
select ${VERSION_COLUMNS}
from file_versions v
where v.tenant_id = $1 and v.file_id = $2
order by v.version`;

export const SELECT_VERSION = `
select ${VERSION_COLUMNS}
from file_versions v
where v.tenant_id = $1 and v.id = $2`;
