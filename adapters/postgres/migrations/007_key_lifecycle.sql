-- Key lifecycle (issue 6): tenant API keys get a name and an optional expiry; session tokens can
-- be revoked before they expire. Keys made earlier keep their `label` as their name.

alter table api_keys add column name text check (name is null or length(name) between 1 and 100);
alter table api_keys add column expires_at timestamptz;

-- Sessions revoked before their tokens expire. Verification asks here (behind a short cache).
create table session_revocations (
  tenant_id uuid not null references tenants (id) on delete cascade,
  session_id uuid not null,
  revoked_at timestamptz not null default now(),
  -- When the revoked token is dead anyway; the row may be removed after this.
  expires_at timestamptz not null,
  primary key (tenant_id, session_id)
);
create index session_revocations_expiry on session_revocations (tenant_id, expires_at);

-- Fails closed: with no tenant bound, vf_current_tenant() is null and no row matches.
alter table session_revocations enable row level security;
alter table session_revocations force row level security;
create policy tenant_isolation on session_revocations
  using (tenant_id = vf_current_tenant())
  with check (tenant_id = vf_current_tenant());
