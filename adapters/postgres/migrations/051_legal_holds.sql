-- Legal holds (issue 10): while a hold applies, nothing it covers may be deleted, trashed by a
-- retention rule, purged or erased. A hold covers one file, every file of one customer id, or
-- the whole tenant. Holds are released, never deleted: the row keeps who placed and released it.

create table legal_holds (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id) on delete cascade,
  scope text not null check (scope in ('file', 'customer', 'tenant')),
  -- No foreign key: a hold (and its history) outlives what it covered.
  file_id uuid,
  customer_id text check (customer_id is null or char_length(customer_id) between 1 and 200),
  reason text not null check (char_length(reason) between 1 and 500),
  placed_by text not null,
  placed_at timestamptz not null default now(),
  released_at timestamptz,
  released_by text,
  check ((scope = 'file') = (file_id is not null)),
  check ((scope = 'customer') = (customer_id is not null)),
  check ((released_at is null) = (released_by is null))
);
create index legal_holds_active on legal_holds (tenant_id, scope) where released_at is null;
create index legal_holds_tenant on legal_holds (tenant_id, placed_at desc, id desc);

alter table legal_holds enable row level security;
alter table legal_holds force row level security;
create policy tenant_isolation on legal_holds
  using (tenant_id = (select vf_current_tenant())) with check (tenant_id = (select vf_current_tenant()));

-- The active hold that covers a file (the oldest, when several do), or null. For every query that
-- deletes or erases files: `where vf_file_hold(f.tenant_id, f.id) is null`. Runs as the caller, so
-- row-level security applies: inside the file's tenant scope it sees that tenant's holds only.
create function vf_file_hold(p_tenant_id uuid, p_file_id uuid) returns uuid
  language sql stable parallel safe
  as $$
    select h.id
    from legal_holds h
    where h.tenant_id = p_tenant_id
      and h.released_at is null
      and (h.scope = 'tenant'
        or (h.scope = 'file' and h.file_id = p_file_id)
        or (h.scope = 'customer' and h.customer_id = (select f.customer_id from files f where f.tenant_id = p_tenant_id and f.id = p_file_id)))
    order by h.placed_at, h.id
    limit 1
  $$;
