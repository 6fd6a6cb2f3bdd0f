/** SQL of PostgresAccessCounters. Every statement filters on `tenant_id = $1`; nothing is built from input. */

export const COUNT_FILE_DOWNLOAD = `
update files
set download_count = download_count + 1, last_access_at = greatest(coalesce(last_access_at, $3), $3)
where tenant_id = $1 and id = $2`;

export const COUNT_SHARE_DOWNLOAD = `
insert into share_access_counts as s (tenant_id, share_id, file_id, downloads, last_access_at)
select $1, $4, $2, 1, $3
where exists (select 1 from files f where f.tenant_id = $1 and f.id = $2)
on conflict (tenant_id, share_id) do update
set downloads = s.downloads + 1, last_access_at = greatest(s.last_access_at, excluded.last_access_at)`;
