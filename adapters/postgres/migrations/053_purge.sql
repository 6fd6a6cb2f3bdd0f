-- The purge (issue 10): removing for good what passed its trash period, resumably.
--
-- A purge transaction deletes the files (their versions, extracted text, search documents and
-- attachment links go with them), takes one reference off each blob per deleted version, and
-- deletes the blob rows nothing references any more, queueing their storage keys here in the
-- same transaction. The bytes are deleted after the commit and the row then forgotten; a run that
-- died in between finds the row on its next run (deleting an absent object is not an error).
-- Deleting the blob row first means an upload of the same content after the purge makes a new
-- blob with a new key instead of reusing bytes that are about to go.

create table blob_deletions (
  tenant_id uuid not null references tenants (id) on delete cascade,
  storage_key text not null,
  queued_at timestamptz not null default now(),
  primary key (tenant_id, storage_key)
);

alter table blob_deletions enable row level security;
alter table blob_deletions force row level security;
create policy tenant_isolation on blob_deletions
  using (tenant_id = (select vf_current_tenant())) with check (tenant_id = (select vf_current_tenant()));
create policy platform_functions on blob_deletions
  using ((select vf_platform_access())) with check ((select vf_platform_access()));

-- The platform-wide question of the scheduled lifecycle job (purge, retention, deletions left
-- over): which tenants have work now. Tenant ids only; the work itself runs bound to each tenant.
create function vf_tenants_with_lifecycle_work(p_limit integer)
  returns table (tenant_id uuid)
  language plpgsql stable security definer
  set search_path from current
  as $$
  declare
    previous text := current_setting('app.platform', true);
  begin
    perform set_config('app.platform', 'on', true);
    return query
      select w.tenant_id from (
        select f.tenant_id from files f where f.trashed_at is not null and f.purge_after <= now()
        union
        select d.tenant_id from blob_deletions d
        union
        select r.tenant_id from retention_rules r where r.max_days is not null
      ) w
      order by w.tenant_id
      limit least(greatest(p_limit, 0), 100000);
    perform set_config('app.platform', coalesce(previous, ''), true);
  end
  $$;

-- retention_rules had no platform policy; the function above reads it.
create policy platform_functions on retention_rules
  using ((select vf_platform_access())) with check ((select vf_platform_access()));
