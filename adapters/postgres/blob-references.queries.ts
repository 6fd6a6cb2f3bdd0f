/** SQL of PostgresBlobReferences: runs bound to the tenant, like every tenant statement. */

export const SELECT_REFERENCED_KEYS = `
select storage_key from blobs
where tenant_id = $1 and storage_key = any($2::text[])`;
