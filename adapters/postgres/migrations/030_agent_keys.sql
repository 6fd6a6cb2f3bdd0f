-- Agent keys: tenant-issued, revocable credentials for voice platforms configured once per
-- assistant with a static header (Vapi server.headers, ElevenLabs secret_token, Retell custom
-- headers). Role, scopes and expiry are fixed at issue; the key itself is stored only as a
-- keyed hash. The key's text names its tenant, so lookups run bound to that tenant and the
-- policy below can fail closed.
create table agent_keys (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  key_hash text not null unique,
  role text not null check (role in ('caller', 'staff')),
  scopes text[] not null check (cardinality(scopes) > 0 and scopes <@ array['read', 'share', 'upload']::text[]),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz
);
create index agent_keys_tenant on agent_keys (tenant_id, created_at desc);

alter table agent_keys enable row level security;
alter table agent_keys force row level security;
create policy tenant_isolation on agent_keys
  using (tenant_id = vf_current_tenant())
  with check (tenant_id = vf_current_tenant());
