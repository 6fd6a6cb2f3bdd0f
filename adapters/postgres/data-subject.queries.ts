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
