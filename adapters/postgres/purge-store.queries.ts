/**
 * SQL of PostgresPurgeStore. Every statement but TENANTS_WITH_WORK filters on `tenant_id = $1`
 * and runs bound to that tenant; nothing here is built from input.
 */

/** Platform-wide on purpose: tenant ids only, through migration 053's SECURITY DEFINER function. */
export const TENANTS_WITH_WORK = `
select tenant_id from vf_tenants_with_lifecycle_work($1)`;

export const DUE_FILES = `
select f.id from files f
where f.tenant_id = $1 and f.trashed_at is not null and f.purge_after <= now()
  and vf_file_hold(f.tenant_id, f.id) is null
order by f.purge_after, f.id
limit $2`;

/** Re-checked under the row lock; rows another purge run holds are skipped, not waited for. */
export const LOCK_DUE_FILES = `
select f.id from files f
where f.tenant_id = $1 and f.id = any($2::uuid[]) and f.trashed_at is not null and f.purge_after <= now()
  and vf_file_hold(f.tenant_id, f.id) is null
for update skip locked`;

export const VERSION_TOTALS = `
select v.file_id, count(*)::int as versions, coalesce(sum(v.size), 0)::bigint as bytes
from file_versions v where v.tenant_id = $1 and v.file_id = any($2::uuid[])
group by v.file_id`;

/** Delete the versions and take one reference off their blobs per deleted version; the blobs touched. */
export const DELETE_VERSIONS_AND_RELEASE_BLOBS = `
with gone as (
  delete from file_versions v where v.tenant_id = $1 and v.file_id = any($2::uuid[]) returning v.blob_id
), counted as (
  select blob_id, count(*)::int as n from gone group by blob_id
)
update blobs b set ref_count = greatest(b.ref_count - c.n, 0)
from counted c
where b.tenant_id = $1 and b.id = c.blob_id
returning b.id`;

/** Cascades to the search entries (with their passages and postings) and file_attachments (migrations 010, 020). */
export const DELETE_FILES = `
delete from files f where f.tenant_id = $1 and f.id = any($2::uuid[])`;

/**
 * Blobs of $2 that nothing references any more: deleted, their keys queued. The ref_count test is
 * on the locked row, so an upload that took a reference meanwhile keeps the blob.
 */
export const DELETE_UNREFERENCED_BLOBS = `
with gone as (
  delete from blobs b
  where b.tenant_id = $1 and b.id = any($2::uuid[]) and b.ref_count <= 0
    and not exists (select 1 from file_versions v where v.tenant_id = b.tenant_id and v.blob_id = b.id)
  returning b.storage_key
)
insert into blob_deletions (tenant_id, storage_key)
select $1, storage_key from gone
on conflict do nothing
returning storage_key`;

/** One `file.purge` event per file: ids and counts only, never names or content. */
export const INSERT_PURGE_EVENTS = `
insert into audit_events (tenant_id, actor, role, action, target, outcome, detail)
select $1, 'lifecycle', 'system', 'file.purge', p.file_id, 'ok', jsonb_build_object('versions', p.versions, 'bytes', p.bytes)
from jsonb_to_recordset($2::jsonb) as p(file_id text, versions int, bytes bigint)`;

export const PENDING_BLOB_KEYS = `
select storage_key from blob_deletions where tenant_id = $1 order by queued_at, storage_key limit $2`;

export const FORGET_BLOB_KEYS = `
delete from blob_deletions where tenant_id = $1 and storage_key = any($2::text[])`;

/**
 * Live files past a retention maximum and not held, moved to the trash (the tenant's trash_days
 * from now), each with its audit event naming the rule. The longest matching maximum applies.
 */
export const TRASH_EXPIRED = `
with due as (
  select f.id, max(r.max_days) as max_days, (array_agg(r.id order by r.max_days desc))[1] as rule_id
  from files f
  join retention_rules r on r.tenant_id = f.tenant_id and r.max_days is not null
  where f.tenant_id = $1 and f.trashed_at is null
    and vf_retention_matches(to_jsonb(f), r.match, r.value)
  group by f.id
  having min(f.created_at) + make_interval(days => max(r.max_days)) <= now()
), picked as (
  select d.id, d.rule_id from due d
  join files f on f.tenant_id = $1 and f.id = d.id
  where vf_file_hold(f.tenant_id, f.id) is null
  order by d.id
  limit $2
  for update of f skip locked
), trashed as (
  update files f
  set trashed_at = now(), purge_after = now() + make_interval(days => t.trash_days), trashed_by = 'retention:' || p.rule_id, updated_at = now()
  from picked p, tenants t
  where t.id = f.tenant_id and f.tenant_id = $1 and f.id = p.id and f.trashed_at is null
  returning f.id, p.rule_id, f.purge_after
), audited as (
  insert into audit_events (tenant_id, actor, role, action, target, outcome, detail)
  select $1, 'lifecycle', 'system', 'file.trash', tr.id::text, 'ok', jsonb_build_object('rule_id', tr.rule_id, 'purge_after', tr.purge_after)
  from trashed tr
)
select id from trashed`;

/** Every unheld trashed file due now; counts of those and of the held ones, with the audit event. */
export const EXPEDITE_TRASH = `
with marked as (
  update files f set purge_after = least(f.purge_after, now())
  where f.tenant_id = $1 and f.trashed_at is not null and vf_file_hold(f.tenant_id, f.id) is null
  returning f.id
), held as (
  select count(*)::int as n from files f where f.tenant_id = $1 and f.trashed_at is not null and vf_file_hold(f.tenant_id, f.id) is not null
), audited as (
  insert into audit_events (tenant_id, actor, role, request_id, action, target, outcome, detail)
  select $1, $2, $3, $4, 'trash.empty', null, 'ok', jsonb_build_object('due', (select count(*) from marked), 'held', (select n from held))
)
select (select count(*)::int from marked) as due, (select n from held) as held`;
